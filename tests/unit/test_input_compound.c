/* test_input_compound.c — api/pipeline/input_compound.c: what input_enum/date/datetime/uuid,
 * input_uuids/ids/objects and input_enter/leave accept, the Laravel-style messages they
 * record and the keys they record them under ("tags.0", "locations.1.projectId"). Each
 * test gets a struct call whose arena is current, as inside router_dispatch(). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "testlib.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "core/date.h"

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
    f->c.in_prefix = NULL;
    f->c.body = json_loads(json, JSON_REJECT_DUPLICATES, &e);
    if (!f->c.body)
        fail_msg("bad test JSON %s: %s", json, e.text);
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
    if (!got || strcmp(got, msg) != 0) {
        char *dump = c->errors ? json_dumps(c->errors, 0) : NULL;
        fail_msg("field %s: got \"%s\", want \"%s\" (errors %s)", field, got ? got : "(none)", msg,
                 dump ? dump : "none");
    }
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

static size_t error_count(const struct call *c)
{
    return c->errors ? json_object_size(c->errors) : 0;
}

/* ---- input_enum ---- */

static const char *const TYPES[] = {"action", "meet", "call", NULL};

static void input_enum_accepts_an_allowed_value_and_returns_the_table_string(void **state)
{
    struct call *c = with_body(state, "{\"type\":\" meet \"}");
    const char *v = NULL;
    assert_int_equal(input_enum(c, "type", 0, TYPES, &v), IN_VALUE);
    assert_ptr_equal(v, TYPES[1]); /* the caller's constant, not an arena copy */
    assert_no_errors(c);
}

static void input_enum_rejects_an_unknown_value_as_selected_invalid(void **state)
{
    static const char *const bad[] = {"{\"type\":\"task\"}", "{\"type\":\"Meet\"}",
                                      "{\"type\":\"meetx\"}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        const char *v = "untouched";
        assert_int_equal(input_enum(c, "type", 0, TYPES, &v), IN_BAD);
        assert_string_equal(v, "untouched");
        assert_error(c, "type", "The selected type is invalid.");
    }
}

static void input_enum_rejects_a_non_string(void **state)
{
    struct call *c = with_body(state, "{\"type\":1}");
    const char *v = NULL;
    assert_int_equal(input_enum(c, "type", 0, TYPES, &v), IN_BAD);
    assert_error(c, "type", "The type must be a string.");
}

static void input_enum_null_and_absent_follow_the_flags(void **state)
{
    struct call *c = with_body(state, "{\"type\":null,\"blank\":\"\"}");
    const char *v = "untouched";
    assert_int_equal(input_enum(c, "type", 0, TYPES, &v), IN_ABSENT);
    assert_int_equal(input_enum(c, "type", IN_NULLABLE, TYPES, &v), IN_NULL);
    assert_int_equal(input_enum(c, "blank", IN_NULLABLE, TYPES, &v), IN_NULL);
    assert_int_equal(input_enum(c, "missing", 0, TYPES, &v), IN_ABSENT);
    assert_int_equal(input_enum(c, "missing", IN_NOTNULL, TYPES, &v), IN_ABSENT);
    assert_string_equal(v, "untouched");
    assert_no_errors(c);
    assert_int_equal(input_enum(c, "missing", IN_REQUIRED, TYPES, &v), IN_BAD);
    assert_error(c, "missing", "The field is required.");
    assert_int_equal(input_enum(c, "type", IN_NOTNULL, TYPES, &v), IN_BAD);
    assert_error(c, "type", "The field is required.");
}

/* ---- input_date ---- */

static void input_date_reads_y_m_d_as_a_day_number(void **state)
{
    struct call *c = with_body(state, "{\"startDate\":\"2026-02-28\",\"leap\":\" 2024-02-29 \"}");
    int64_t day = 0;
    assert_int_equal(input_date(c, "startDate", 0, &day), IN_VALUE);
    assert_true(day == date_from_civil(2026, 2, 28));
    assert_int_equal(input_date(c, "leap", 0, &day), IN_VALUE);
    assert_true(day == date_from_civil(2024, 2, 29));
    assert_no_errors(c);
}

static void input_date_rejects_impossible_days_and_other_formats(void **state)
{
    static const char *const bad[] = {
        "{\"startDate\":\"2026-02-30\"}",           "{\"startDate\":\"2026-02-29\"}",
        "{\"startDate\":\"28.02.2026\"}",           "{\"startDate\":\"2026-2-28\"}",
        "{\"startDate\":\"2026-13-01\"}",           "{\"startDate\":\"0000-01-01\"}",
        "{\"startDate\":\"2026-02-28T10:00:00Z\"}", "{\"startDate\":\"yesterday\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        int64_t day = -999;
        assert_int_equal(input_date(c, "startDate", 0, &day), IN_BAD);
        assert_int_equal(day, -999);
        assert_error(c, "startDate", "The start date does not match the format Y-m-d.");
    }
}

static void input_date_blank_is_null_or_absent(void **state)
{
    struct call *c = with_body(state, "{\"startDate\":\"\",\"dueDate\":null}");
    int64_t day = -999;
    assert_int_equal(input_date(c, "startDate", 0, &day), IN_ABSENT);
    assert_int_equal(input_date(c, "startDate", IN_NULLABLE, &day), IN_NULL);
    assert_int_equal(input_date(c, "dueDate", IN_NULLABLE, &day), IN_NULL);
    assert_int_equal(input_date(c, "missing", IN_NULLABLE, &day), IN_ABSENT);
    assert_int_equal(day, -999);
    assert_no_errors(c);
    assert_int_equal(input_date(c, "startDate", IN_REQUIRED, &day), IN_BAD);
    assert_error(c, "startDate", "The field is required.");
}

static void input_date_of_a_number_is_a_format_error(void **state)
{
    struct call *c = with_body(state, "{\"startDate\":20260228}");
    int64_t day = 0;
    assert_int_equal(input_date(c, "startDate", 0, &day), IN_BAD);
    assert_error(c, "startDate", "The start date does not match the format Y-m-d.");
}

/* ---- input_datetime ---- */

static void datetime_ok(void **state, const char *value, int64_t want_day, int64_t want_sec)
{
    char json[160];
    snprintf(json, sizeof(json), "{\"dueDateTime\":\"%s\"}", value);
    struct call *c = with_body(state, json);
    int64_t day = -1, sec = -1;
    if (input_datetime(c, "dueDateTime", 0, &day, &sec) != IN_VALUE)
        fail_msg("%s was refused", value);
    assert_no_errors(c);
    if (day != want_day || sec != want_sec)
        fail_msg("%s: got day %lld sec %lld, want %lld %lld", value, (long long)day, (long long)sec,
                 (long long)want_day, (long long)want_sec);
}

static void input_datetime_accepts_zulu_offsets_and_fractions(void **state)
{
    const int64_t d = date_from_civil(2026, 2, 28), t = 13 * 3600 + 45 * 60;
    datetime_ok(state, "2026-02-28T13:45:00Z", d, t);
    datetime_ok(state, "2026-02-28t13:45:00z", d, t);
    datetime_ok(state, "2026-02-28 13:45", d, t);
    datetime_ok(state, "2026-02-28T13:45:00.123456Z", d, t);
    datetime_ok(state, "2026-02-28T13:45:00,5Z", d, t);
    datetime_ok(state, "2026-02-28T16:45:00+03:00", d, t);
    datetime_ok(state, "2026-02-28T08:45:00-0500", d, t);
    /* an offset can move the day, across a month end too */
    datetime_ok(state, "2026-03-01T01:30:00+02:00", d, 23 * 3600 + 30 * 60);
    datetime_ok(state, "2026-02-28T23:00:00-02:00", date_from_civil(2026, 3, 1), 3600);
}

static void input_datetime_rejects_a_date_alone_and_junk(void **state)
{
    static const char *const bad[] = {
        "2026-02-28",
        "2026-02-30T10:00:00Z",
        "2026-02-28T24:00:00Z",
        "2026-02-28T13:60Z",
        "2026-02-28T13:45:00+24:00",
        "28.02.2026 13:45",
        "2026-02-28T13:45:00.",
        "2026-02-28T13",
        "now",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        char json[160];
        snprintf(json, sizeof(json), "{\"dueDateTime\":\"%s\"}", bad[i]);
        struct call *c = with_body(state, json);
        int64_t day = -999, sec = -999;
        if (input_datetime(c, "dueDateTime", 0, &day, &sec) != IN_BAD)
            fail_msg("%s was accepted", bad[i]);
        assert_int_equal(day, -999);
        assert_int_equal(sec, -999);
        assert_error(c, "dueDateTime", "The due date time is not a valid date.");
    }
}

static void input_datetime_null_and_absent_follow_the_flags(void **state)
{
    struct call *c = with_body(state, "{\"dueDateTime\":null,\"blank\":\"  \"}");
    int64_t day = -999, sec = -999;
    assert_int_equal(input_datetime(c, "dueDateTime", IN_NULLABLE, &day, &sec), IN_NULL);
    assert_int_equal(input_datetime(c, "blank", IN_NULLABLE, &day, &sec), IN_NULL);
    assert_int_equal(input_datetime(c, "blank", 0, &day, &sec), IN_ABSENT);
    assert_int_equal(input_datetime(c, "missing", 0, &day, &sec), IN_ABSENT);
    assert_int_equal(day, -999);
    assert_no_errors(c);
    assert_int_equal(input_datetime(c, "missing", IN_REQUIRED, &day, &sec), IN_BAD);
    assert_error(c, "missing", "The field is required.");
}

/* ---- input_uuid ---- */

#define U1 "0b8f7c52-5a4e-4d3b-9c1a-2f6e8d7c6b5a"
#define U2 "f47ac10b-58cc-4372-a567-0e02b2c3d479"

static void input_uuid_accepts_and_lower_cases(void **state)
{
    struct call *c = with_body(state, "{\"userId\":\"F47AC10B-58CC-4372-A567-0E02B2C3D479\","
                                      "\"other\":\" " U1 " \"}");
    const char *u = NULL;
    assert_int_equal(input_uuid(c, "userId", 0, &u), IN_VALUE);
    assert_string_equal(u, U2);
    assert_ptr_not_equal(u, json_string_value(json_object_get(c->body, "userId")));
    assert_int_equal(input_uuid(c, "other", 0, &u), IN_VALUE);
    assert_string_equal(u, U1);
    assert_no_errors(c);
}

static void input_uuid_rejects_malformed_as_selected_invalid(void **state)
{
    static const char *const bad[] = {
        "{\"userId\":\"f47ac10b58cc4372a5670e02b2c3d479\"}",      /* no dashes */
        "{\"userId\":\"f47ac10b-58cc-4372-a567-0e02b2c3d47\"}",   /* short */
        "{\"userId\":\"f47ac10b-58cc-4372-a567-0e02b2c3d4799\"}", /* long */
        "{\"userId\":\"g47ac10b-58cc-4372-a567-0e02b2c3d479\"}",  /* not hex */
        "{\"userId\":\"f47ac10b-58cc-4372-a5670-e02b2c3d479\"}",  /* dash moved */
        "{\"userId\":\"{f47ac10b-58cc-4372-a567-0e02b2c3d479}\"}", "{\"userId\":\"me\"}",
    };
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        const char *u = "untouched";
        assert_int_equal(input_uuid(c, "userId", 0, &u), IN_BAD);
        assert_string_equal(u, "untouched");
        assert_error(c, "userId", "The selected user id is invalid.");
    }
}

static void input_uuid_null_and_absent_follow_the_flags(void **state)
{
    struct call *c = with_body(state, "{\"userId\":null}");
    const char *u = "untouched";
    assert_int_equal(input_uuid(c, "userId", 0, &u), IN_ABSENT);
    assert_int_equal(input_uuid(c, "userId", IN_NULLABLE, &u), IN_NULL);
    assert_int_equal(input_uuid(c, "missing", IN_NULLABLE, &u), IN_ABSENT);
    assert_string_equal(u, "untouched");
    assert_no_errors(c);
    assert_int_equal(input_uuid(c, "userId", IN_REQUIRED, &u), IN_BAD);
    assert_error(c, "userId", "The field is required.");
}

/* ---- input_uuids ---- */

static void input_uuids_reads_an_array_lower_cased_without_duplicates(void **state)
{
    struct call *c = with_body(state, "{\"assignees\":[\"" U2 "\",\"" U1
                                      "\",\"F47AC10B-58CC-4372-A567-0E02B2C3D479\",\"" U1 "\"]}");
    const char **v = NULL;
    size_t n = 99;
    assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 2);
    assert_string_equal(v[0], U2); /* first occurrence, order kept */
    assert_string_equal(v[1], U1);
    assert_no_errors(c);
}

static void input_uuids_rejects_a_non_array(void **state)
{
    static const char *const bad[] = {"{\"assignees\":\"" U1 "\"}", "{\"assignees\":{\"a\":1}}",
                                      "{\"assignees\":5}", "{\"assignees\":true}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        const char **v = NULL;
        size_t n = 99;
        assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_BAD);
        assert_int_equal(n, 99);
        assert_error(c, "assignees", "The assignees must be an array.");
    }
}

static void input_uuids_empty_array_is_required_error_only_with_in_required(void **state)
{
    struct call *c = with_body(state, "{\"assignees\":[]}");
    const char **v = NULL;
    size_t n = 99;
    assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 0);
    assert_non_null(v);
    assert_no_errors(c);
    n = 99;
    assert_int_equal(input_uuids(c, "assignees", IN_REQUIRED, &v, &n, NULL), IN_BAD);
    assert_int_equal(n, 99);
    assert_error(c, "assignees", "The field is required.");
}

static void input_uuids_null_and_absent_follow_the_flags(void **state)
{
    struct call *c = with_body(state, "{\"assignees\":null}");
    const char **v = NULL;
    size_t n = 99;
    assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_ABSENT);
    assert_int_equal(input_uuids(c, "assignees", IN_NULLABLE, &v, &n, NULL), IN_NULL);
    assert_int_equal(input_uuids(c, "missing", IN_NULLABLE, &v, &n, NULL), IN_ABSENT);
    assert_int_equal(n, 99);
    assert_no_errors(c);
    assert_int_equal(input_uuids(c, "missing", IN_REQUIRED, &v, &n, NULL), IN_BAD);
    assert_error(c, "missing", "The field is required.");
    assert_int_equal(input_uuids(c, "assignees", IN_REQUIRED, &v, &n, NULL), IN_BAD);
    assert_error(c, "assignees", "The field is required.");
}

static void input_uuids_keys_item_errors_by_index(void **state)
{
    struct call *c = with_body(state, "{\"assignees\":[\"" U1 "\",\"nobody\",\"" U2 "\",null,5]}");
    const char **v = NULL;
    size_t n = 0;
    assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_BAD);
    assert_error(c, "assignees.1", "The selected assignees.1 is invalid.");
    assert_error(c, "assignees.3", "The field is required.");
    assert_error(c, "assignees.4", "The assignees.4 must be a string.");
    assert_int_equal(error_count(c), 3);
    assert_null(error_of(c, "assignees"));
    assert_string_equal(c->message, "The selected assignees.1 is invalid.");
    /* the good items are still handed out */
    assert_int_equal(n, 2);
    assert_string_equal(v[0], U1);
    assert_string_equal(v[1], U2);
}

/* application/x-www-form-urlencoded "assignees[]=..&assignees[]=.." arrives as strings */
static void input_uuids_accepts_a_form_style_array_of_strings(void **state)
{
    struct call *c = with_body(state, "{\"assignees\":[\" " U1 " \"]}");
    const char **v = NULL;
    size_t n = 0;
    assert_int_equal(input_uuids(c, "assignees", 0, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 1);
    assert_string_equal(v[0], U1);
}

/* ---- input_ids ---- */

static void input_ids_reads_numbers_and_numeric_strings_without_duplicates(void **state)
{
    struct call *c = with_body(state, "{\"tags\":[3,\"7\",3,\" 12 \",7.0,\"3\",1]}");
    int64_t *v = NULL;
    size_t n = 99;
    assert_int_equal(input_ids(c, "tags", 0, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 4);
    assert_int_equal(v[0], 3);
    assert_int_equal(v[1], 7);
    assert_int_equal(v[2], 12);
    assert_int_equal(v[3], 1);
    assert_no_errors(c);
}

static void input_ids_rejects_a_non_array(void **state)
{
    static const char *const bad[] = {"{\"tags\":5}", "{\"tags\":\"5\"}", "{\"tags\":{}}",
                                      "{\"tags\":false}"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct call *c = with_body(state, bad[i]);
        int64_t *v = NULL;
        size_t n = 99;
        assert_int_equal(input_ids(c, "tags", 0, &v, &n, NULL), IN_BAD);
        assert_int_equal(n, 99);
        assert_error(c, "tags", "The tags must be an array.");
    }
}

static void input_ids_keys_item_errors_by_index(void **state)
{
    struct call *c = with_body(state, "{\"tags\":[\"x\",0,-4,5,1.5,[1],null,\"\"]}");
    int64_t *v = NULL;
    size_t n = 0;
    assert_int_equal(input_ids(c, "tags", 0, &v, &n, NULL), IN_BAD);
    assert_error(c, "tags.0", "The tags.0 must be an integer.");
    assert_error(c, "tags.1", "The selected tags.1 is invalid.");
    assert_error(c, "tags.2", "The selected tags.2 is invalid.");
    assert_error(c, "tags.4", "The tags.4 must be an integer.");
    assert_error(c, "tags.5", "The tags.5 must be an integer.");
    assert_error(c, "tags.6", "The field is required.");
    assert_error(c, "tags.7", "The field is required.");
    assert_int_equal(error_count(c), 7);
    assert_string_equal(c->message, "The tags.0 must be an integer.");
    assert_int_equal(n, 1);
    assert_int_equal(v[0], 5);
}

static void input_ids_zero_alone_is_selected_invalid(void **state)
{
    struct call *c = with_body(state, "{\"tags\":[0]}");
    int64_t *v = NULL;
    size_t n = 0;
    assert_int_equal(input_ids(c, "tags", 0, &v, &n, NULL), IN_BAD);
    assert_error(c, "tags.0", "The selected tags.0 is invalid.");
    assert_int_equal(error_count(c), 1);
}

static void input_ids_empty_array_and_null_follow_the_flags(void **state)
{
    struct call *c = with_body(state, "{\"tags\":[],\"none\":null}");
    int64_t *v = NULL;
    size_t n = 99;
    assert_int_equal(input_ids(c, "tags", IN_NULLABLE, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 0);
    assert_int_equal(input_ids(c, "none", IN_NULLABLE, &v, &n, NULL), IN_NULL);
    assert_int_equal(input_ids(c, "none", 0, &v, &n, NULL), IN_ABSENT);
    assert_int_equal(input_ids(c, "missing", 0, &v, &n, NULL), IN_ABSENT);
    assert_no_errors(c);
    assert_int_equal(input_ids(c, "tags", IN_REQUIRED, &v, &n, NULL), IN_BAD);
    assert_error(c, "tags", "The field is required.");
}

static void input_ids_accepts_a_form_style_array_of_strings(void **state)
{
    struct call *c = with_body(state, "{\"tags\":[\"4\",\"2\",\"4\"]}");
    int64_t *v = NULL;
    size_t n = 0;
    assert_int_equal(input_ids(c, "tags", 0, &v, &n, NULL), IN_VALUE);
    assert_int_equal(n, 2);
    assert_int_equal(v[0], 4);
    assert_int_equal(v[1], 2);
}

/* ConvertEmptyStringsToNull runs before validation on the live API: "" (or blanks, once
 * trimmed) is null for arrays too, so {"tags":""} or a form's "tags=" clears like null */
static void array_helpers_read_a_blank_string_as_null(void **state)
{
    struct call *c = with_body(state, "{\"tags\":\"\",\"assignees\":\" \\t \",\"locations\":\"\"}");
    int64_t *ids = NULL;
    const char **uu = NULL;
    json_t *arr = NULL;
    size_t n = 99;
    assert_int_equal(input_ids(c, "tags", IN_NULLABLE, &ids, &n, NULL), IN_NULL);
    assert_int_equal(input_uuids(c, "assignees", IN_NULLABLE, &uu, &n, NULL), IN_NULL);
    assert_int_equal(input_objects(c, "locations", IN_NULLABLE, &arr), IN_NULL);
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, NULL), IN_ABSENT);
    assert_int_equal(input_uuids(c, "assignees", 0, &uu, &n, NULL), IN_ABSENT);
    assert_int_equal(n, 99);
    assert_no_errors(c);
    assert_int_equal(input_ids(c, "tags", IN_REQUIRED, &ids, &n, NULL), IN_BAD);
    assert_error(c, "tags", "The field is required.");
}

/* IN_NOTNULL: absent is fine (a partial update), null or blank is not */
static void array_helpers_honour_in_notnull(void **state)
{
    struct call *c = with_body(state, "{\"tags\":null,\"assignees\":\"\",\"ok\":[1]}");
    int64_t *ids = NULL;
    const char **uu = NULL;
    size_t n = 0;
    assert_int_equal(input_ids(c, "missing", IN_NOTNULL, &ids, &n, NULL), IN_ABSENT);
    assert_int_equal(input_ids(c, "ok", IN_NOTNULL, &ids, &n, NULL), IN_VALUE);
    assert_int_equal(input_ids(c, "tags", IN_NOTNULL | IN_NULLABLE, &ids, &n, NULL), IN_NULL);
    assert_no_errors(c);
    assert_int_equal(input_ids(c, "tags", IN_NOTNULL, &ids, &n, NULL), IN_BAD);
    assert_error(c, "tags", "The field is required.");
    assert_int_equal(input_uuids(c, "assignees", IN_NOTNULL, &uu, &n, NULL), IN_BAD);
    assert_error(c, "assignees", "The field is required.");
}

/* ---- input_objects, input_enter / input_leave ---- */

static void input_objects_hands_out_the_array_unchecked(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[{\"projectId\":1},5],\"none\":null,"
                                      "\"empty\":[],\"obj\":{\"projectId\":1}}");
    json_t *arr = NULL;
    assert_int_equal(input_objects(c, "locations", 0, &arr), IN_VALUE);
    assert_ptr_equal(arr, json_object_get(c->body, "locations"));
    assert_int_equal(input_objects(c, "none", IN_NULLABLE, &arr), IN_NULL);
    assert_int_equal(input_objects(c, "none", 0, &arr), IN_ABSENT);
    assert_int_equal(input_objects(c, "missing", 0, &arr), IN_ABSENT);
    assert_int_equal(input_objects(c, "empty", 0, &arr), IN_VALUE);
    assert_int_equal(json_array_size(arr), 0);
    assert_no_errors(c);
    assert_int_equal(input_objects(c, "empty", IN_REQUIRED, &arr), IN_BAD);
    assert_error(c, "empty", "The field is required.");
    assert_int_equal(input_objects(c, "obj", 0, &arr), IN_BAD);
    assert_error(c, "obj", "The obj must be an array.");
}

static void input_enter_keys_errors_inside_by_field_index_and_name(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[{\"projectId\":1},"
                                      "{\"projectId\":\"x\",\"boardColumnId\":0}]}");
    json_t *arr = NULL;
    assert_int_equal(input_objects(c, "locations", 0, &arr), IN_VALUE);
    int64_t ids[2] = {0, 0};
    for (size_t i = 0; i < 2; i++) {
        struct input_scope saved;
        assert_true(input_enter(c, "locations", i, json_array_get(arr, i), &saved));
        int64_t col = 0;
        input_id(c, "projectId", IN_REQUIRED, &ids[i]);
        input_id(c, "boardColumnId", IN_NULLABLE, &col);
        input_leave(c, &saved);
    }
    assert_int_equal(ids[0], 1);
    assert_error(c, "locations.1.projectId", "The locations.1.project id must be an integer.");
    assert_error(c, "locations.1.boardColumnId",
                 "The selected locations.1.board column id is invalid.");
    assert_int_equal(error_count(c), 2);
}

static void input_enter_required_field_inside_is_keyed_too(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[{}]}");
    json_t *arr = json_object_get(c->body, "locations");
    struct input_scope saved;
    assert_true(input_enter(c, "locations", 0, json_array_get(arr, 0), &saved));
    int64_t p = 0;
    assert_int_equal(input_id(c, "projectId", IN_REQUIRED, &p), IN_BAD);
    input_leave(c, &saved);
    assert_error(c, "locations.0.projectId", "The field is required.");
}

static void input_enter_refuses_a_non_object_item(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[5,[1],\"x\",null]}");
    json_t *body = c->body, *arr = json_object_get(c->body, "locations");
    for (size_t i = 0; i < 4; i++) {
        struct input_scope saved = {NULL, NULL};
        assert_false(input_enter(c, "locations", i, json_array_get(arr, i), &saved));
        assert_ptr_equal(c->body, body); /* nothing to leave */
        assert_null(c->in_prefix);
    }
    assert_error(c, "locations.0", "The locations.0 must be an array.");
    assert_error(c, "locations.1", "The locations.1 must be an array.");
    assert_error(c, "locations.2", "The locations.2 must be an array.");
    assert_error(c, "locations.3", "The locations.3 must be an array.");
}

static void input_leave_restores_body_and_prefix(void **state)
{
    struct call *c =
        with_body(state, "{\"title\":\"outer\",\"locations\":[{\"title\":\"inner\"}]}");
    json_t *body = c->body;
    struct input_scope saved;
    assert_true(input_enter(c, "locations", 0,
                            json_array_get(json_object_get(body, "locations"), 0), &saved));
    const char *s = NULL;
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_VALUE);
    assert_string_equal(s, "inner");
    assert_non_null(c->in_prefix);
    input_leave(c, &saved);
    assert_ptr_equal(c->body, body);
    assert_null(c->in_prefix);
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_VALUE);
    assert_string_equal(s, "outer");
    int64_t v = 0;
    assert_int_equal(input_int(c, "n", IN_REQUIRED, 0, 1, &v), IN_BAD);
    assert_error(c, "n", "The field is required."); /* no prefix any more */
}

static void arrays_inside_a_scope_are_keyed_with_the_prefix(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[{\"tags\":[1,\"x\"],\"assignees\":7,"
                                      "\"userIds\":[\"" U1 "\",\"bad\"]}]}");
    json_t *arr = json_object_get(c->body, "locations");
    struct input_scope saved;
    assert_true(input_enter(c, "locations", 0, json_array_get(arr, 0), &saved));
    int64_t *ids = NULL;
    const char **uu = NULL;
    size_t n = 0, m = 0;
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, NULL), IN_BAD);
    assert_int_equal(input_uuids(c, "assignees", 0, &uu, &m, NULL), IN_BAD);
    assert_int_equal(input_uuids(c, "userIds", 0, &uu, &m, NULL), IN_BAD);
    input_leave(c, &saved);
    assert_error(c, "locations.0.tags.1", "The locations.0.tags.1 must be an integer.");
    assert_error(c, "locations.0.assignees", "The locations.0.assignees must be an array.");
    assert_error(c, "locations.0.userIds.1", "The selected locations.0.user ids.1 is invalid.");
    assert_int_equal(error_count(c), 3);
}

/* a scope entered inside a scope keeps the outer prefix in its keys */
static void nested_scopes_key_errors_with_the_full_path(void **state)
{
    struct call *c = with_body(state, "{\"locations\":[{},{\"boards\":[{\"boardId\":1},"
                                      "{\"boardId\":-1},3]}]}");
    json_t *body = c->body;
    json_t *outer = json_object_get(body, "locations");
    struct input_scope s1, s2;
    assert_true(input_enter(c, "locations", 1, json_array_get(outer, 1), &s1));
    const char *prefix1 = c->in_prefix;
    assert_string_equal(prefix1, "locations.1.");
    json_t *inner = NULL;
    assert_int_equal(input_objects(c, "boards", 0, &inner), IN_VALUE);
    for (size_t i = 0; i < 3; i++) {
        if (!input_enter(c, "boards", i, json_array_get(inner, i), &s2))
            continue;
        int64_t b = 0;
        input_id(c, "boardId", IN_REQUIRED, &b);
        input_leave(c, &s2);
        assert_ptr_equal(c->body, json_array_get(outer, 1));
        assert_ptr_equal(c->in_prefix, prefix1);
    }
    input_leave(c, &s1);
    assert_ptr_equal(c->body, body);
    assert_null(c->in_prefix);
    assert_error(c, "locations.1.boards.1.boardId",
                 "The selected locations.1.boards.1.board id is invalid.");
    assert_error(c, "locations.1.boards.2", "The locations.1.boards.2 must be an array.");
    assert_int_equal(error_count(c), 2);
}

/* ---- errors elsewhere on the call ---- */

/* The state an array helper returns depends on its own field only: a valid array read after
 * another field failed is still IN_VALUE (handlers go on to check its items, e.g. that each
 * tag exists, so that every error is reported at once, as Laravel does). */
static void array_state_ignores_errors_recorded_for_other_fields(void **state)
{
    struct call *c = with_body(state, "{\"title\":5,\"tags\":[1,2],\"assignees\":[\"" U1 "\"]}");
    const char *s = NULL, **uu = NULL;
    int64_t *ids = NULL;
    size_t n = 0, m = 0;
    assert_int_equal(input_string(c, "title", 0, 0, &s), IN_BAD);
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, NULL), IN_VALUE);
    assert_int_equal(n, 2);
    assert_int_equal(input_uuids(c, "assignees", 0, &uu, &m, NULL), IN_VALUE);
    assert_int_equal(m, 1);
    assert_int_equal(error_count(c), 1);
    assert_int_equal(call_check(c), RC_INVALID);
}

static void arena_exhaustion_in_arrays_is_nomem_not_success(void **state)
{
    struct fx *f = *state;
    struct call *c =
        with_body(state, "{\"tags\":[1,2,3],\"assignees\":[\"" U1 "\"],\"userId\":\"" U1 "\"}");
    struct arena tiny;
    arena_init(&tiny, 16);
    assert_non_null(arena_alloc(&tiny, 16));
    c->a = &tiny;
    arena_set_current(&tiny);
    int64_t *ids = NULL;
    const char **uu = NULL, *u = NULL;
    size_t n = 0;
    assert_int_equal(input_ids(c, "tags", 0, &ids, &n, NULL), IN_BAD);
    assert_int_equal(call_check(c), RC_NOMEM);
    assert_int_equal(input_uuids(c, "assignees", 0, &uu, &n, NULL), IN_BAD);
    assert_int_equal(input_uuid(c, "userId", 0, &u), IN_BAD);
    assert_int_equal(call_check(c), RC_NOMEM);
    arena_set_current(&f->a);
    c->a = &f->a;
    arena_reset(&tiny);
}

int main(void)
{
    jsonmem_install();
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(input_enum_accepts_an_allowed_value_and_returns_the_table_string),
        T(input_enum_rejects_an_unknown_value_as_selected_invalid),
        T(input_enum_rejects_a_non_string),
        T(input_enum_null_and_absent_follow_the_flags),
        T(input_date_reads_y_m_d_as_a_day_number),
        T(input_date_rejects_impossible_days_and_other_formats),
        T(input_date_blank_is_null_or_absent),
        T(input_date_of_a_number_is_a_format_error),
        T(input_datetime_accepts_zulu_offsets_and_fractions),
        T(input_datetime_rejects_a_date_alone_and_junk),
        T(input_datetime_null_and_absent_follow_the_flags),
        T(input_uuid_accepts_and_lower_cases),
        T(input_uuid_rejects_malformed_as_selected_invalid),
        T(input_uuid_null_and_absent_follow_the_flags),
        T(input_uuids_reads_an_array_lower_cased_without_duplicates),
        T(input_uuids_rejects_a_non_array),
        T(input_uuids_empty_array_is_required_error_only_with_in_required),
        T(input_uuids_null_and_absent_follow_the_flags),
        T(input_uuids_keys_item_errors_by_index),
        T(input_uuids_accepts_a_form_style_array_of_strings),
        T(input_ids_reads_numbers_and_numeric_strings_without_duplicates),
        T(input_ids_rejects_a_non_array),
        T(input_ids_keys_item_errors_by_index),
        T(input_ids_zero_alone_is_selected_invalid),
        T(input_ids_empty_array_and_null_follow_the_flags),
        T(input_ids_accepts_a_form_style_array_of_strings),
        T(array_helpers_read_a_blank_string_as_null),
        T(array_helpers_honour_in_notnull),
        T(input_objects_hands_out_the_array_unchecked),
        T(input_enter_keys_errors_inside_by_field_index_and_name),
        T(input_enter_required_field_inside_is_keyed_too),
        T(input_enter_refuses_a_non_object_item),
        T(input_leave_restores_body_and_prefix),
        T(arrays_inside_a_scope_are_keyed_with_the_prefix),
        T(nested_scopes_key_errors_with_the_full_path),
        T(array_state_ignores_errors_recorded_for_other_fields),
        T(arena_exhaustion_in_arrays_is_nomem_not_success),
    };
#undef T
    return cmocka_run_group_tests_name("input_compound", tests, NULL, NULL);
}
