/* clock.c — see clock.h. Uses only the thread-safe _r time functions. */
#include "core/clock.h"
#include "core/date.h"

#include <time.h>
#include "core/common.h"

int64_t clock_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void clock_iso8601(int64_t ms, char out[21])
{
    time_t t = (time_t)(ms / 1000);
    /* the years strftime writes with four digits: date.c's formats, without gmtime_r and
     * strftime (a few thousand instructions, and a task has three of these) */
    int64_t day = t >= 0 ? t / DATE_SECONDS_PER_DAY : -((-t - 1) / DATE_SECONDS_PER_DAY) - 1;
    int64_t y;
    int m, d;
    date_to_civil(day, &y, &m, &d);
    if (y >= 1000 && y <= 9999) {
        date_format_iso8601(day, t - day * DATE_SECONDS_PER_DAY, out);
        return;
    }
    struct tm tm;
    gmtime_r(&t, &tm);
    /* %Y would print more than four digits past year 9999; strftime truncates safely */
    if (strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        out[0] = '\0';
}
