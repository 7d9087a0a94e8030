/* test_input.c — api/pipeline/input.c: what input_string/int/bool accept from a body and from a
 * query string (a GET), the arrays of a query string and what input_refs reports, the Laravel-style
 * messages they record on the call, and attribute naming. Each test gets a struct call whose arena
 * is current, as inside router_dispatch(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "testlib.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"

struct fx {
    struct arena a;
    struct request req;
    struct call c;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    arena_init(&f->a, 0);
    f->req.method = "POST";
    f->c.a = &f->a;
    f->c.req = &f->req;
    arena_set_current(&f->a);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    arena_set_current(NULL);
    arena_reset(&f->a);
    free(f);
    return 0;
}

/* Give the call a new body and forget earlier outcomes (the arena keeps the old ones). */
static struct call *with_body(void **state, const char *json)
{
    struct fx *f = *state;
    json_error_t e;
    f->c.errors = NULL;
    f->c.message = NULL;
    f->c.rc = RC_OK;
    f->c.body = json_loads(json, JSON_REJECT_DUPLICATES, &e);
    if (!f->c.body)
        fail_msg("bad test JSON %s: %s", json, e.text);
    return &f->c;
}

/* A GET's call: no body, the query string q is the input. */
static struct call *with_query(void **state, const char *q)
{
    struct fx *f = *state;
    f->c.errors = NULL;
    f->c.message = NULL;
    f->c.rc = RC_OK;
    f->c.body = NULL;
    f->c.input_qs = true;
    assert_int_equal(qs_parse(&f->a, q, strlen(q), &f->c.qs), RC_OK);
    return &f->c;
}

/* The first message recorded for field, or NULL. */
static const char *error_of(const struct call *c, const char *field)
{
    return json_string_value(json_array_get(json_object_get(c->errors, field), 0));
}

static void assert_error(const struct call *c, const char *field, const char *msg)
{
    const char *got = error_of(c, field);
    if (!got || strcmp(got, msg) != 0)
        fail_msg("field %s: got \"%s\", want \"%s\"", field, got ? got : "(none)", msg);
    assert_int_equal(call_check(c), RC_INVALID);
}

static void assert_no_errors(const struct call *c)
{
    if (c->errors && json_object_size(c->errors)) {
        char *dump = json_dumps(c->errors, 0);
        fail_msg("unexpected errors %s", dump ? dump : "?");
    }
    assert_int_equal(call_check(c), RC_OK);
}

/* ---- input_int ---- */

static int64_t int_ok(void **state, const char *json)
{
    struct call *c = with_body(state, json);
    int64_t v = -999;
    enum input_state st = input_int(c, "n", 0, INT64_MIN, INT64_MAX, &v);
    if (st != IN_VALUE)
        fail_msg("%s: state %d", json, st);
    assert_no_errors(c);
    return v;
}

static void int_bad(void **state, const char *json, const char *msg)
{
    struct call *c = with_body(state, json);
    int64_t v = -999;
    assert_int_equal(input_int(c, "boardId", 0, INT64_MIN, INT64_MAX, &v), IN_BAD);
    assert_int_equal(v, -999);
    assert_error(c, "boardId", msg);
}

static void input_int_accepts_json_integers(void **state)
{
    assert_int_equal(int_ok(state, "{\"n\":5}"), 5);
    assert_int_equal(int_ok(state, "{\"n\":-5}"), -5);
    assert_int_equal(int_ok(state, "{\"n\":0}"), 0);
    assert_true(int_ok(state, "{\"n\":9223372036854775807}") == INT64_MAX);
    assert_true(int_ok(state, "{\"n\":-9223372036854775808}") == INT64_MIN);
}

static void input_int_accepts_numeric_strings(void **state)
{
    assert_int_equal(int_ok(state, "{\"n\":\"42\"}"), 42);
    assert_int_equal(int_ok(state, "{\"n\":\"-7\"}"), -7);
    assert_int_equal(int_ok(state, "{\"n\":\"007\"}"), 7);
}

static void input_int_accepts_whole_reals(void **state)
{
    assert_int_equal(int_ok(state, "{\"n\":5.0}"), 5);
    assert_int_equal(int_ok(state, "{\"n\":-3.0}"), -3);
    assert_int_equal(int_ok(state, "{\"n\":1e3}"), 1000);
    assert_int_equal(int_ok(state, "{\"n\":-0.0}"), 0);
}

static void input_int_rejects_fractional_reals(void **state)
{
    int_bad(state, "{\"boardId\":5.5}", "The board id must be an integer.");
    int_bad(state, "{\"boardId\":0.1}", "The board id must be an integer.");
    int_bad(state, "{\"boardId\":-1e-9}", "The board id must be an integer.");
}

static void input_int_rejects_reals_beyond_2_pow_53(void **state)
{
    int_bad(state, "{\"boardId\":1e300}", "The board id must be an integer.");
    int_bad(state, "{\"boardId\":9007199254740992.0}", "The board id must be an integer.");
    assert_true(int_ok(state, "{\"n\":9007199254740991.0}") == INT64_C(9007199254740991));
}

static void input_int_rejects_other_types_and_junk_strings(void **state)
{
    static const char *const bad[] = {
        "{\"boardId\":true}",    "{\"boardId\":[1]}",
        "{\"boardId\":{}}",      "{\"boardId\":\"5a\"}",
        "{\"boardId\":\"5.0\"}", "{\"boardId\":\"0x10\"}",
        "{\"boardId\":\"+5\"}",  "{\"boardId\":\"99999999999999999999\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++)
        int_bad(state, bad[i], "The board id must be an integer.");
}

/* Laravel's TrimStrings + ConvertEmptyStringsToNull run before validation on the live API */
static void input_int_trims_strings_and_blank_is_null(void **state)
{
    assert_int_equal(int_ok(state, "{\"n\":\" 5\"}"), 5);
    assert_int_equal(int_ok(state, "{\"n\":\"5 \\n\"}"), 5);
    static const char *const blanks[] = {"{\"n\":\"\"}", "{\"n\":\"  \"}"};
    for (size_t i = 0; i < ARRAY_LEN(blanks); i++) {
        struct call *c = with_body(state, blanks[i]);
        int64_t v = -999;
        assert_int_equal(input_int(c, "n", 0, INT64_MIN, INT64_MAX, &v), IN_ABSENT);
        assert_int_equal(input_int(c, "n", IN_NULLABLE, INT64_MIN, INT64_MAX, &v), IN_NULL);
        assert_int_equal(v, -999);
        assert_no_errors(c);
        assert_int_equal(input_int(c, "n", IN_REQUIRED, INT64_MIN, INT64_MAX, &v), IN_BAD);
        assert_error(c, "n", "The field is required.");
    }
}

static void input_int_enforces_range_with_message(void **state)
{
    struct call *c = with_body(state, "{\"boardId\":0,\"limit\":\"11\",\"ok\":10}");
    int64_t v = 0;
    assert_int_equal(input_int(c, "boardId", 0, 1, 10, &v), IN_BAD);
    assert_error(c, "boardId", "The board id must be between 1 and 10.");
    assert_int_equal(input_int(c, "limit", 0, 1, 10, &v), IN_BAD);
    assert_error(c, "limit", "The limit must be between 1 and 10.");
    assert_int_equal(input_int(c, "ok", 0, 1, 10, &v), IN_VALUE);
    assert_int_equal(v, 10);
}

/* ---- absent / null / required / nullable, for every kind ---- */

static void absent_field_is_absent_or_required_error(void **state)
{
    struct call *c = with_body(state, "{\"other\":1}");
    const char *s = "untouched";
    int64_t i = 77;
    bool b = true;
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_ABSENT);
    assert_int_equal(input_int(c, "n", 0, 0, 10, &i), IN_ABSENT);
    assert_int_equal(input_bool(c, "flag", 0, &b), IN_ABSENT);
    assert_no_errors(c);
    assert_string_equal(s, "untouched");
    assert_int_equal(i, 77);
    assert_true(b);

    assert_int_equal(input_string(c, "title", IN_REQUIRED, 0, &s), IN_BAD);
    assert_int_equal(input_int(c, "n", IN_REQUIRED, 0, 10, &i), IN_BAD);
    assert_int_equal(input_bool(c, "flag", IN_REQUIRED, &b), IN_BAD);
    assert_error(c, "title", "The field is required.");
    assert_error(c, "n", "The field is required.");
    assert_error(c, "flag", "The field is required.");
}

static void no_body_at_all_is_absent(void **state)
{
    struct fx *f = *state;
    const char *s = NULL;
    assert_null(f->c.body);
    assert_int_equal(input_string(&f->c, "title", 0, 0, &s), IN_ABSENT);
    assert_int_equal(input_string(&f->c, "title", IN_REQUIRED, 0, &s), IN_BAD);
    assert_error(&f->c, "title", "The field is required.");
}

static void null_is_absent_unless_nullable(void **state)
{
    struct call *c = with_body(state, "{\"title\":null,\"n\":null,\"flag\":null}");
    const char *s = "x";
    int64_t i = 1;
    bool b = true;
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_ABSENT);
    assert_int_equal(input_int(c, "n", 0, 0, 10, &i), IN_ABSENT);
    assert_int_equal(input_bool(c, "flag", 0, &b), IN_ABSENT);
    assert_int_equal(input_string(c, "title", IN_NULLABLE, 0, &s), IN_NULL);
    assert_int_equal(input_int(c, "n", IN_NULLABLE, 0, 10, &i), IN_NULL);
    assert_int_equal(input_bool(c, "flag", IN_NULLABLE, &b), IN_NULL);
    assert_int_equal(input_string(c, "title", IN_REQUIRED | IN_NULLABLE, 0, &s), IN_NULL);
    assert_no_errors(c);
    assert_int_equal(input_string(c, "title", IN_REQUIRED, 0, &s), IN_BAD);
    assert_error(c, "title", "The field is required.");
}

/* ---- input_bool ---- */

static void input_bool_accepts_true_false_0_1_and_strings(void **state)
{
    static const struct {
        const char *json;
        bool want;
    } cases[] = {
        {"{\"f\":true}", true},       {"{\"f\":false}", false},     {"{\"f\":1}", true},
        {"{\"f\":0}", false},         {"{\"f\":\"1\"}", true},      {"{\"f\":\"0\"}", false},
        {"{\"f\":\"true\"}", true},   {"{\"f\":\"false\"}", false}, {"{\"f\":\"TRUE\"}", true},
        {"{\"f\":\"False\"}", false},
    };
    for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
        struct call *c = with_body(state, cases[i].json);
        bool b = !cases[i].want;
        assert_int_equal(input_bool(c, "f", 0, &b), IN_VALUE);
        if (b != cases[i].want)
            fail_msg("%s gave %d", cases[i].json, b);
        assert_no_errors(c);
    }
}

static void input_bool_rejects_other_values(void **state)
{
    static const char *const bad[] = {
        "{\"isCompleted\":2}",       "{\"isCompleted\":-1}",      "{\"isCompleted\":1.0}",
        "{\"isCompleted\":\"yes\"}", "{\"isCompleted\":\"1 0\"}", "{\"isCompleted\":[]}",
        "{\"isCompleted\":{}}",      "{\"isCompleted\":\"on\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        bool b = false;
        assert_int_equal(input_bool(c, "isCompleted", 0, &b), IN_BAD);
        assert_error(c, "isCompleted", "The is completed field must be true or false.");
    }
}

/* ---- input_string ---- */

static void input_string_trims_and_copies_into_the_arena(void **state)
{
    struct call *c = with_body(state, "{\"title\":\" \\t Hello world \\n\"}");
    const char *s = NULL;
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_VALUE);
    assert_string_equal(s, "Hello world");
    assert_ptr_not_equal(s, json_string_value(json_object_get(c->body, "title")));
    assert_no_errors(c);
}

static void input_string_blank_counts_as_null(void **state)
{
    struct call *c = with_body(state, "{\"a\":\"\",\"b\":\"   \",\"c\":\"\\t\\r\\n\"}");
    const char *s = "kept";
    assert_int_equal(input_string(c, "a", 0, 0, &s), IN_ABSENT);
    assert_int_equal(input_string(c, "b", IN_NULLABLE, 0, &s), IN_NULL);
    assert_string_equal(s, "kept");
    assert_no_errors(c);
    assert_int_equal(input_string(c, "c", IN_REQUIRED, 0, &s), IN_BAD);
    assert_error(c, "c", "The field is required.");
}

static void input_string_max_length_counts_code_points(void **state)
{
    /* "éé€😀": 4 code points in 2+2+3+4 = 11 bytes */
    struct call *c =
        with_body(state, "{\"title\":\"\xc3\xa9\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"}");
    const char *s = NULL;
    assert_int_equal(input_string(c, "title", 0, 4, &s), IN_VALUE);
    assert_int_equal(strlen(s), 11);
    assert_int_equal(input_string(c, "title", 0, 3, &s), IN_BAD);
    assert_error(c, "title", "The title must not be greater than 3 characters.");
}

static void input_long_string_is_bounded_in_json_bytes_too(void **state)
{
    /* "a\"\\\n\u0001é": 6 characters, as JSON 1 + 2 + 2 + 2 + 6 + 2 = 15 bytes */
    struct call *c = with_body(state, "{\"description\":\"a\\\"\\\\\\n\\u0001\xc3\xa9\"}");
    const char *s = NULL;
    assert_int_equal(input_json_len("a\"\\\n\x01\xc3\xa9", 7), 15);
    assert_int_equal(input_string(c, "description", IN_LONG, 15, &s), IN_VALUE);
    assert_int_equal(input_string(c, "description", 0, 14, &s), IN_VALUE);
    assert_no_errors(c);
    assert_int_equal(input_string(c, "description", IN_LONG, 14, &s), IN_BAD);
    assert_error(c, "description", "The description must not be greater than 14 bytes.");
}

static void input_string_max_length_applies_after_trimming(void **state)
{
    struct call *c = with_body(state, "{\"title\":\"   abc   \"}");
    const char *s = NULL;
    assert_int_equal(input_string(c, "title", 0, 3, &s), IN_VALUE);
    assert_string_equal(s, "abc");
}

static void input_string_rejects_non_strings(void **state)
{
    static const char *const bad[] = {"{\"title\":5}", "{\"title\":true}", "{\"title\":[\"a\"]}",
                                      "{\"title\":{\"a\":1}}", "{\"title\":1.5}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        const char *s = NULL;
        assert_int_equal(input_string(c, "title", 0, 0, &s), IN_BAD);
        assert_error(c, "title", "The title must be a string.");
    }
}

static void input_string_rejects_embedded_nul(void **state)
{
    /* jansson keeps \u0000 only with JSON_ALLOW_NUL; build the value directly */
    struct fx *f = *state;
    f->c.body = json_pack("{s:s%}", "title", "a\0b", (size_t)3);
    assert_non_null(f->c.body);
    const char *s = NULL;
    assert_int_equal(input_string(&f->c, "title", 0, 0, &s), IN_BAD);
    assert_error(&f->c, "title", "The title must be a valid UTF-8 string.");
}

/* ---- errors on the call ---- */

static void errors_accumulate_and_first_message_is_kept(void **state)
{
    struct call *c = with_body(state, "{\"dueDate\":5,\"boardId\":\"x\"}");
    const char *s;
    int64_t v;
    input_string(c, "dueDate", 0, 0, &s);
    input_int(c, "boardId", 0, 1, 100, &v);
    input_string(c, "title", IN_REQUIRED, 0, &s);
    assert_int_equal(call_check(c), RC_INVALID);
    assert_int_equal(json_object_size(c->errors), 3);
    assert_string_equal(c->message, "The due date must be a string.");
    assert_error(c, "boardId", "The board id must be an integer.");
    call_invalid(c, "boardId", "Second %s.", "message");
    json_t *list = json_object_get(c->errors, "boardId");
    assert_int_equal(json_array_size(list), 2);
    assert_string_equal(json_string_value(json_array_get(list, 1)), "Second message.");
    assert_string_equal(c->message, "The due date must be a string.");
}

static void arena_exhaustion_in_input_is_nomem_not_success(void **state)
{
    struct fx *f = *state;
    struct call *c = with_body(state, "{\"title\":\"a title that needs copying\",\"n\":\"x\"}");
    struct arena tiny;
    arena_init(&tiny, 16);
    assert_non_null(arena_alloc(&tiny, 16));
    c->a = &tiny; /* copies and messages now have no room */
    arena_set_current(&tiny);
    const char *s = NULL;
    int64_t v;
    assert_int_equal(input_string(c, "title", IN_REQUIRED, 0, &s), IN_BAD);
    assert_null(s);
    assert_int_equal(call_check(c), RC_NOMEM);
    assert_int_equal(input_int(c, "n", 0, 0, 10, &v), IN_BAD);
    assert_int_equal(call_check(c), RC_NOMEM);
    arena_set_current(&f->a);
    c->a = &f->a;
    arena_reset(&tiny);
}

static void input_attr_names_fields_as_laravel_does(void **state)
{
    struct fx *f = *state;
    assert_string_equal(input_attr(&f->c, "boardId"), "board id");
    assert_string_equal(input_attr(&f->c, "boardColumnId"), "board column id");
    assert_string_equal(input_attr(&f->c, "title"), "title");
    assert_string_equal(input_attr(&f->c, "user_id"), "user id");
    assert_string_equal(input_attr(&f->c, "isCompleted"), "is completed");
    assert_string_equal(input_attr(&f->c, "X"), "x");
    assert_string_equal(input_attr(&f->c, ""), "");
}

/* ---- the query string (a GET) ---- */

static void query_scalar_is_its_last_value(void **state)
{
    struct call *c = with_query(state, "limit=5&offset=-2&limit=7");
    int64_t v = 0;
    assert_int_equal(input_int(c, "limit", 0, 0, 100, &v), IN_VALUE);
    assert_int_equal(v, 7);
    assert_int_equal(input_int(c, "offset", 0, INT64_MIN, INT64_MAX, &v), IN_VALUE);
    assert_int_equal(v, -2);
    assert_no_errors(c);
}

static void query_int_empty_is_absent_and_junk_is_an_error(void **state)
{
    struct call *c = with_query(state, "a=&b=x&c=1.0&d=+1&e=200");
    int64_t v = 99;
    assert_int_equal(input_int(c, "a", 0, 0, 100, &v), IN_ABSENT);
    assert_int_equal(input_int(c, "missing", 0, 0, 100, &v), IN_ABSENT);
    assert_int_equal(v, 99);
    assert_no_errors(c);
    assert_int_equal(input_int(c, "a", IN_REQUIRED, 0, 100, &v), IN_BAD);
    assert_error(c, "a", "The field is required.");
    assert_int_equal(input_int(c, "b", 0, 0, 100, &v), IN_BAD);
    assert_error(c, "b", "The b must be an integer.");
    assert_int_equal(input_int(c, "c", 0, 0, 100, &v), IN_BAD);
    assert_int_equal(input_int(c, "d", 0, 0, 100, &v), IN_VALUE); /* "+1" is " 1", trimmed */
    assert_int_equal(v, 1);
    assert_int_equal(input_int(c, "e", 0, 0, 100, &v), IN_BAD);
    assert_error(c, "e", "The e must be between 0 and 100.");
}

static void query_bool_accepts_the_same_forms(void **state)
{
    struct call *c = with_query(state, "a=1&b=0&c=true&d=FALSE&e=yes&f=&projectIds[]=1");
    bool b = false;
    assert_int_equal(input_bool(c, "a", 0, &b), IN_VALUE);
    assert_true(b);
    assert_int_equal(input_bool(c, "b", 0, &b), IN_VALUE);
    assert_false(b);
    assert_int_equal(input_bool(c, "c", 0, &b), IN_VALUE);
    assert_true(b);
    assert_int_equal(input_bool(c, "d", 0, &b), IN_VALUE);
    assert_false(b);
    assert_int_equal(input_bool(c, "f", 0, &b), IN_ABSENT);
    assert_no_errors(c);
    assert_int_equal(input_bool(c, "e", 0, &b), IN_BAD);
    assert_error(c, "e", "The e field must be true or false.");
}

static void query_string_trims_decodes_and_checks_utf8(void **state)
{
    struct call *c = with_query(state, "q=+%20hello+world+&blank=+++&bad=%FF&long=abcdef");
    const char *s = NULL;
    assert_int_equal(input_string(c, "q", 0, 0, &s), IN_VALUE);
    assert_string_equal(s, "hello world");
    assert_int_equal(input_string(c, "blank", 0, 0, &s), IN_ABSENT);
    assert_int_equal(input_string(c, "blank", IN_NULLABLE, 0, &s), IN_NULL);
    assert_no_errors(c);
    assert_int_equal(input_string(c, "bad", 0, 0, &s), IN_BAD);
    assert_error(c, "bad", "The bad must be a valid UTF-8 string.");
    assert_int_equal(input_string(c, "long", 0, 5, &s), IN_BAD);
    assert_error(c, "long", "The long must not be greater than 5 characters.");
}

static void query_is_not_read_by_a_call_with_a_body_method(void **state)
{
    struct call *c = with_query(state, "limit=5&tags[]=1");
    c->input_qs = false; /* a POST: its input is the body, here none */
    int64_t v = 0, *ids = NULL;
    size_t n = 0;
    assert_int_equal(input_int(c, "limit", 0, 0, 100, &v), IN_ABSENT);
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, NULL), IN_ABSENT);
    assert_int_equal(input_count(c, "tags"), 0);
}

static void query_arrays_take_bracketed_spellings_in_order(void **state)
{
    struct call *c = with_query(state, "tags[]=3&tags[1]=1&other=9&tags[]=%201%20&tags[]=2");
    int64_t *ids = NULL;
    size_t n = 0, *at = NULL;
    assert_int_equal(input_count(c, "tags"), 4);
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, &at), IN_VALUE);
    assert_int_equal(n, 3); /* the second 1 is a duplicate */
    assert_int_equal(ids[0], 3);
    assert_int_equal(ids[1], 1);
    assert_int_equal(ids[2], 2);
    assert_int_equal(at[2], 3);
    assert_no_errors(c);
}

/* spec: tm-notes §7 — PHP makes a plain name= a string (the last wins) and a later bracketed
 * item a new array: tags=51 and tags=1&tags=2 are "must be an array" */
static void query_plain_array_spellings_are_read_as_php_does(void **state)
{
    int64_t *ids = NULL;
    size_t n = 0, *at = NULL;
    static const char *const plain[] = {"tags=51", "tags=1&tags=2", "tags[]=1&tags=2", "tags=%20x"};
    for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++) {
        struct call *c = with_query(state, plain[i]);
        assert_int_equal(input_count(c, "tags"), 0);
        assert_int_equal(input_ids(c, "tags", 0, &ids, &n, &at), IN_BAD);
        assert_error(c, "tags", "The tags must be an array.");
    }
    struct call *c = with_query(state, "tags=5&tags[]=3&tags[]=4");
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, &at), IN_VALUE);
    assert_int_equal(n, 2);
    assert_int_equal(ids[0], 3);
    assert_int_equal(at[0], 0);
    assert_no_errors(c);
    c = with_query(state, "tags=&x=1");
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, &at), IN_ABSENT);
    assert_no_errors(c);
}

static void query_array_blank_items_are_left_out_keeping_their_index(void **state)
{
    struct call *c = with_query(state, "tags[]=&tags[]=x&tags[]=%20&tags[]=0&tags[]=7&ids[]=+");
    int64_t *ids = NULL;
    size_t n = 0, *at = NULL;
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, &at), IN_BAD);
    assert_error(c, "tags.1", "The tags.1 must be an integer.");
    assert_error(c, "tags.3", "The selected tags.3 is invalid.");
    assert_null(error_of(c, "tags.0"));
    assert_null(error_of(c, "tags.2"));
    assert_int_equal(n, 1);
    assert_int_equal(ids[0], 7);
    assert_int_equal(at[0], 4);
    /* only blanks: sent, but an empty set */
    assert_int_equal(input_ids(c, "ids", 0, &ids, &n, NULL), IN_VALUE);
    assert_int_equal(n, 0);
}

static void query_arrays_of_uuids_ints_strings_and_words(void **state)
{
    struct call *c = with_query(
        state, "u[]=AAAAAAAA-0000-0000-0000-00000000000A&u[]=nope&i[]=-4&i[]=-4&s[]=a&s[]=%FF&"
               "w[0]=lost&w[1]=maybe&w[2]=won");
    const char **uu = NULL, **ss = NULL, **ww = NULL;
    int64_t *ii = NULL;
    size_t n = 0;
    static const char *const words[] = {"won", "lost", NULL};
    assert_int_equal(input_uuids(c, "u", 0, &uu, &n, NULL), IN_BAD);
    assert_int_equal(n, 1);
    assert_string_equal(uu[0], "aaaaaaaa-0000-0000-0000-00000000000a");
    assert_error(c, "u.1", "The selected u.1 is invalid.");
    assert_int_equal(input_ints(c, "i", 0, INT64_MIN, INT64_MAX, &ii, &n), IN_VALUE);
    assert_int_equal(n, 2); /* duplicates kept */
    assert_int_equal(ii[1], -4);
    assert_int_equal(input_strings(c, "s", 0, 0, &ss, &n), IN_BAD);
    assert_int_equal(n, 1);
    assert_error(c, "s.1", "The s.1 must be a valid UTF-8 string.");
    assert_int_equal(input_enums(c, "w", 0, words, &ww, &n), IN_BAD);
    assert_int_equal(n, 2);
    assert_ptr_equal(ww[0], words[1]);
    assert_ptr_equal(ww[1], words[0]);
    assert_error(c, "w.1", "The selected w.1 is invalid.");
}

int main(void)
{
    jsonmem_install();
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(input_int_accepts_json_integers),
        T(input_int_accepts_numeric_strings),
        T(input_int_accepts_whole_reals),
        T(input_int_rejects_fractional_reals),
        T(input_int_rejects_reals_beyond_2_pow_53),
        T(input_int_rejects_other_types_and_junk_strings),
        T(input_int_trims_strings_and_blank_is_null),
        T(input_int_enforces_range_with_message),
        T(absent_field_is_absent_or_required_error),
        T(no_body_at_all_is_absent),
        T(null_is_absent_unless_nullable),
        T(input_bool_accepts_true_false_0_1_and_strings),
        T(input_bool_rejects_other_values),
        T(input_string_trims_and_copies_into_the_arena),
        T(input_string_blank_counts_as_null),
        T(input_string_max_length_counts_code_points),
        T(input_string_max_length_applies_after_trimming),
        T(input_long_string_is_bounded_in_json_bytes_too),
        T(input_string_rejects_non_strings),
        T(input_string_rejects_embedded_nul),
        T(errors_accumulate_and_first_message_is_kept),
        T(arena_exhaustion_in_input_is_nomem_not_success),
        T(input_attr_names_fields_as_laravel_does),
        T(query_scalar_is_its_last_value),
        T(query_int_empty_is_absent_and_junk_is_an_error),
        T(query_bool_accepts_the_same_forms),
        T(query_string_trims_decodes_and_checks_utf8),
        T(query_is_not_read_by_a_call_with_a_body_method),
        T(query_arrays_take_bracketed_spellings_in_order),
        T(query_plain_array_spellings_are_read_as_php_does),
        T(query_array_blank_items_are_left_out_keeping_their_index),
        T(query_arrays_of_uuids_ints_strings_and_words),
    };
#undef T
    return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
