/* log.h — one line per event on stderr, as text ("TIME LEVEL message key=value ...") or as
 * one JSON object a line (--log-format json). Lower layers return errors; the boundary
 * (router, server, main) decides what to log. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

#include <stddef.h>
#include <stdint.h>

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };
enum log_format { LOG_TEXT, LOG_JSON };

/* Messages below the level are dropped. Default LOG_INFO. */
void log_set_level(enum log_level lv);
/* Accepts "debug", "info", "warn", "error"; returns 0 or -1. */
int log_parse_level(const char *s, enum log_level *out);
/* Default LOG_TEXT. Set once at start, before any thread logs. */
void log_set_format(enum log_format f);
enum log_format log_get_format(void);
/* Accepts "text", "json"; returns 0 or -1. */
int log_parse_format(const char *s, enum log_format *out);
void log_msg(enum log_level lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* One named value of a structured event. A LF_STR value may be NULL (then the field is
 * left out) and may hold any bytes: it is escaped, so a client's text cannot forge a line. */
enum log_field_type { LF_STR, LF_INT, LF_MS };
struct log_field {
    const char *key;
    enum log_field_type type;
    const char *s;
    size_t len; /* of s; SIZE_MAX means strlen(s) */
    int64_t i;
    double ms;
};
#define LOG_STR(k, v)     ((struct log_field){.key = (k), .type = LF_STR, .s = (v), .len = SIZE_MAX})
#define LOG_STRN(k, v, n) ((struct log_field){.key = (k), .type = LF_STR, .s = (v), .len = (n)})
#define LOG_INT(k, v)     ((struct log_field){.key = (k), .type = LF_INT, .i = (v)})
#define LOG_MS(k, v)      ((struct log_field){.key = (k), .type = LF_MS, .ms = (v)})

/* A structured event. Text: "TIME LEVEL msg key=value ..." where the first nlead fields are
 * written as bare values right after msg (the access line's "id METHOD path status ...");
 * JSON: {"time":…,"level":…,"msg":…, every field as a member}. */
void log_event(enum log_level lv, const char *msg, const struct log_field *f, size_t n,
               size_t nlead);

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
