/* log.c — see log.h. Each line is formatted into one buffer and written with a single
 * write(2), so lines from worker threads never interleave. A line longer than the buffer
 * is cut, and in JSON still closed so that it parses. */
#include "core/log.h"
#include "core/clock.h"

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>
#include "core/common.h"

#define LOG_LINE_MAX 4096

static enum log_level min_level = LOG_INFO;
static enum log_format format = LOG_TEXT;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level lv)
{
    min_level = lv;
}

int log_parse_level(const char *s, enum log_level *out)
{
    for (size_t i = 0; i < ARRAY_LEN(level_names); i++) {
        if (strcmp(s, level_names[i]) == 0) {
            *out = (enum log_level)i;
            return 0;
        }
    }
    return -1;
}

void log_set_format(enum log_format f)
{
    format = f;
}

enum log_format log_get_format(void)
{
    return format;
}

int log_parse_format(const char *s, enum log_format *out)
{
    if (strcmp(s, "text") == 0)
        *out = LOG_TEXT;
    else if (strcmp(s, "json") == 0)
        *out = LOG_JSON;
    else
        return -1;
    return 0;
}

/* A line under construction; writes past the end are dropped (and the line cut). */
struct line {
    char b[LOG_LINE_MAX];
    size_t n;
};

/* room kept for the closing "\"}\n" of a JSON line that was cut */
#define LINE_RESERVE 4u

static void put(struct line *l, const char *s, size_t n)
{
    size_t room = sizeof(l->b) - LINE_RESERVE - l->n;
    if (n > room)
        n = room;
    memcpy(l->b + l->n, s, n);
    l->n += n;
}

static void puts_(struct line *l, const char *s)
{
    put(l, s, strlen(s));
}

__attribute__((format(printf, 2, 3))) static void putf(struct line *l, const char *fmt, ...)
{
    char tmp[64];
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(tmp, sizeof(tmp), fmt, ap);
    va_end(ap);
    if (m > 0)
        put(l, tmp, (size_t)m < sizeof(tmp) ? (size_t)m : sizeof(tmp) - 1);
}

/* s as the inside of a JSON string (json) or as text where a control character, a quote
 * or a backslash is escaped; bytes >= 0x80 pass as they are (UTF-8 stays readable) */
static void put_escaped(struct line *l, const char *s, size_t n, bool json)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            char e[2] = {'\\', (char)c};
            put(l, e, 2);
        } else if (c == '\n') {
            put(l, "\\n", 2);
        } else if (c == '\t') {
            put(l, "\\t", 2);
        } else if (c < 0x20 || c == 0x7f) {
            putf(l, json ? "\\u%04x" : "\\x%02x", c);
        } else {
            put(l, s + i, 1);
        }
    }
}

static bool needs_quotes(const char *s, size_t n)
{
    if (n == 0)
        return true;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= ' ' || c == '"' || c == '\\' || c == '=' || c == 0x7f)
            return true;
    }
    return false;
}

static size_t field_len(const struct log_field *f)
{
    return f->len == SIZE_MAX ? strlen(f->s) : f->len;
}

static void put_value(struct line *l, const struct log_field *f, bool json, bool bare)
{
    switch (f->type) {
    case LF_INT:
        putf(l, "%lld", (long long)f->i);
        break;
    case LF_MS:
        putf(l, json ? "%.3f" : "%.2fms", f->ms);
        break;
    case LF_STR: {
        size_t n = field_len(f);
        bool q = json || (!bare && needs_quotes(f->s, n));
        if (q)
            put(l, "\"", 1);
        put_escaped(l, f->s, n, json);
        if (q)
            put(l, "\"", 1);
        break;
    }
    }
}

static void start(struct line *l, enum log_level lv)
{
    char ts[21];
    clock_iso8601(clock_now_ms(), ts);
    l->n = 0;
    if (format == LOG_JSON) {
        puts_(l, "{\"time\":\"");
        puts_(l, ts);
        puts_(l, "\",\"level\":\"");
        puts_(l, level_names[lv]);
        puts_(l, "\",\"msg\":\"");
    } else {
        puts_(l, ts);
        puts_(l, " ");
        puts_(l, level_names[lv]);
        puts_(l, " ");
    }
}

static void finish(struct line *l, bool msg_open)
{
    if (format == LOG_JSON) {
        /* a cut line may end inside a string, even inside an escape: drop a partial
         * escape, then close what is open */
        if (l->n == sizeof(l->b) - LINE_RESERVE) {
            size_t k = 0;
            while (k < 6 && k < l->n && l->b[l->n - 1 - k] != '\\')
                k++;
            if (k < 6 && k < l->n)
                l->n -= k + 1;
            msg_open = true;
        }
        memcpy(l->b + l->n, msg_open ? "\"}" : "}", msg_open ? 2 : 1);
        l->n += msg_open ? 2 : 1;
    }
    l->b[l->n++] = '\n';
    ssize_t w = write(STDERR_FILENO, l->b, l->n);
    (void)w;
}

void log_msg(enum log_level lv, const char *fmt, ...)
{
    if (lv < min_level)
        return;
    struct line l;
    start(&l, lv);
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    size_t len = m < 0 ? 0 : (size_t)m < sizeof(msg) ? (size_t)m : sizeof(msg) - 1;
    if (format == LOG_JSON)
        put_escaped(&l, msg, len, true);
    else
        put(&l, msg, len);
    finish(&l, format == LOG_JSON);
}

void log_event(enum log_level lv, const char *msg, const struct log_field *f, size_t n,
               size_t nlead)
{
    if (lv < min_level)
        return;
    bool json = format == LOG_JSON;
    struct line l;
    start(&l, lv);
    put_escaped(&l, msg, strlen(msg), json);
    if (json)
        put(&l, "\"", 1);
    bool first = !*msg; /* text: no space before the first value when there is no msg */
    for (size_t i = 0; i < n; i++) {
        if (f[i].type == LF_STR && !f[i].s)
            continue;
        if (json) {
            puts_(&l, ",\"");
            puts_(&l, f[i].key);
            puts_(&l, "\":");
        } else {
            if (!first)
                puts_(&l, " ");
            first = false;
            if (i >= nlead) {
                puts_(&l, f[i].key);
                puts_(&l, "=");
            }
        }
        put_value(&l, &f[i], json, !json && i < nlead);
    }
    finish(&l, false);
}
