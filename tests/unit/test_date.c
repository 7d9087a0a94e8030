/* test_date.c — core/date.c: day numbers, calendar validity, and the Y-m-d, dd.mm.yyyy and
 * ISO 8601 parsers and formatters. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <time.h>

#include "core/clock.h"
#include "core/date.h"
#include "core/common.h"

static int64_t ymd_ok(const char *s)
{
    int64_t d = -777;
    if (date_parse_ymd(s, strlen(s), &d) != 0)
        fail_msg("date_parse_ymd refused \"%s\"", s);
    return d;
}

static void ymd_bad(const char *s)
{
    int64_t d = -777;
    if (date_parse_ymd(s, strlen(s), &d) != -1)
        fail_msg("date_parse_ymd accepted \"%s\"", s);
    assert_int_equal(d, -777);
}

static int64_t dmy_ok(const char *s)
{
    int64_t d = -777;
    if (date_parse_dmy(s, strlen(s), &d) != 0)
        fail_msg("date_parse_dmy refused \"%s\"", s);
    return d;
}

static void dmy_bad(const char *s)
{
    int64_t d = -777;
    if (date_parse_dmy(s, strlen(s), &d) != -1)
        fail_msg("date_parse_dmy accepted \"%s\"", s);
    assert_int_equal(d, -777);
}

static void iso_ok(const char *s, const char *want_day, int64_t want_sec)
{
    int64_t d = -777, sec = -777;
    if (date_parse_iso8601(s, strlen(s), &d, &sec) != 0)
        fail_msg("date_parse_iso8601 refused \"%s\"", s);
    if (d != ymd_ok(want_day) || sec != want_sec)
        fail_msg("\"%s\": got day %lld sec %lld, want %s sec %lld", s, (long long)d, (long long)sec,
                 want_day, (long long)want_sec);
}

static void iso_bad(const char *s)
{
    int64_t d = -777, sec = -777;
    if (date_parse_iso8601(s, strlen(s), &d, &sec) != -1)
        fail_msg("date_parse_iso8601 accepted \"%s\"", s);
    assert_int_equal(d, -777);
    assert_int_equal(sec, -777);
}

/* ---- calendar ---- */

static void leap_years_follow_the_gregorian_rule(void **state)
{
    (void)state;
    assert_true(date_is_leap(2024));
    assert_true(date_is_leap(2000));
    assert_true(date_is_leap(2400));
    assert_false(date_is_leap(1900));
    assert_false(date_is_leap(2100));
    assert_false(date_is_leap(2026));
    assert_int_equal(date_days_in_month(2024, 2), 29);
    assert_int_equal(date_days_in_month(2026, 2), 28);
    assert_int_equal(date_days_in_month(1900, 2), 28);
    assert_int_equal(date_days_in_month(2026, 4), 30);
    assert_int_equal(date_days_in_month(2026, 12), 31);
    assert_int_equal(date_days_in_month(2026, 0), 0);
    assert_int_equal(date_days_in_month(2026, 13), 0);
}

static void valid_dates_need_real_days_and_four_digit_years(void **state)
{
    (void)state;
    assert_true(date_valid(2026, 2, 28));
    assert_false(date_valid(2026, 2, 29));
    assert_true(date_valid(2024, 2, 29));
    assert_false(date_valid(2026, 2, 30));
    assert_false(date_valid(2026, 4, 31));
    assert_false(date_valid(2026, 0, 1));
    assert_false(date_valid(2026, 1, 0));
    assert_true(date_valid(1, 1, 1));
    assert_true(date_valid(9999, 12, 31));
    assert_false(date_valid(0, 1, 1));
    assert_false(date_valid(10000, 1, 1));
}

static void day_numbers_count_from_the_unix_epoch(void **state)
{
    (void)state;
    assert_int_equal(date_from_civil(1970, 1, 1), 0);
    assert_int_equal(date_from_civil(1970, 1, 2), 1);
    assert_int_equal(date_from_civil(1969, 12, 31), -1);
    assert_int_equal(date_from_civil(2000, 3, 1), 11017);
    assert_int_equal(date_from_civil(2026, 12, 1), 20788);
    assert_int_equal(date_from_civil(1, 1, 1), -719162);
    assert_int_equal(date_from_civil(9999, 12, 31), 2932896);
}

static void day_numbers_round_trip_over_every_day(void **state)
{
    (void)state;
    /* every day of years 1..9999: consecutive numbers, and back to the same date */
    int64_t prev = date_from_civil(1, 1, 1) - 1;
    for (int64_t y = DATE_YEAR_MIN; y <= DATE_YEAR_MAX; y++) {
        for (int m = 1; m <= 12; m++) {
            for (int d = 1; d <= date_days_in_month(y, m); d++) {
                int64_t n = date_from_civil(y, m, d);
                int64_t yy;
                int mm, dd;
                if (n != prev + 1)
                    fail_msg("%lld-%d-%d is day %lld after %lld", (long long)y, m, d, (long long)n,
                             (long long)prev);
                prev = n;
                date_to_civil(n, &yy, &mm, &dd);
                if (yy != y || mm != m || dd != d)
                    fail_msg("%lld-%d-%d -> %lld -> %lld-%d-%d", (long long)y, m, d, (long long)n,
                             (long long)yy, mm, dd);
            }
        }
    }
}

static void unix_ms_split_into_utc_day_and_second(void **state)
{
    (void)state;
    int64_t d, s;
    date_from_unix_ms(0, &d, &s);
    assert_int_equal(d, 0);
    assert_int_equal(s, 0);
    date_from_unix_ms(86399999, &d, &s);
    assert_int_equal(d, 0);
    assert_int_equal(s, 86399);
    date_from_unix_ms(86400000, &d, &s);
    assert_int_equal(d, 1);
    assert_int_equal(s, 0);
    date_from_unix_ms(-1, &d, &s); /* 1969-12-31T23:59:59.999 */
    assert_int_equal(d, -1);
    assert_int_equal(s, 86399);
    date_from_unix_ms(INT64_C(1796128061000), &d, NULL); /* 2026-12-01T12:27:41Z */
    assert_int_equal(d, 20788);
    date_from_unix_ms(INT64_C(1796128061000), NULL, &s);
    assert_int_equal(s, 12 * 3600 + 27 * 60 + 41);
}

/* ---- Y-m-d ---- */

static void ymd_parses_real_dates(void **state)
{
    (void)state;
    assert_int_equal(ymd_ok("1970-01-01"), 0);
    assert_int_equal(ymd_ok("2026-12-01"), 20788);
    assert_int_equal(ymd_ok("2024-02-29"), date_from_civil(2024, 2, 29));
    assert_int_equal(ymd_ok("2000-02-29"), date_from_civil(2000, 2, 29));
    assert_int_equal(ymd_ok("0001-01-01"), -719162);
    assert_int_equal(ymd_ok("9999-12-31"), 2932896);
}

static void ymd_rejects_impossible_dates(void **state)
{
    (void)state;
    ymd_bad("2026-02-30");
    ymd_bad("2026-02-29");
    ymd_bad("1900-02-29");
    ymd_bad("2026-04-31");
    ymd_bad("2026-13-01");
    ymd_bad("2026-00-10");
    ymd_bad("2026-01-00");
    ymd_bad("2026-01-32");
    ymd_bad("0000-01-01");
}

static void ymd_rejects_other_shapes(void **state)
{
    (void)state;
    ymd_bad("");
    ymd_bad("2026-1-01");
    ymd_bad("2026-01-1");
    ymd_bad("26-01-01");
    ymd_bad("02026-01-01");
    ymd_bad("2026/01/01");
    ymd_bad("2026-01-01 ");
    ymd_bad(" 2026-01-01");
    ymd_bad("2026-01-01T00:00:00Z");
    ymd_bad("01.01.2026");
    ymd_bad("2026-+1-01");
    ymd_bad("2026- 1-01");
    ymd_bad("-026-01-01");
    ymd_bad("2026-01-0a");
    /* the length is respected: the NUL-free prefix of a longer buffer is not enough */
    int64_t d = -777;
    assert_int_equal(date_parse_ymd("2026-01-01", 9, &d), -1);
    assert_int_equal(date_parse_ymd(NULL, 10, &d), -1);
    assert_int_equal(d, -777);
}

/* ---- dd.mm.yyyy ---- */

static void dmy_parses_real_dates(void **state)
{
    (void)state;
    assert_int_equal(dmy_ok("01.01.1970"), 0);
    assert_int_equal(dmy_ok("01.12.2026"), 20788);
    assert_int_equal(dmy_ok("29.02.2024"), ymd_ok("2024-02-29"));
    assert_int_equal(dmy_ok("19.03.2022"), ymd_ok("2022-03-19"));
}

static void dmy_rejects_impossible_dates_and_other_shapes(void **state)
{
    (void)state;
    dmy_bad("30.02.2026");
    dmy_bad("29.02.2026");
    dmy_bad("31.04.2026");
    dmy_bad("01.13.2026");
    dmy_bad("00.01.2026");
    dmy_bad("01.01.0000");
    dmy_bad("1.1.2026");
    dmy_bad("01-01-2026");
    dmy_bad("2026-01-01");
    dmy_bad("01.01.26");
    dmy_bad("01.01.2026 ");
    dmy_bad("");
}

/* ---- ISO 8601 ---- */

static void iso_parses_utc_date_times(void **state)
{
    (void)state;
    iso_ok("2026-12-01T12:27:41Z", "2026-12-01", 12 * 3600 + 27 * 60 + 41);
    iso_ok("2026-12-01T00:00:00Z", "2026-12-01", 0);
    iso_ok("2026-12-01T23:59:59Z", "2026-12-01", 86399);
    iso_ok("2026-12-01t10:00:00z", "2026-12-01", 36000);
    iso_ok("2026-12-01 10:00:00", "2026-12-01", 36000);
    iso_ok("2026-12-01T10:00:00", "2026-12-01", 36000); /* no zone: UTC */
    iso_ok("2026-12-01T10:00", "2026-12-01", 36000);    /* seconds optional */
    iso_ok("2026-12-01T10:00Z", "2026-12-01", 36000);
}

static void iso_drops_fractional_seconds(void **state)
{
    (void)state;
    iso_ok("2026-12-01T10:00:05.999Z", "2026-12-01", 36005);
    iso_ok("2026-12-01T10:00:05.1Z", "2026-12-01", 36005);
    iso_ok("2026-12-01T10:00:05,5", "2026-12-01", 36005);
    iso_ok("2026-12-01T10:00:05.123456789+00:00", "2026-12-01", 36005);
    iso_bad("2026-12-01T10:00:05.Z");
    iso_bad("2026-12-01T10:00:05.");
    iso_bad("2026-12-01T10:00:05.1234567890Z");
    iso_bad("2026-12-01T10:00.5Z"); /* a fraction needs seconds */
}

static void iso_applies_offsets_across_day_boundaries(void **state)
{
    (void)state;
    iso_ok("2026-12-01T10:00:00+03:00", "2026-12-01", 7 * 3600);
    iso_ok("2026-12-01T10:00:00-02:30", "2026-12-01", 12 * 3600 + 30 * 60);
    iso_ok("2026-12-01T10:00:00+0300", "2026-12-01", 7 * 3600);
    iso_ok("2026-12-01T01:00:00+03:00", "2026-11-30", 22 * 3600);
    iso_ok("2026-12-31T23:00:00-02:00", "2027-01-01", 3600);
    iso_ok("2024-03-01T00:30:00+01:00", "2024-02-29", 23 * 3600 + 30 * 60);
    iso_ok("2026-12-01T10:00:00+00:00", "2026-12-01", 36000);
    iso_ok("2026-12-01T10:00:00-00:00", "2026-12-01", 36000);
}

static void iso_rejects_malformed_values(void **state)
{
    (void)state;
    iso_bad("");
    iso_bad("2026-12-01");
    iso_bad("2026-12-01T");
    iso_bad("2026-12-01T10");
    iso_bad("2026-12-01T10:0");
    iso_bad("2026-12-01X10:00:00Z");
    iso_bad("2026-02-30T10:00:00Z");
    iso_bad("2026-12-01T24:00:00Z");
    iso_bad("2026-12-01T10:60:00Z");
    iso_bad("2026-12-01T10:00:60Z");
    iso_bad("2026-12-01T10:00:0Z");
    iso_bad("2026-12-01T10:00:00ZZ");
    iso_bad("2026-12-01T10:00:00 Z");
    iso_bad("2026-12-01T10:00:00+3");
    iso_bad("2026-12-01T10:00:00+03");
    iso_bad("2026-12-01T10:00:00+03:0");
    iso_bad("2026-12-01T10:00:00+24:00");
    iso_bad("2026-12-01T10:00:00+03:60");
    iso_bad("2026-12-01T10:00:00+03:00 ");
    iso_bad("2026-12-01T10:00:00+03-00");
    iso_bad("2026-12-01T1a:00:00Z");
    iso_bad("01.12.2026T10:00:00Z");
}

/* ---- formatting ---- */

static void formatters_print_zero_padded_fields(void **state)
{
    (void)state;
    char ymd[DATE_YMD_SIZE], dmy[DATE_DMY_SIZE], iso[DATE_ISO8601_SIZE];
    date_format_ymd(0, ymd);
    assert_string_equal(ymd, "1970-01-01");
    date_format_ymd(ymd_ok("2024-02-29"), ymd);
    assert_string_equal(ymd, "2024-02-29");
    date_format_ymd(-719162, ymd);
    assert_string_equal(ymd, "0001-01-01");
    date_format_dmy(20788, dmy);
    assert_string_equal(dmy, "01.12.2026");
    date_format_iso8601(20788, 12 * 3600 + 27 * 60 + 41, iso);
    assert_string_equal(iso, "2026-12-01T12:27:41Z");
    date_format_iso8601(0, 0, iso);
    assert_string_equal(iso, "1970-01-01T00:00:00Z");
    date_format_iso8601(2932896, 86399, iso);
    assert_string_equal(iso, "9999-12-31T23:59:59Z");
}

static void formatted_dates_parse_back(void **state)
{
    (void)state;
    char ymd[DATE_YMD_SIZE], dmy[DATE_DMY_SIZE], iso[DATE_ISO8601_SIZE];
    for (int64_t day = -719162; day <= 2932896; day += 997) {
        int64_t d2 = 0, s2 = 0;
        date_format_ymd(day, ymd);
        assert_int_equal(ymd_ok(ymd), day);
        date_format_dmy(day, dmy);
        assert_int_equal(dmy_ok(dmy), day);
        date_format_iso8601(day, 45296, iso);
        assert_int_equal(date_parse_iso8601(iso, strlen(iso), &d2, &s2), 0);
        assert_int_equal(d2, day);
        assert_int_equal(s2, 45296);
    }
}

/* the digit-by-digit formats give what printf and strftime gave, over every day of years
 * 0..10000 and beyond, and for times before 1970 and past 9999 */
static void formats_match_printf_and_strftime(void **state)
{
    (void)state;
    char got[32], want[32];
    int64_t first = date_from_civil(-3, 1, 1), last = date_from_civil(10003, 12, 31);
    for (int64_t day = first; day <= last; day++) {
        int64_t y;
        int m, d;
        date_to_civil(day, &y, &m, &d);
        int64_t sec = (day * 7919) % DATE_SECONDS_PER_DAY;
        if (sec < 0)
            sec += DATE_SECONDS_PER_DAY;
        date_format_ymd(day, got);
        snprintf(want, DATE_YMD_SIZE, "%04lld-%02d-%02d", (long long)y, m, d);
        assert_string_equal(got, want);
        date_format_dmy(day, got);
        snprintf(want, DATE_DMY_SIZE, "%02d.%02d.%04lld", d, m, (long long)y);
        assert_string_equal(got, want);
        date_format_iso8601(day, sec, got);
        snprintf(want, DATE_ISO8601_SIZE, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
                 (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
        assert_string_equal(got, want);
        /* a time of that day, to the millisecond, as strftime wrote it */
        int64_t ms = (day * DATE_SECONDS_PER_DAY + sec) * 1000 + (day % 1000);
        time_t t = (time_t)(ms / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        if (strftime(want, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
            want[0] = '\0';
        clock_iso8601(ms, got);
        assert_string_equal(got, want);
    }
    static const int64_t ms[] = {0, -1, -999, -1000, -1001, 1, 999, 1765000000123, INT64_MAX / 2};
    for (size_t i = 0; i < ARRAY_LEN(ms); i++) {
        time_t t = (time_t)(ms[i] / 1000);
        struct tm tm;
        gmtime_r(&t, &tm);
        if (strftime(want, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
            want[0] = '\0';
        clock_iso8601(ms[i], got);
        assert_string_equal(got, want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(leap_years_follow_the_gregorian_rule),
        cmocka_unit_test(valid_dates_need_real_days_and_four_digit_years),
        cmocka_unit_test(day_numbers_count_from_the_unix_epoch),
        cmocka_unit_test(day_numbers_round_trip_over_every_day),
        cmocka_unit_test(unix_ms_split_into_utc_day_and_second),
        cmocka_unit_test(ymd_parses_real_dates),
        cmocka_unit_test(ymd_rejects_impossible_dates),
        cmocka_unit_test(ymd_rejects_other_shapes),
        cmocka_unit_test(dmy_parses_real_dates),
        cmocka_unit_test(dmy_rejects_impossible_dates_and_other_shapes),
        cmocka_unit_test(iso_parses_utc_date_times),
        cmocka_unit_test(iso_drops_fractional_seconds),
        cmocka_unit_test(iso_applies_offsets_across_day_boundaries),
        cmocka_unit_test(iso_rejects_malformed_values),
        cmocka_unit_test(formatters_print_zero_padded_fields),
        cmocka_unit_test(formatted_dates_parse_back),
        cmocka_unit_test(formats_match_printf_and_strftime),
    };
    return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
