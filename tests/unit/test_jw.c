/* test_jw.c — core/jw.c against jansson: every value the writer writes is compared byte for
 * byte with what jansson's JSON_COMPACT dump gives for the same value once
 * api/pipeline/jsonmem.c has shortened its reals (the replies' text before the writer):
 * every byte as a string, UTF-8 edges and invalid UTF-8, integers to the int64 extremes,
 * reals (hand-picked and random bit patterns), nesting and commas, and chunk growth. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "testlib.h"
#include "core/buf.h"
#include "core/jw.h"

static struct arena A;

static int setup(void **state)
{
    (void)state;
    jsonmem_install();
    arena_init(&A, 64u * 1024u * 1024u);
    arena_set_current(&A);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_set_current(NULL);
    arena_reset(&A);
    return 0;
}

/* jansson's text of [v] (the value inside an array: jansson dumps a bare scalar only
 * with JSON_ENCODE_ANY), NULL when jansson refuses */
static const char *jansson_text(json_t *v)
{
    json_t *arr = json_array();
    if (!v || json_array_append_new(arr, v))
        return NULL;
    struct buf b;
    buf_init(&b, &A, 0);
    return jsonmem_dump(arr, JSON_COMPACT, &b) ? NULL : b.ptr;
}

/* the writer's text of [value written by fn(w, arg)]; *rc its result */
static const char *writer_text(void (*fn)(struct jw *, const void *), const void *arg, int *rc)
{
    struct jw w;
    const char *out = NULL;
    size_t n;
    jw_init(&w, &A);
    jw_arr(&w);
    fn(&w, arg);
    jw_arr_end(&w);
    *rc = jw_finish(&w, &out, &n);
    if (!*rc)
        assert_int_equal(strlen(out), n);
    return *rc ? NULL : out;
}

static void write_str(struct jw *w, const void *s)
{
    jw_str(w, s);
}

static void write_real(struct jw *w, const void *x)
{
    jw_real(w, *(const double *)x);
}

static void write_int(struct jw *w, const void *v)
{
    jw_int(w, *(const int64_t *)v);
}

static void same_string(const char *s)
{
    int rc;
    const char *want = jansson_text(json_string(s));
    const char *got = writer_text(write_str, s, &rc);
    if (!want) {
        assert_int_equal(rc, RC_INTERNAL);
        return;
    }
    assert_int_equal(rc, RC_OK);
    assert_string_equal(got, want);
    arena_reset(&A);
}

static void same_real(double x)
{
    int rc;
    const char *want = jansson_text(json_real(x));
    const char *got = writer_text(write_real, &x, &rc);
    if (!want) {
        assert_int_equal(rc, RC_INTERNAL);
        return;
    }
    if (rc || strcmp(got, want) != 0)
        fail_msg("%.17g: writer %s, jansson %s", x, got ? got : "(failed)", want);
    arena_reset(&A);
}

static void every_byte_escapes_as_jansson(void **state)
{
    (void)state;
    for (int ch = 1; ch < 0x80; ch++) {
        char s[4] = {'a', (char)ch, 'b', 0};
        same_string(s);
    }
    same_string("");
    same_string("\"quoted\" \\back\\slash\\ /slash/ \b\f\n\r\t\x01\x1f\x7f end");
}

static void utf8_passes_through_and_invalid_utf8_fails(void **state)
{
    (void)state;
    static const char *const ok[] = {
        "caf\xc3\xa9",                                      /* é */
        "\xe2\x80\xa8 line sep \xe2\x80\xa9",               /* U+2028, U+2029: not escaped */
        "\xf0\x9f\x98\x80 emoji",                           /* U+1F600 */
        "\xef\xbf\xbf \xf4\x8f\xbf\xbf",                    /* U+FFFF, U+10FFFF */
        "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82", /* Привет */
        "\xc2\x80 \xdf\xbf \xe0\xa0\x80",                   /* the smallest of each length */
    };
    static const char *const bad[] = {
        "\x80",             /* a continuation byte alone */
        "\xc0\xaf",         /* overlong '/' */
        "\xc1\xbf",         /* overlong */
        "\xe0\x80\xaf",     /* overlong, 3 bytes */
        "\xf0\x80\x80\xaf", /* overlong, 4 bytes */
        "\xed\xa0\x80",     /* a surrogate */
        "\xf4\x90\x80\x80", /* past U+10FFFF */
        "\xf5\x80\x80\x80",
        "\xff",
        "\xc3",
        "\xe2\x80",
        "\xf0\x9f\x98",
        "a\xc3(",
    };
    for (size_t i = 0; i < ARRAY_LEN(ok); i++)
        same_string(ok[i]);
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        int rc;
        assert_null(json_string(bad[i]));
        assert_null(writer_text(write_str, bad[i], &rc));
        assert_int_equal(rc, RC_INTERNAL);
    }
}

static void random_strings_match(void **state)
{
    (void)state;
    static const char *const pieces[] = {"a",
                                         "\"",
                                         "\\",
                                         "\n",
                                         "\x01",
                                         "\x1f",
                                         "/",
                                         "\x7f",
                                         "\xc3\xa9",
                                         "\xe2\x80\xa8",
                                         "\xf0\x9f\x98\x80",
                                         " "};
    srand(18);
    for (int n = 0; n < 2000; n++) {
        char s[256] = "";
        size_t len = 0;
        int k = rand() % 40;
        for (int i = 0; i < k; i++) {
            const char *p = pieces[rand() % (int)ARRAY_LEN(pieces)];
            memcpy(s + len, p, strlen(p) + 1);
            len += strlen(p);
        }
        same_string(s);
    }
}

static void integers_match_to_the_extremes(void **state)
{
    (void)state;
    static const int64_t v[] = {
        0,         1,         -1,           9,         10,
        -10,       123456789, INT32_MAX,    INT32_MIN, (int64_t)INT32_MAX + 1,
        INT64_MAX, INT64_MIN, INT64_MIN + 1};
    for (size_t i = 0; i < ARRAY_LEN(v); i++) {
        int rc;
        const char *want = jansson_text(json_integer(v[i]));
        assert_string_equal(writer_text(write_int, &v[i], &rc), want);
    }
}

static void reals_match_jsonmem(void **state)
{
    (void)state;
    static const double v[] = {0.0,       -0.0,
                               1.0,       -1.0,
                               100.01,    0.1 + 0.2,
                               1e-7,      1e-4,
                               1e-5,      0.0001234,
                               1e16,      1e17,
                               1e21,      123456789012345678.0,
                               1.5e300,   -2.5e-300,
                               DBL_MAX,   DBL_MIN,
                               4.9e-324,  DBL_EPSILON,
                               3.14159,   1.0 / 3.0,
                               2.0 / 3.0, 99999999999999999.0,
                               0.5,       1234.5678,
                               -0.000001};
    for (size_t i = 0; i < ARRAY_LEN(v); i++)
        same_real(v[i]);
    same_real(1.7976931348623157e308);
    /* random bit patterns cover every exponent; a few thousand keep the test quick */
    srand(1818);
    for (int n = 0; n < 5000; n++) {
        uint64_t bits = 0;
        for (int i = 0; i < 4; i++)
            bits = (bits << 16) ^ (uint64_t)(rand() & 0xffff);
        double x;
        memcpy(&x, &bits, sizeof(x));
        if (isfinite(x))
            same_real(x);
        same_real((double)(rand() % 100000) / 100.0);
    }
}

static void non_finite_reals_fail(void **state)
{
    (void)state;
    int rc;
    double inf = INFINITY, nan = NAN;
    assert_null(writer_text(write_real, &inf, &rc));
    assert_int_equal(rc, RC_INTERNAL);
    assert_null(writer_text(write_real, &nan, &rc));
    assert_int_equal(rc, RC_INTERNAL);
}

static void write_nested(struct jw *w, const void *arg)
{
    (void)arg;
    jw_obj(w);
    jw_key_int(w, "a", 1);
    jw_key(w, "b");
    jw_arr(w);
    jw_arr_end(w);
    jw_key(w, "c");
    jw_obj(w);
    jw_obj_end(w);
    jw_key(w, "d");
    jw_arr(w);
    jw_null(w);
    jw_bool(w, true);
    jw_bool(w, false);
    jw_obj(w);
    jw_key_opt_str(w, "x", NULL);
    jw_key_opt_str(w, "y", "z");
    jw_obj_end(w);
    jw_arr(w);
    jw_int(w, -5);
    jw_arr_end(w);
    jw_arr_end(w);
    jw_key_bool(w, "e", false);
    jw_key_null(w, "f");
    jw_key(w, "g");
    jw_raw(w, "[1,2]", 5);
    jw_members(w, "{\"h\":1,\"i\":[]}", 14);
    jw_members(w, "{}", 2);
    jw_obj_end(w);
    jw_int(w, 7);
}

static void nesting_and_commas_match(void **state)
{
    (void)state;
    int rc;
    json_t *want = json_pack("{s:i, s:[], s:{}, s:[n, b, b, {s:n, s:s}, [i]], s:b, s:n, s:[i, i], "
                             "s:i, s:[]}",
                             "a", 1, "b", "c", "d", 1, 0, "x", "y", "z", -5, "e", 0, "f", "g", 1, 2,
                             "h", 1, "i");
    const char *text = jansson_text(want);
    /* [ {…}, 7 ]: add the trailing 7 to jansson's [ {…} ] */
    char expect[512];
    snprintf(expect, sizeof(expect), "%.*s,7]", (int)strlen(text) - 1, text);
    assert_string_equal(writer_text(write_nested, NULL, &rc), expect);
}

static void long_text_spans_chunks_and_joins(void **state)
{
    (void)state;
    struct jw w;
    jw_init(&w, &A);
    size_t before = A.used;
    jw_arr(&w);
    char s[1000];
    memset(s, 'x', sizeof(s) - 1);
    s[sizeof(s) - 1] = '\0';
    for (int i = 0; i < 3000; i++) {
        jw_str(&w, s);
        jw_int(&w, i);
    }
    jw_arr_end(&w);
    const char *out;
    size_t n;
    assert_int_equal(jw_finish(&w, &out, &n), RC_OK);
    assert_int_equal(strlen(out), n);
    /* the chunks, then one joined copy: at most 2.5 times the text (and chunk headers) */
    assert_true(A.used - before <= 5 * n / 2 + 1024);
    json_t *back = json_loads(out, 0, NULL);
    assert_non_null(back);
    assert_int_equal(json_array_size(back), 6000);
    assert_int_equal(json_integer_value(json_array_get(back, 5999)), 2999);
}

static void one_chunk_is_the_text_itself(void **state)
{
    (void)state;
    struct jw w;
    jw_init(&w, &A);
    size_t before = A.used;
    jw_obj(&w);
    jw_key_str(&w, "k", "v");
    jw_obj_end(&w);
    const char *out;
    size_t n;
    assert_int_equal(jw_finish(&w, &out, &n), RC_OK);
    assert_string_equal(out, "{\"k\":\"v\"}");
    assert_true(A.used - before <= 1024 + 64);
}

static void arena_cap_is_toobig_and_sticks(void **state)
{
    (void)state;
    struct arena small;
    arena_init(&small, 6000);
    struct jw w;
    jw_init(&w, &small);
    jw_arr(&w);
    for (int i = 0; i < 2000; i++)
        jw_str(&w, "0123456789");
    jw_arr_end(&w);
    const char *out = NULL;
    size_t n;
    assert_int_equal(jw_finish(&w, &out, &n), RC_TOOBIG);
    assert_null(out);
    arena_reset(&small);
}

static void empty_writer_gives_empty_text(void **state)
{
    (void)state;
    struct jw w;
    jw_init(&w, &A);
    const char *out;
    size_t n;
    assert_int_equal(jw_finish(&w, &out, &n), RC_OK);
    assert_string_equal(out, "");
    assert_int_equal(n, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(every_byte_escapes_as_jansson, setup, teardown),
        cmocka_unit_test_setup_teardown(utf8_passes_through_and_invalid_utf8_fails, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(random_strings_match, setup, teardown),
        cmocka_unit_test_setup_teardown(integers_match_to_the_extremes, setup, teardown),
        cmocka_unit_test_setup_teardown(reals_match_jsonmem, setup, teardown),
        cmocka_unit_test_setup_teardown(non_finite_reals_fail, setup, teardown),
        cmocka_unit_test_setup_teardown(nesting_and_commas_match, setup, teardown),
        cmocka_unit_test_setup_teardown(long_text_spans_chunks_and_joins, setup, teardown),
        cmocka_unit_test_setup_teardown(one_chunk_is_the_text_itself, setup, teardown),
        cmocka_unit_test_setup_teardown(arena_cap_is_toobig_and_sticks, setup, teardown),
        cmocka_unit_test_setup_teardown(empty_writer_gives_empty_text, setup, teardown),
    };
    return cmocka_run_group_tests_name("jw", tests, NULL, NULL);
}
