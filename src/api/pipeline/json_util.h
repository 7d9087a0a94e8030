/* json_util.h — small builders of JSON values that the object serialisers share. Each
 * returns NULL only when memory runs out (an array it built is freed then). */
#ifndef API_JSON_UTIL_H
#define API_JSON_UTIL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* a string, or null for NULL */
json_t *jv_opt_text(const char *s);
/* ["a", "b", ...] of n strings */
json_t *jv_texts(const char *const *v, size_t n);
/* [1, 2, ...] of n integers */
json_t *jv_ints(const int64_t *v, size_t n);
/* a time (Unix ms) as "YYYY-MM-DDTHH:MM:SSZ", UTC */
json_t *jv_time(int64_t ms);

#endif
