/* util.h — small helpers shared by the model files. */
#ifndef MODEL_UTIL_H
#define MODEL_UTIL_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;

/* s with LIKE's wildcards (% _) and the escape character escaped by '!', for
 * "LIKE '%' || $n || '%' ESCAPE '!'" ('!' because a backslash means different things to
 * the two SQL dialects and to the C strings the queries are compiled into), after
 * case-folding it (core/fold.h) to meet a stored search_text column folded the same way
 * (store/search.h). NULL when the arena is exhausted. */
const char *like_pattern(struct arena *a, const char *text);
/* Run a statement that must change exactly one row: RC_OK, RC_NOTFOUND when it changed
 * none, or the store's rc. */
int exec_one(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs);

/* How a row reader copies one column into a struct member: the kinds of member the model
 * structs hold. */
enum row_kind {
    ROW_TEXT,   /* const char * (NULL for SQL NULL) */
    ROW_INT,    /* int64_t */
    ROW_INT32,  /* int */
    ROW_BOOL,   /* bool: the integer is not 0 */
    ROW_NUMBER, /* double, from an integer or a real (sql_number) */
    ROW_OPT,    /* int64_t, ROW_NONE for SQL NULL */
};
#define ROW_NONE INT64_MIN
/* One member of a row reader's table: entry k takes column k. */
struct row_field {
    size_t off;
    enum row_kind kind;
};
/* ROW_FIELDS(struct x, ROW_TEXT, a, b, c): the entries of up to 8 consecutive columns of one
 * kind, in column order, as a struct declares its members. */
#define ROW_FIELDS(type, kind, ...)                                                           \
    ROW_PICK_(__VA_ARGS__, ROW_8_, ROW_7_, ROW_6_, ROW_5_, ROW_4_, ROW_3_, ROW_2_, ROW_1_, _) \
    (type, kind, __VA_ARGS__)
#define ROW_PICK_(_1, _2, _3, _4, _5, _6, _7, _8, name, ...) name
#define ROW_1_(t, k, m)   \
    {                     \
        offsetof(t, m), k \
    }
#define ROW_2_(t, k, m, ...) ROW_1_(t, k, m), ROW_1_(t, k, __VA_ARGS__)
#define ROW_3_(t, k, m, ...) ROW_1_(t, k, m), ROW_2_(t, k, __VA_ARGS__)
#define ROW_4_(t, k, m, ...) ROW_1_(t, k, m), ROW_3_(t, k, __VA_ARGS__)
#define ROW_5_(t, k, m, ...) ROW_1_(t, k, m), ROW_4_(t, k, __VA_ARGS__)
#define ROW_6_(t, k, m, ...) ROW_1_(t, k, m), ROW_5_(t, k, __VA_ARGS__)
#define ROW_7_(t, k, m, ...) ROW_1_(t, k, m), ROW_6_(t, k, __VA_ARGS__)
#define ROW_8_(t, k, m, ...) ROW_1_(t, k, m), ROW_7_(t, k, __VA_ARGS__)
/* Zero the size bytes at out, then fill them from row i of r, column k into fields[k]: one
 * reader for every model struct, so a struct's table is all that describes its row. */
void row_read(const struct sql_rows *r, size_t i, const struct row_field *fields, size_t nfields,
              size_t size, void *out);

/* Run q and copy its first row into out with from_row. RC_OK, RC_NOTFOUND when the query
 * returned no row, or the store's rc. */
int query_one(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, void (*from_row)(const struct sql_rows *, size_t, void *), void *out);
/* Run q and copy every row into a new array (in a) of elements of elem_size bytes, each
 * filled by from_row. *out gets the array (never NULL on RC_OK), *n the row count. */
int query_all(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, size_t elem_size,
              void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n);

/* query_one and query_all for the commonest statements: those that take (ws_id $1, key $2),
 * as a get by id or a list of a parent's children does. */
int ws_query_one(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                 struct sql_val key, void (*from_row)(const struct sql_rows *, size_t, void *),
                 void *out);
int ws_query_all(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                 struct sql_val key, size_t elem_size,
                 void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n);
/* query_all for a statement that takes ws_id alone ($1): a workspace's whole list. */
int ws_query_list(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id, size_t elem_size,
                  void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n);
/* exec_one for (ws_id $1, key $2): a delete by id. */
int ws_exec_one(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val key);
/* Run an insert that returns the new row's integer id in column 0 into *id (RC_STORE when
 * it returns no row). */
int insert_id(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, int64_t *id);

/* A new uuid in *out (in a): RC_OK, RC_NOMEM, or RC_INTERNAL (no randomness). */
int new_uuid(struct arena *a, const char **out);

/* Set the updated_at of row id to now with q, a "*_touch" query (ws_id $1, id $2, time $3):
 * how a model operation that changes a child touches its parent (docs/internals/model.md,
 * "Who touches updatedAt"). RC_OK or RC_NOTFOUND. */
int touch_row(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val id);
/* touch_row for a row this write transaction has read already: the workspace's write lock
 * (SQLite: the one writer) keeps it there until the commit, so the touch changes it for
 * sure and is queued for the next exchange (store_exec_later), with the COMMIT when
 * nothing follows. */
int touch_row_read(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val id);

/* A cell that may be an integer or a real (sums are either, depending on the backend). */
double sql_number(const struct sql_rows *r, size_t row, size_t col);
/* Run an insert that takes a fresh slug as args[slot] and returns a row unless the slug is
 * taken (ON CONFLICT DO NOTHING), drawing again on a clash; *id gets the slug (in a). */
int slug_insert(struct store *st, struct arena *a, enum sql_id q, struct sql_val *args,
                size_t nargs, size_t slot, const char **id);

#endif
