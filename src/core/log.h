/* log.h — one line per event on stderr, prefixed with a UTC timestamp and level.
 * Lower layers return errors; the boundary (router, main) decides what to log. */
#ifndef CORE_LOG_H
#define CORE_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

/* Messages below the level are dropped. Default LOG_INFO. */
void log_set_level(enum log_level lv);
/* Accepts "debug", "info", "warn", "error"; returns 0 or -1. */
int log_parse_level(const char *s, enum log_level *out);
void log_msg(enum log_level lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
