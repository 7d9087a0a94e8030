/* ref.h — which ids name an object of one kind in a workspace, all of them in one query
 * (sql/queries/refs.sql: SQLite json_each, PostgreSQL = ANY), so a request sending n ids
 * makes one round trip instead of n. api/pipeline/input.c turns the misses into 422s. */
#ifndef MODEL_REF_H
#define MODEL_REF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

/* REF_TAG ids are integers; the others lower-case uuids. */
enum ref_kind { REF_TAG, REF_MEMBER, REF_CONTACT, REF_ORGANIZATION };

/* found[i] = whether ids[i] names a `kind` of workspace ws_id. ids: int64_t[] for REF_TAG,
 * const char *[] otherwise. RC_OK, RC_NOMEM or the store's rc. */
int ref_find(struct store *st, struct arena *a, int64_t ws_id, enum ref_kind kind, const void *ids,
             size_t n, bool *found);

#endif
