/* json_util.h — small builders of JSON values that the object serialisers share. Each
 * returns NULL only when memory runs out (an array it built is freed then). And the
 * writer's counterparts (core/jw.h), with the bridge from a writer presenter to a tree. */
#ifndef API_JSON_UTIL_H
#define API_JSON_UTIL_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/pipeline/call.h"
#include "core/jw.h"

/* a string, or null for NULL */
json_t *jv_opt_text(const char *s);
/* ["a", "b", ...] of n strings */
json_t *jv_texts(const char *const *v, size_t n);
/* [1, 2, ...] of n integers */
json_t *jv_ints(const int64_t *v, size_t n);
/* a time (Unix ms) as "YYYY-MM-DDTHH:MM:SSZ", UTC */
json_t *jv_time(int64_t ms);

/* ["a", "b", ...] and [1, 2, ...] of n values into w */
void jv_write_texts(struct jw *w, const char *const *v, size_t n);
void jv_write_ints(struct jw *w, const int64_t *v, size_t n);
/* a time (Unix ms) as "YYYY-MM-DDTHH:MM:SSZ", UTC */
void jv_write_time(struct jw *w, int64_t ms);
/* JSON text weeekd stored (a custom field's config or value) as jansson gives it back once
 * parsed: null for NULL or text that does not parse. Parsed in an arena of its own, freed
 * before the call returns, so a page of items does not keep every value's tree. */
void jv_write_stored(struct jw *w, const char *text);

/* The tree of what write writes for item, for the few answers that still put an object
 * into a tree (c->extra, an object inside a jansson presenter): written, then parsed back,
 * so the object has one field list. NULL when memory runs out or write failed. */
json_t *jv_written(const struct call *c, const void *item, write_fn write);
/* [jv_written(items[0]), ...] of n items of size bytes */
json_t *jv_written_list(const struct call *c, const void *items, size_t n, size_t size,
                        write_fn write);

#endif
