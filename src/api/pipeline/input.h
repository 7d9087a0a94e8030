/* input.h — reading request fields into C values, liberal in what is accepted and precise
 * in what is refused. Each helper looks at one field of the input, converts it, and on a bad
 * value records a Laravel-style message on the call (call_invalid) and returns IN_BAD;
 * handlers then call call_check(). Unknown fields are never read, so they cannot be
 * mass-assigned.
 * The input is the JSON (or form) body, or, for a GET, the query string (c->input_qs): the
 * same helper reads either, a query parameter being text like a JSON string. A scalar is the
 * last parameter of its name; an array is what PHP makes of the parameters of its name: the
 * bracketed ones (name[]=, name[N]=) after the last plain name= (a plain one coming last is
 * a string: "must be an array"; input_array_value).
 * Accepted forms: integers as JSON numbers or numeric strings; booleans as true/false,
 * 0/1, "0"/"1", "true"/"false". */
#ifndef API_INPUT_H
#define API_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#include "api/pipeline/call.h"
#include "model/ref.h"

enum input_state {
    IN_ABSENT = 0, /* the field is not there */
    IN_NULL,       /* the field is null (only returned with IN_NULLABLE) */
    IN_VALUE,      /* *out holds the value */
    IN_BAD,        /* a message was recorded on the call */
};

enum {
    IN_REQUIRED = 1u << 0, /* absent (or null without IN_NULLABLE) is an error */
    IN_NULLABLE = 1u << 1, /* null is a value: returns IN_NULL */
    IN_NOTNULL = 1u << 2,  /* may be absent (a partial update), but null or blank is
                              "The field is required." */
    IN_LONG = 1u << 3,     /* input_string: also at most maxlen bytes as a JSON string */
};

/* Decision (issue 13 item 9): a long text (descriptions, comments, text custom fields) is
 * at most its number of characters and also at most that many bytes once written as a
 * JSON string (UTF-8, each escape counted: a quote 2, a control character up to 6), so
 * that what a page of 100 holds and sends is bounded in bytes (docs/internals/arena.md).
 * Past it: "The <attr> must not be greater than N bytes." */
size_t input_json_len(const char *s, size_t n);

/* A UTF-8 string of at most maxlen code points (0 = no limit), copied into the arena.
 * Surrounding whitespace is trimmed and a blank string counts as null, as Laravel does. */
enum input_state input_string(struct call *c, const char *field, unsigned flags, size_t maxlen,
                              const char **out);
/* An integer in [min, max]. */
enum input_state input_int(struct call *c, const char *field, unsigned flags, int64_t min,
                           int64_t max, int64_t *out);
enum input_state input_bool(struct call *c, const char *field, unsigned flags, bool *out);

/* An id of an object: a positive integer (number or numeric string). Zero or a negative
 * number gets "The selected <attr> is invalid.", as an unknown id does. */
enum input_state input_id(struct call *c, const char *field, unsigned flags, int64_t *out);

/* A colour "#rrggbb"; anything else gets "The <attr> format is invalid.". */
enum input_state input_color(struct call *c, const char *field, unsigned flags, const char **out);

/* Record "The selected <attr> is invalid." on field (an id that names nothing here). */
int input_invalid_id(struct call *c, const char *field);

/* References: every id must name an object of `kind` in the workspace, all looked up in one
 * query (model/ref.h). ids: int64_t[] for REF_TAG, lower-case uuid strings (const char *[])
 * for the others. Each that names nothing gets "The selected <field>.<at[i]> is invalid."
 * (at NULL: <field>.<i>), as Laravel's exists rule on "<field>.*". RC_OK (call_check tells
 * whether any was refused) or a store rc, also recorded with call_fail. input_ref: one id,
 * the error on field itself. */
int input_refs(struct call *c, enum ref_kind kind, const char *field, const void *ids, size_t n,
               const size_t *at);
int input_ref(struct call *c, enum ref_kind kind, const char *field, const void *id);

/* For the readers in input_compound.c: whether field was sent as a JSON value that is not
 * text (nor null), and the value of an array field as a new reference (NULL when absent or
 * with RC_NOMEM recorded) with *from_qs telling it was made of query parameters. From the
 * query it is what PHP makes of it: the bracketed items (name[]=, name[N]=) after the last
 * plain name=, or that plain value as a string when it comes last (then "must be an
 * array"). */
bool input_not_text(struct call *c, const char *field);
json_t *input_array_value(struct call *c, const char *field, bool *from_qs);

/* "boardId" -> "board id", as Laravel names attributes in its messages. */
const char *input_attr(struct call *c, const char *field);

#endif
