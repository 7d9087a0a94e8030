/* date.c — see date.h. The day-number conversions are Howard Hinnant's civil-calendar
 * algorithms ("chrono-Compatible Low-Level Date Algorithms"), in 64-bit integers so that no
 * intermediate overflows and floors are exact for negative values too. */
#include "core/date.h"

#include <stdio.h>
#include "core/common.h"

bool date_is_leap(int64_t year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int date_days_in_month(int64_t year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    if (month == 2 && date_is_leap(year))
        return 29;
    return days[month - 1];
}

bool date_valid(int64_t year, int month, int day)
{
    if (year < DATE_YEAR_MIN || year > DATE_YEAR_MAX)
        return false;
    return day >= 1 && day <= date_days_in_month(year, month);
}

/* floor(a / b) for b > 0 */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && a < 0)
        q--;
    return q;
}

int64_t date_from_civil(int64_t year, int month, int day)
{
    /* the year starts on 1 March so the leap day is the year's last */
    int64_t y = month <= 2 ? year - 1 : year;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* 0..399 */
    int64_t mp = month > 2 ? month - 3 : month + 9;      /* 0 = March */
    int64_t doy = (153 * mp + 2) / 5 + day - 1;          /* 0..365 */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* 0..146096 */
    return era * 146097 + doe - 719468;                  /* 719468: 0000-03-01 → 1970-01-01 */
}

void date_to_civil(int64_t day, int64_t *year, int *month, int *day_of_month)
{
    int64_t z = day + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                      /* 0..146096 */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* 0..365 */
    int64_t mp = (5 * doy + 2) / 153;                                    /* 0..11 */
    int64_t d = doy - (153 * mp + 2) / 5 + 1;                            /* 1..31 */
    int64_t m = mp < 10 ? mp + 3 : mp - 9;                               /* 1..12 */
    *year = yoe + era * 400 + (m <= 2);
    *month = (int)m;
    *day_of_month = (int)d;
}

void date_from_unix_ms(int64_t ms, int64_t *day, int64_t *sec)
{
    int64_t s = floor_div(ms, 1000);
    int64_t d = floor_div(s, DATE_SECONDS_PER_DAY);
    if (day)
        *day = d;
    if (sec)
        *sec = s - d * DATE_SECONDS_PER_DAY;
}

/* n ASCII digits at s as a number, or -1 when any is not a digit. */
static int64_t digits(const char *s, size_t n)
{
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int civil_day(int64_t y, int64_t m, int64_t d, int64_t *day)
{
    if (y < 0 || m < 0 || d < 0 || m > 12 || d > 31)
        return -1;
    if (!date_valid(y, (int)m, (int)d))
        return -1;
    *day = date_from_civil(y, (int)m, (int)d);
    return 0;
}

int date_parse_ymd(const char *s, size_t len, int64_t *day)
{
    if (!s || len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    return civil_day(digits(s, 4), digits(s + 5, 2), digits(s + 8, 2), day);
}

int date_parse_dmy(const char *s, size_t len, int64_t *day)
{
    if (!s || len != 10 || s[2] != '.' || s[5] != '.')
        return -1;
    return civil_day(digits(s + 6, 4), digits(s + 3, 2), digits(s, 2), day);
}

int date_parse_iso8601(const char *s, size_t len, int64_t *day, int64_t *sec)
{
    int64_t d, h, mi, se = 0, off = 0;
    size_t i;

    if (!s || len < 16 || date_parse_ymd(s, 10, &d) != 0)
        return -1;
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ')
        return -1;
    h = digits(s + 11, 2);
    if (s[13] != ':')
        return -1;
    mi = digits(s + 14, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59)
        return -1;
    i = 16;
    if (i < len && s[i] == ':') {
        if (len - i < 3)
            return -1;
        se = digits(s + i + 1, 2);
        if (se < 0 || se > 59)
            return -1;
        i += 3;
        if (i < len && (s[i] == '.' || s[i] == ',')) {
            size_t n = 0;
            i++;
            while (i + n < len && s[i + n] >= '0' && s[i + n] <= '9')
                n++;
            if (n < 1 || n > 9)
                return -1;
            i += n;
        }
    }
    if (i < len) {
        if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == len) {
            i++;
        } else if (s[i] == '+' || s[i] == '-') {
            int64_t oh, om;
            int64_t sign = s[i] == '-' ? -1 : 1;
            size_t rest = len - i - 1;
            if (rest == 5 && s[i + 3] == ':')
                om = digits(s + i + 4, 2);
            else if (rest == 4)
                om = digits(s + i + 3, 2);
            else
                return -1;
            oh = digits(s + i + 1, 2);
            if (oh < 0 || oh > 23 || om < 0 || om > 59)
                return -1;
            off = sign * (oh * 3600 + om * 60);
            i = len;
        } else {
            return -1;
        }
    }
    if (i != len)
        return -1;

    /* local time minus its offset is UTC; the day may move by one either way */
    int64_t t = d * DATE_SECONDS_PER_DAY + h * 3600 + mi * 60 + se - off;
    int64_t ud = floor_div(t, DATE_SECONDS_PER_DAY);
    *day = ud;
    *sec = t - ud * DATE_SECONDS_PER_DAY;
    return 0;
}

/* n digits of v (>= 0), zero-padded, at out; the fast form of %0Nd for the years 0..9999
 * and the fields of a day (a printf costs a thousand instructions, and a task has a dozen
 * dates) */
static void put_digits(char *out, int64_t v, int n)
{
    while (n-- > 0) {
        out[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

void date_format_ymd(int64_t day, char out[DATE_YMD_SIZE])
{
    int64_t y;
    int m, d;
    date_to_civil(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(out, DATE_YMD_SIZE, "%04lld-%02d-%02d", (long long)y, m, d);
        return;
    }
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
    out[10] = '\0';
}

void date_format_dmy(int64_t day, char out[DATE_DMY_SIZE])
{
    int64_t y;
    int m, d;
    date_to_civil(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        snprintf(out, DATE_DMY_SIZE, "%02d.%02d.%04lld", d, m, (long long)y);
        return;
    }
    put_digits(out, d, 2);
    out[2] = '.';
    put_digits(out + 3, m, 2);
    out[5] = '.';
    put_digits(out + 6, y, 4);
    out[10] = '\0';
}

void date_format_iso8601(int64_t day, int64_t sec, char out[DATE_ISO8601_SIZE])
{
    int64_t y;
    int m, d;
    date_to_civil(day, &y, &m, &d);
    if (y < 0 || y > 9999 || sec < 0 || sec >= DATE_SECONDS_PER_DAY) {
        snprintf(out, DATE_ISO8601_SIZE, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
                 (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
        return;
    }
    date_format_ymd(day, out);
    out[10] = 'T';
    put_digits(out + 11, sec / 3600, 2);
    out[13] = ':';
    put_digits(out + 14, sec / 60 % 60, 2);
    out[16] = ':';
    put_digits(out + 17, sec % 60, 2);
    out[19] = 'Z';
    out[20] = '\0';
}
