/* test_json_rows.c — store_rows_from_json (store/json_rows.c), the decoder of a task's
 * relations read as JSON columns in one statement: strings written by jansson (every byte,
 * \u escapes with and without ENSURE_ASCII, surrogate pairs) decode to the same bytes,
 * integers to the int64 extremes stay integers, reals reals, null and booleans; arrays and
 * objects as rows; and any other shape, any truncation of a good text or a row of another
 * width is refused without reading past the text. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "testlib.h"
#include "core/arena.h"
#include "core/rc.h"
#include "store/store.h"

static struct arena A;

static int setup(void **state)
{
    (void)state;
    arena_init(&A, 64u * 1024u * 1024u);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_reset(&A);
    return 0;
}

/* [[s]] as jansson writes it with flags, decoded: the one cell must be s, byte for byte */
static void string_round_trips(const char *s, size_t len, size_t flags)
{
    json_t *v = json_pack("[[s#]]", s, len);
    assert_non_null(v);
    char *text = json_dumps(v, JSON_COMPACT | flags);
    assert_non_null(text);
    struct sql_rows r;
    assert_int_equal(store_rows_from_json(&A, text, 1, &r), RC_OK);
    assert_int_equal(r.nrows, 1);
    const struct sql_val *c = sql_cell(&r, 0, 0);
    assert_int_equal(c->type, SQL_TEXT);
    assert_int_equal(c->u.s.len, len);
    assert_memory_equal(c->u.s.ptr, s, len);
    assert_int_equal(c->u.s.ptr[len], '\0');
    free(text);
    json_decref(v);
}

static void every_byte_and_escape_decodes_to_itself(void **state)
{
    (void)state;
    char s[4];
    for (int b = 1; b < 0x80; b++) {
        s[0] = (char)b;
        string_round_trips(s, 1, 0);
        string_round_trips(s, 1, JSON_ENSURE_ASCII);
    }
    static const char *const utf8[] = {"\xC3\xA9",     "\xE2\x82\xAC",     "\xF0\x9D\x84\x9E",
                                       "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xDF\xBF"};
    for (size_t i = 0; i < sizeof(utf8) / sizeof(*utf8); i++) {
        string_round_trips(utf8[i], strlen(utf8[i]), 0);
        string_round_trips(utf8[i], strlen(utf8[i]), JSON_ENSURE_ASCII); /* \uXXXX, pairs */
    }
    string_round_trips("a\0b", 3, 0); /* \u0000 inside */
    string_round_trips("", 0, 0);
    const char *mix = "q\"uo\\te/\n\t\x01\xF0\x9D\x84\x9E\xC3\xA9 end";
    string_round_trips(mix, strlen(mix), JSON_ENSURE_ASCII | JSON_ESCAPE_SLASH);
}

static void scalars_keep_their_types(void **state)
{
    (void)state;
    struct sql_rows r;
    const char *text = "[[9223372036854775807,-9223372036854775808,0,null,true,false,-1.5,2e3,"
                       "\"x\"],[1,2,3,4,5,6,7,8,\"y\"]]";
    assert_int_equal(store_rows_from_json(&A, text, 9, &r), RC_OK);
    assert_int_equal(r.nrows, 2);
    assert_int_equal(r.ncols, 9);
    assert_true(sql_cell(&r, 0, 0)->type == SQL_INT && sql_int(&r, 0, 0) == INT64_MAX);
    assert_true(sql_cell(&r, 0, 1)->type == SQL_INT && sql_int(&r, 0, 1) == INT64_MIN);
    assert_true(sql_cell(&r, 0, 2)->type == SQL_INT && sql_int(&r, 0, 2) == 0);
    assert_int_equal(sql_cell(&r, 0, 3)->type, SQL_NULL);
    assert_true(sql_int(&r, 0, 4) == 1 && sql_int(&r, 0, 5) == 0);
    assert_true(sql_cell(&r, 0, 6)->type == SQL_REAL && sql_cell(&r, 0, 6)->u.d == -1.5);
    assert_true(sql_cell(&r, 0, 7)->type == SQL_REAL && sql_cell(&r, 0, 7)->u.d == 2000.0);
    assert_string_equal(sql_text(&r, 0, 8), "x");
    assert_int_equal(sql_int(&r, 1, 7), 8);
    assert_string_equal(sql_text(&r, 1, 8), "y");
    /* past int64: a real, as a database would never give but a reader survives */
    assert_int_equal(
        store_rows_from_json(&A, "[[12345678901234567890,-9223372036854775809]]", 2, &r), RC_OK);
    assert_true(sql_cell(&r, 0, 0)->type == SQL_REAL && sql_cell(&r, 0, 0)->u.d > 1.2e19);
    assert_true(sql_cell(&r, 0, 1)->type == SQL_REAL && sql_cell(&r, 0, 1)->u.d < -9.2e18);
}

static void objects_give_their_values_in_order_and_white_space_is_skipped(void **state)
{
    (void)state;
    struct sql_rows r;
    const char *text = " [ {\"task_id\" : 7, \"id\":\"a,b]}\", \"task_id\":7} ,\n"
                       "{\"task_id\":8,\"id\":null,\"task_id\":8} ] ";
    assert_int_equal(store_rows_from_json(&A, text, 3, &r), RC_OK);
    assert_int_equal(r.nrows, 2);
    assert_int_equal(sql_int(&r, 0, 0), 7);
    assert_string_equal(sql_text(&r, 0, 1), "a,b]}");
    assert_int_equal(sql_int(&r, 1, 2), 8);
    assert_null(sql_text(&r, 1, 1));
}

static void no_rows_is_empty_and_null_is_no_rows(void **state)
{
    (void)state;
    struct sql_rows r;
    assert_int_equal(store_rows_from_json(&A, "[]", 2, &r), RC_OK);
    assert_int_equal(r.nrows, 0);
    assert_int_equal(store_rows_from_json(&A, NULL, 2, &r), RC_OK);
    assert_int_equal(r.nrows, 0);
}

static void other_shapes_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "",
        "{}",
        "[1]",
        "[[1]",
        "[[1,2,3]]",
        "[[1]]x",
        "[[1,]]",
        "[[,1]]",
        "[[1 2]]",
        "[[1,2]],",
        "[[1,2][3,4]]",
        "[[\"a,2]]",
        "[[\"\\u12\",1]]",
        "[[-,1]]",
        "[[nul,1]]",
        "[[[1],2]]",
        "[{1:2,\"b\":3}]",
        "[{\"a\" 1,\"b\":2}]",
        "[[1,2}]",
        "[\"x\"]",
        "[[1,2]]x",
        "[[1,2]]]",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        struct sql_rows r;
        int rc = store_rows_from_json(&A, bad[i], 2, &r);
        if (rc != RC_INTERNAL)
            fail_msg("accepted \"%s\" (rc %d)", bad[i], rc);
    }
}

static void every_truncation_of_a_good_text_is_refused(void **state)
{
    (void)state;
    const char *good = "[[1,\"a\\\"b\\u00e9\\ud834\\udd1e\"],{\"k\":-2,\"v\":null},[3,\"z\"]]";
    struct sql_rows r;
    assert_int_equal(store_rows_from_json(&A, good, 2, &r), RC_OK);
    assert_int_equal(r.nrows, 3);
    assert_string_equal(sql_text(&r, 0, 1), "a\"b\xC3\xA9\xF0\x9D\x84\x9E");
    size_t n = strlen(good);
    for (size_t len = 0; len < n; len++) {
        /* a copy of its own, so a read past the cut is a read past the allocation (ASan) */
        char *cut = malloc(len + 1);
        assert_non_null(cut);
        memcpy(cut, good, len);
        cut[len] = '\0';
        int rc = store_rows_from_json(&A, cut, 2, &r);
        if (rc != RC_INTERNAL)
            fail_msg("accepted the first %zu bytes (rc %d)", len, rc);
        free(cut);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_byte_and_escape_decodes_to_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(scalars_keep_their_types, setup, teardown),
        cmocka_unit_test_setup_teardown(
            objects_give_their_values_in_order_and_white_space_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(no_rows_is_empty_and_null_is_no_rows, setup, teardown),
        cmocka_unit_test_setup_teardown(other_shapes_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(every_truncation_of_a_good_text_is_refused, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("json_rows", tests, NULL, NULL);
}
