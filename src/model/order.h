/* order.h — the one ordering module: every ordered kind of sibling is ordered here, in one of
 * two ways (docs/internals/model.md "Ordering").
 *
 * Dense orders: positions 0..n-1 among the children of one parent, the order being
 * (position, id). A new child is appended by its insert (MAX(position) + 1 in the SQL); a
 * move computes the new order in memory and writes only the rows whose position changed; a
 * deletion closes the gap (order_compact). For orders of tens of rows: boards, columns,
 * funnels, statuses, custom fields, options, a deal's tasks.
 *
 * Sparse gap keys: the order is (position, id) over keys ORDER_GAP apart, so placing one
 * child writes one row whatever the size of the parent: ORDER_GAP above the first, below the
 * last, or halfway between two neighbours. Only when two neighbours have no integer left
 * between them (or an edge key nears the int64 limits) is the parent renumbered 0, ORDER_GAP,
 * 2 * ORDER_GAP... in one statement. For orders that grow large: tasks in a column, deals in a
 * status. The functions compute a key; the caller stores it with the rest of its row.
 *
 * Each kind is a row of the table in order.c naming its named queries (sql/queries), all of
 * one shape per way; the queries take the parent first ($1 = ws_id). Everything runs in the
 * caller's write transaction, the only writer of the database while it runs (store
 * drivers), so nothing interleaves. */
#ifndef MODEL_ORDER_H
#define MODEL_ORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;

/* Dense kinds, with the parent arguments each takes. */
enum order_dense {
    ORDER_BOARDS,     /* ws_id, project_id */
    ORDER_COLUMNS,    /* ws_id, board_id */
    ORDER_FUNNELS,    /* ws_id */
    ORDER_STATUSES,   /* ws_id, funnel_id */
    ORDER_FIELDS,     /* ws_id, scope, project_id, board_id, funnel_id (0 / "" when unused) */
    ORDER_OPTIONS,    /* ws_id, field_id */
    ORDER_DEAL_TASKS, /* ws_id, deal_id */
};
/* the most parent arguments a dense kind takes */
#define ORDER_PARENT_MAX 5

/* Sparse kinds: the parent is (ws_id, parent id). */
enum order_gap {
    GAP_COLUMN_TASKS, /* a column's live tasks; ids and parent integers */
    GAP_STATUS_DEALS, /* a status's deals; ids and parent slugs */
    GAP_SUBTASKS,     /* a task's live subtasks (tasks.sub_position); ids and parent integers */
};

/* spacing of sparse keys, and how close to the int64 limits an edge key may come */
#define ORDER_GAP   65536
#define ORDER_FLOOR (INT64_MIN / 4)

/* Move id in ids[0..n) to just after (after = true) or just before target, in place;
 * target 0 = to the front. Returns 0, or -1 when id or a non-zero target is not in the
 * array. A target that is id itself leaves the order as it is. Pure: the unit tests drive
 * it against a reference. */
int order_move_ids(int64_t *ids, size_t n, int64_t id, int64_t target, bool after);

/* Move child id of the parent (parent[0..nparent)) next to its sibling target, after or
 * before it; target NULL = to the front. RC_NOTFOUND when id or target is not a child of
 * the parent. */
int order_move(struct store *st, struct arena *a, enum order_dense k, const struct sql_val *parent,
               size_t nparent, struct sql_val id, const struct sql_val *target, bool after);
/* Renumber the parent's children 0..n-1 in their order (after one left). */
int order_compact(struct store *st, struct arena *a, enum order_dense k,
                  const struct sql_val *parent, size_t nparent);

/* The two above for a child whose parent is (ws_id, parent) and whose siblings the caller
 * names by a key (after = the sibling to follow; a NULL-typed after = to the front):
 * order_move_after; order_delete_child runs del (ws_id $1, id $2, one row) and closes the
 * gap. RC_OK or RC_NOTFOUND. */
int order_move_after(struct store *st, struct arena *a, enum order_dense k, int64_t ws_id,
                     struct sql_val parent, struct sql_val id, struct sql_val after);
int order_delete_child(struct store *st, struct arena *a, enum order_dense k, enum sql_id del,
                       int64_t ws_id, struct sql_val parent, struct sql_val id);

/* The read order_gap_edge starts with, as a prefetch (store_prefetch) a caller can send
 * with its other reads; args (3 values) must live as long as *out. */
void order_gap_edge_ahead(enum order_gap k, int64_t ws_id, struct sql_val parent,
                          struct sql_val self, bool top, struct sql_val *args,
                          struct store_prefetch *out);
/* The key that puts child self (stored or not: it is left out of the search; a value that
 * names no child when there is none) on top of the parent (top) or at its end. */
int order_gap_edge(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                   struct sql_val parent, struct sql_val self, bool top, int64_t *key);
/* The key that puts self just below (after) or just above target. RC_NOTFOUND when
 * target is not a child of the parent. */
int order_gap_beside(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                     struct sql_val parent, struct sql_val self, struct sql_val target, bool after,
                     int64_t *key);
/* Move every child of `from`, in order, below the last child of `to`, then renumber `to`. */
int order_gap_move_all(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                       struct sql_val from, struct sql_val to);

#endif
