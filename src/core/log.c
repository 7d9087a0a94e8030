/* log.c — see log.h. Each line is formatted into one buffer and written with a single
 * write(2), so lines from worker threads never interleave. */
#include "core/log.h"
#include "core/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "core/common.h"

static enum log_level min_level = LOG_INFO;

void log_set_level(enum log_level lv)
{
    min_level = lv;
}

int log_parse_level(const char *s, enum log_level *out)
{
    static const char *const names[] = {"debug", "info", "warn", "error"};
    for (size_t i = 0; i < ARRAY_LEN(names); i++) {
        if (strcmp(s, names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return -1;
}

void log_msg(enum log_level lv, const char *fmt, ...)
{
    static const char *const tags[] = {"debug", "info", "warn", "error"};
    if (lv < min_level)
        return;
    char line[2048];
    char ts[21];
    clock_iso8601(clock_now_ms(), ts);
    int n = snprintf(line, sizeof(line), "%s %s ", ts, tags[lv]);
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
    va_end(ap);
    size_t len = (size_t)n + (m < 0 ? 0 : (size_t)m);
    if (len > sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    ssize_t w = write(STDERR_FILENO, line, len);
    (void)w;
}
