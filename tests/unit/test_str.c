/* test_str.c — core/str.c: the strict parsers for untrusted text (integers, booleans,
 * UTF-8, percent-escapes) and the small byte helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "core/str.h"
#include "core/common.h"

/* ---- str_to_i64 ---- */

static int64_t i64_ok(const char *s)
{
    int64_t v = -12345;
    assert_int_equal(str_to_i64(s, strlen(s), &v), 0);
    return v;
}

static void i64_bad(const char *s)
{
    int64_t v = 777;
    if (str_to_i64(s, strlen(s), &v) != -1)
        fail_msg("str_to_i64 accepted \"%s\"", s);
    assert_int_equal(v, 777); /* output untouched on failure */
}

static void str_to_i64_parses_plain_decimals(void **state)
{
    (void)state;
    assert_int_equal(i64_ok("0"), 0);
    assert_int_equal(i64_ok("42"), 42);
    assert_int_equal(i64_ok("-42"), -42);
    assert_int_equal(i64_ok("-0"), 0);
    assert_int_equal(i64_ok("007"), 7);
    assert_true(i64_ok("1234567890123456789") == INT64_C(1234567890123456789));
}

static void str_to_i64_accepts_int64_extremes(void **state)
{
    (void)state;
    assert_true(i64_ok("9223372036854775807") == INT64_MAX);
    assert_true(i64_ok("-9223372036854775808") == INT64_MIN);
}

static void str_to_i64_rejects_overflow(void **state)
{
    (void)state;
    i64_bad("9223372036854775808");
    i64_bad("-9223372036854775809");
    i64_bad("9999999999999999999");
    i64_bad("18446744073709551616");
    i64_bad("99999999999999999999999999");
    i64_bad("00000000000000000001"); /* 20 digits, even with leading zeros */
}

static void str_to_i64_rejects_empty_and_lone_minus(void **state)
{
    (void)state;
    i64_bad("");
    i64_bad("-");
    i64_bad("--1");
    i64_bad("-+1");
}

static void str_to_i64_rejects_spaces_signs_and_junk(void **state)
{
    (void)state;
    i64_bad(" 1");
    i64_bad("1 ");
    i64_bad("\t1");
    i64_bad("+1");
    i64_bad("1a");
    i64_bad("0x10");
    i64_bad("1.0");
    i64_bad("1e3");
    i64_bad("1,000");
}

static void str_to_i64_reads_only_len_bytes(void **state)
{
    (void)state;
    int64_t v = 0;
    assert_int_equal(str_to_i64("123", 2, &v), 0);
    assert_int_equal(v, 12);
    assert_int_equal(str_to_i64("12x", 2, &v), 0);
    assert_int_equal(v, 12);
    assert_int_equal(str_to_i64("1\0002", 3, &v), -1); /* an embedded NUL is junk */
}

/* ---- str_to_bool ---- */

static void str_to_bool_accepts_1_0_true_false_any_case(void **state)
{
    (void)state;
    static const char *const yes[] = {"1", "true", "TRUE", "True", "tRuE"};
    static const char *const no[] = {"0", "false", "FALSE", "False"};
    for (size_t i = 0; i < ARRAY_LEN(yes); i++) {
        bool b = false;
        assert_int_equal(str_to_bool(yes[i], strlen(yes[i]), &b), 0);
        assert_true(b);
    }
    for (size_t i = 0; i < ARRAY_LEN(no); i++) {
        bool b = true;
        assert_int_equal(str_to_bool(no[i], strlen(no[i]), &b), 0);
        assert_false(b);
    }
}

static void str_to_bool_rejects_other_words(void **state)
{
    (void)state;
    static const char *const bad[] = {"",   "yes", "no",    "on",    "off",   "2",      "-1",
                                      "t",  "f",   " true", "true ", "truex", "01",     "00",
                                      "10", "tru", "fals",  "null",  "1.0",   "false\n"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        bool b = true;
        if (str_to_bool(bad[i], strlen(bad[i]), &b) != -1)
            fail_msg("str_to_bool accepted \"%s\"", bad[i]);
    }
}

static void str_to_bool_reads_only_len_bytes(void **state)
{
    (void)state;
    bool b = false;
    assert_int_equal(str_to_bool("true!", 4, &b), 0);
    assert_true(b);
    assert_int_equal(str_to_bool("1234", 1, &b), 0);
    assert_true(b);
}

/* ---- utf8_valid / utf8_len ---- */

#define VALID(lit)   assert_true(utf8_valid((lit), sizeof(lit) - 1))
#define INVALID(lit) assert_false(utf8_valid((lit), sizeof(lit) - 1))

static void utf8_valid_accepts_well_formed_text(void **state)
{
    (void)state;
    VALID("");
    VALID("plain ascii");
    VALID("\x00");             /* NUL is a valid code point */
    VALID("\x7f");             /* U+007F */
    VALID("\xc2\x80");         /* U+0080, smallest two-byte */
    VALID("\xc3\xa9");         /* é */
    VALID("\xdf\xbf");         /* U+07FF */
    VALID("\xe0\xa0\x80");     /* U+0800, smallest three-byte */
    VALID("\xe2\x82\xac");     /* € */
    VALID("\xed\x9f\xbf");     /* U+D7FF, just below the surrogates */
    VALID("\xee\x80\x80");     /* U+E000, just above them */
    VALID("\xef\xbf\xbf");     /* U+FFFF */
    VALID("\xf0\x90\x80\x80"); /* U+10000, smallest four-byte */
    VALID("\xf0\x9f\x98\x80"); /* 😀 */
    VALID("\xf4\x8f\xbf\xbf"); /* U+10FFFF, the last code point */
    VALID("\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82"); /* Привет */
}

static void utf8_valid_rejects_overlong_forms(void **state)
{
    (void)state;
    INVALID("\xc0\x80"); /* NUL as two bytes */
    INVALID("\xc0\xaf"); /* '/' as two bytes */
    INVALID("\xc1\xbf");
    INVALID("\xe0\x80\x80");
    INVALID("\xe0\x80\xaf");
    INVALID("\xe0\x9f\xbf"); /* U+07FF as three bytes */
    INVALID("\xf0\x80\x80\x80");
    INVALID("\xf0\x8f\xbf\xbf"); /* U+FFFF as four bytes */
}

static void utf8_valid_rejects_surrogates(void **state)
{
    (void)state;
    INVALID("\xed\xa0\x80");             /* U+D800 */
    INVALID("\xed\xad\xbf");             /* U+DB7F */
    INVALID("\xed\xb0\x80");             /* U+DC00 */
    INVALID("\xed\xbf\xbf");             /* U+DFFF */
    INVALID("\xed\xa0\xbd\xed\xb8\x80"); /* a CESU-8 surrogate pair */
}

static void utf8_valid_rejects_beyond_u10ffff(void **state)
{
    (void)state;
    INVALID("\xf4\x90\x80\x80"); /* U+110000 */
    INVALID("\xf5\x80\x80\x80");
    INVALID("\xf7\xbf\xbf\xbf");
    INVALID("\xf8\x88\x80\x80\x80"); /* old five-byte form */
    INVALID("\xfc\x84\x80\x80\x80\x80");
    INVALID("\xfe");
    INVALID("\xff");
}

static void utf8_valid_rejects_truncated_sequences(void **state)
{
    (void)state;
    INVALID("\xc3");
    INVALID("\xe2\x82");
    INVALID("\xe2");
    INVALID("\xf0\x9f\x98");
    INVALID("\xf0\x9f");
    INVALID("abc\xc3");
    INVALID("\xe2\x82 x");                   /* followed by ASCII instead of a continuation */
    assert_false(utf8_valid("\xc3\xa9", 1)); /* cut by len, not by NUL */
    assert_false(utf8_valid("\xf0\x9f\x98\x80", 3));
}

/* The ASCII fast path reads eight bytes at a time: a bad byte or a sequence at every
 * offset of a long text, across the word boundaries, is still seen. */
static void utf8_valid_checks_every_offset_of_long_text(void **state)
{
    (void)state;
    char text[40];
    for (size_t at = 0; at + 3 <= sizeof(text); at++) {
        memset(text, 'a', sizeof(text));
        text[at] = '\x80';
        assert_false(utf8_valid(text, sizeof(text)));
        memcpy(text + at, "\xe2\x82\xac", 3); /* U+20AC, possibly across a boundary */
        assert_true(utf8_valid(text, sizeof(text)));
        text[at + 2] = 'x'; /* truncated sequence */
        assert_false(utf8_valid(text, sizeof(text)));
        assert_true(utf8_valid(text, at)); /* the length bounds the check */
    }
}

static void utf8_valid_rejects_stray_continuation_bytes(void **state)
{
    (void)state;
    INVALID("\x80");
    INVALID("\xbf");
    INVALID("a\x80z");
    INVALID("\xc3\xa9\xa9");
    INVALID("\xc3\x28"); /* lead byte followed by ASCII */
    INVALID("\xc3\xc3\xa9");
}

static void utf8_len_counts_code_points(void **state)
{
    (void)state;
    assert_int_equal(utf8_len("", 0), 0);
    assert_int_equal(utf8_len("abc", 3), 3);
    assert_int_equal(utf8_len("h\xc3\xa9llo", 6), 5);
    assert_int_equal(utf8_len("\xf0\x9f\x98\x80\xe2\x82\xac", 7), 2);
    assert_int_equal(utf8_len("\xf4\x8f\xbf\xbf", 4), 1);
    assert_int_equal(utf8_len("a\0b", 3), 3);
}

/* ---- percent_decode ---- */

static void decode_ok(const char *in, bool plus, const char *want, size_t want_len)
{
    char buf[128];
    size_t n = strlen(in);
    assert_true(n < sizeof(buf));
    memcpy(buf, in, n + 1);
    long got = percent_decode(buf, n, plus);
    assert_int_equal(got, (long)want_len);
    assert_memory_equal(buf, want, want_len);
    assert_int_equal(buf[got], '\0');
}

static void decode_bad(const char *in)
{
    char buf[128];
    size_t n = strlen(in);
    memcpy(buf, in, n + 1);
    if (percent_decode(buf, n, true) != -1)
        fail_msg("percent_decode accepted \"%s\"", in);
}

static void percent_decode_decodes_escapes(void **state)
{
    (void)state;
    decode_ok("", true, "", 0);
    decode_ok("plain", true, "plain", 5);
    decode_ok("a%20b", false, "a b", 3);
    decode_ok("%41%42%43", false, "ABC", 3);
    decode_ok("%c3%A9", false, "\xc3\xa9", 2); /* either hex case */
    decode_ok("%5B%5d", false, "[]", 2);
    decode_ok("%25", false, "%", 1);
    decode_ok("%2525", false, "%25", 3); /* decoded once, not twice */
    decode_ok("%00x", false, "\0x", 2);
    decode_ok("%ff", false, "\xff", 1); /* any byte; UTF-8 is checked later */
}

static void percent_decode_plus_is_space_only_when_asked(void **state)
{
    (void)state;
    decode_ok("a+b++", true, "a b  ", 5);
    decode_ok("a+b", false, "a+b", 3);
    decode_ok("%2B", true, "+", 1); /* an escaped plus stays a plus */
    decode_ok("%2b+", true, "+ ", 2);
}

static void percent_decode_rejects_bad_escapes(void **state)
{
    (void)state;
    decode_bad("%");
    decode_bad("%4");
    decode_bad("abc%");
    decode_bad("abc%4");
    decode_bad("%zz");
    decode_bad("%g0");
    decode_bad("%0g");
    decode_bad("%%41");
    decode_bad("% 41");
    decode_bad("%-1");
    decode_bad("ok%2");
}

static void percent_decode_reads_only_len_bytes(void **state)
{
    (void)state;
    char buf[] = "ab%41";
    /* len 3 ends inside the escape: malformed, even though the bytes after it are fine */
    assert_int_equal(percent_decode(buf, 3, false), -1);
    char buf2[] = "ab%41";
    assert_int_equal(percent_decode(buf2, 2, false), 2);
}

/* ---- hex_encode / const_time_eq / str helpers ---- */

static void hex_encode_writes_lower_case_pairs(void **state)
{
    (void)state;
    static const unsigned char in[] = {0x00, 0xff, 0x10, 0xab, 0x09, 0xC7};
    char out[2 * sizeof(in) + 1];
    hex_encode(in, sizeof(in), out);
    assert_string_equal(out, "00ff10ab09c7");
    char empty[1] = {'x'};
    hex_encode(in, 0, empty);
    assert_string_equal(empty, "");
}

static void const_time_eq_compares_all_bytes(void **state)
{
    (void)state;
    assert_true(const_time_eq("abcdef", "abcdef", 6));
    assert_false(const_time_eq("abcdef", "abcdeg", 6)); /* last byte differs */
    assert_false(const_time_eq("xbcdef", "abcdef", 6)); /* first byte differs */
    assert_true(const_time_eq("abc", "abd", 2));        /* only n bytes count */
    assert_true(const_time_eq("a", "b", 0));
    assert_false(const_time_eq("\x01", "\x81", 1)); /* high bit */
}

static void str_from_and_str_eq(void **state)
{
    (void)state;
    struct str s = str_from("tags");
    assert_int_equal(s.len, 4);
    assert_true(str_eq(s, "tags"));
    assert_false(str_eq(s, "tag"));
    assert_false(str_eq(s, "tagss"));
    struct str n = str_from(NULL);
    assert_int_equal(n.len, 0);
    assert_true(str_eq(n, ""));
    struct str lit = STR_LIT("a\0b");
    assert_int_equal(lit.len, 3);
    assert_false(str_eq(lit, "a"));
}

static void str_is_uuid_takes_8_4_4_4_12_hex_digits_either_case(void **state)
{
    (void)state;
    static const char ok[] = "0f8fad5b-d9cb-469f-A165-70867728950E";
    assert_true(str_is_uuid(ok, 36));
    assert_false(str_is_uuid(ok, 35));
    assert_false(str_is_uuid("0f8fad5b-d9cb-469f-a165-70867728950e0", 37));
    assert_false(str_is_uuid("0f8fad5bd-9cb-469f-a165-70867728950e", 36));
    assert_false(str_is_uuid("0f8fad5b-d9cb-469f-a165-70867728950g", 36));
    assert_false(str_is_uuid("0f8fad5b-d9cb-469f-a165-7086772895\0e", 36));
    assert_false(str_is_uuid("", 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(str_to_i64_parses_plain_decimals),
        cmocka_unit_test(str_to_i64_accepts_int64_extremes),
        cmocka_unit_test(str_to_i64_rejects_overflow),
        cmocka_unit_test(str_to_i64_rejects_empty_and_lone_minus),
        cmocka_unit_test(str_to_i64_rejects_spaces_signs_and_junk),
        cmocka_unit_test(str_to_i64_reads_only_len_bytes),
        cmocka_unit_test(str_to_bool_accepts_1_0_true_false_any_case),
        cmocka_unit_test(str_to_bool_rejects_other_words),
        cmocka_unit_test(str_to_bool_reads_only_len_bytes),
        cmocka_unit_test(utf8_valid_accepts_well_formed_text),
        cmocka_unit_test(utf8_valid_rejects_overlong_forms),
        cmocka_unit_test(utf8_valid_rejects_surrogates),
        cmocka_unit_test(utf8_valid_rejects_beyond_u10ffff),
        cmocka_unit_test(utf8_valid_rejects_truncated_sequences),
        cmocka_unit_test(utf8_valid_checks_every_offset_of_long_text),
        cmocka_unit_test(utf8_valid_rejects_stray_continuation_bytes),
        cmocka_unit_test(utf8_len_counts_code_points),
        cmocka_unit_test(percent_decode_decodes_escapes),
        cmocka_unit_test(percent_decode_plus_is_space_only_when_asked),
        cmocka_unit_test(percent_decode_rejects_bad_escapes),
        cmocka_unit_test(percent_decode_reads_only_len_bytes),
        cmocka_unit_test(hex_encode_writes_lower_case_pairs),
        cmocka_unit_test(const_time_eq_compares_all_bytes),
        cmocka_unit_test(str_from_and_str_eq),
        cmocka_unit_test(str_is_uuid_takes_8_4_4_4_12_hex_digits_either_case),
    };
    return cmocka_run_group_tests_name("str", tests, NULL, NULL);
}
