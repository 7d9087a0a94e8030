/* input_compound.h — the readers of values made of parts, on top of the scalar ones of
 * api/pipeline/input.h: enumerations, dates, uuids, arrays (and the one array reader under
 * them), arrays of objects and nested objects. Same contract as input.h: errors recorded on
 * the call in the Laravel shape, keyed as Laravel keys them. */
#ifndef API_INPUT_COMPOUND_H
#define API_INPUT_COMPOUND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "api/pipeline/input.h"

/* One of the NULL-terminated `allowed` strings; else "The selected <attr> is invalid.". */
enum input_state input_enum(struct call *c, const char *field, unsigned flags,
                            const char *const *allowed, const char **out);
/* A day "Y-m-d" as a day number (core/date.h). */
enum input_state input_date(struct call *c, const char *field, unsigned flags, int64_t *day);
/* An ISO 8601 date-time with a time of day, as a UTC day number and second of the day. */
enum input_state input_datetime(struct call *c, const char *field, unsigned flags, int64_t *day,
                                int64_t *sec);
/* A UUID (8-4-4-4-12 hex digits), lower-cased; a malformed one is "The selected <attr> is
 * invalid." (it can name nobody). */
enum input_state input_uuid(struct call *c, const char *field, unsigned flags, const char **out);
/* Decision: every array in a body holds at most INPUT_ITEMS_MAX items (issue 13 items 9
 * and 10); past it "The <attr> must not have more than N items." before any item is read.
 * Query-string arrays are bounded by the 256 query parameters instead. A record filled to
 * it everywhere still reads back in a page of 100 within the memory of a read
 * (docs/internals/arena.md, "Worst-case pages"). */
#define INPUT_ITEMS_MAX 20

/* Arrays: a JSON array (or, from a form body, an array of strings; from the query string,
 * every parameter of the name, blank ones left out). Items are checked one by one with the
 * scalar rule, errors keyed "<field>.<index>" as Laravel does. With IN_REQUIRED an empty
 * array is "The field is required.". *n may be 0. input_uuids / input_ids drop duplicates
 * (order kept) and, when at is not NULL, give (*at)[k], the index item k was sent at (its
 * key for input_refs); *out and *n are left alone when the field is absent. */
enum input_state input_uuids(struct call *c, const char *field, unsigned flags, const char ***out,
                             size_t *n, size_t **at);
enum input_state input_ids(struct call *c, const char *field, unsigned flags, int64_t **out,
                           size_t *n, size_t **at);
/* Arrays of integers in [min, max], of strings (maxlen as input_string) and of the
 * `allowed` words (as input_enum; *out points into allowed), duplicates kept. */
enum input_state input_ints(struct call *c, const char *field, unsigned flags, int64_t min,
                            int64_t max, int64_t **out, size_t *n);
enum input_state input_strings(struct call *c, const char *field, unsigned flags, size_t maxlen,
                               const char ***out, size_t *n);
enum input_state input_enums(struct call *c, const char *field, unsigned flags,
                             const char *const *allowed, const char ***out, size_t *n);
/* The reader under all of these, for an item rule of a handler's own: read reads the item
 * under key (a one-key scope object is c->body meanwhile, so any input_* helper applies)
 * into slot, size bytes; same, when set, tells duplicates, which are dropped. */
struct input_item {
    size_t size;
    enum input_state (*read)(struct call *c, const char *key, const void *arg, void *slot);
    bool (*same)(const void *x, const void *y);
    const void *arg;
};
enum input_state input_array(struct call *c, const char *field, unsigned flags,
                             const struct input_item *rule, void **out, size_t **at, size_t *n);
/* How many items array field holds as sent (blank query parameters too); 0 when it is not
 * an array. */
size_t input_count(struct call *c, const char *field);
/* An array of objects: *out gets the JSON array (its items unchecked; read each with
 * input_enter). */
enum input_state input_objects(struct call *c, const char *field, unsigned flags, json_t **out);

/* Read the fields of a nested object with the input_* helpers: errors are keyed
 * "<field>.<index>.<name>". A non-object item is "The <field>.<index> must be an array."
 * (PHP's word) and returns false; otherwise input_leave must follow. */
struct input_scope {
    json_t *body;
    const char *prefix;
};
bool input_enter(struct call *c, const char *field, size_t index, json_t *item,
                 struct input_scope *saved);
void input_leave(struct call *c, const struct input_scope *saved);

#endif
