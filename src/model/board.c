/* board.c — see board.h. Reordering reads the sibling ids in order, computes the new
 * order in memory and writes back only the positions that changed; the write transaction
 * is the only writer of the database while it runs (store drivers), so no other request
 * can interleave. */
#include "model/board.h"
#include "model/position.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

/* The queries that list, position and identify one kind of sibling. */
struct siblings {
    enum sql_id list, set_position;
};

static const struct siblings board_siblings = {Q_BOARD_LIST, Q_BOARD_SET_POSITION};
static const struct siblings column_siblings = {Q_COLUMN_LIST, Q_COLUMN_SET_POSITION};

/* ids of the children of parent in order (column 0 of the list query) */
static int sibling_ids(struct store *st, struct arena *a, const struct siblings *s, int64_t ws_id,
                       int64_t parent, int64_t **ids, int64_t **pos, size_t *n)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(parent)};
    int rc = store_query(st, a, s->list, args, 2, &r);
    if (rc)
        return rc;
    size_t pcol = r.ncols - 1; /* position is the last column of both list queries */
    *ids = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(**ids));
    *pos = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(**pos));
    if (!*ids || !*pos)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++) {
        (*ids)[i] = sql_int(&r, i, 0);
        (*pos)[i] = sql_int(&r, i, pcol);
    }
    *n = r.nrows;
    return RC_OK;
}

/* write position i for every ids[i] whose stored position differs */
static int write_positions(struct store *st, const struct siblings *s, int64_t ws_id,
                           const int64_t *ids, const int64_t *old_ids, const int64_t *old_pos,
                           size_t n)
{
    for (size_t i = 0; i < n; i++) {
        long was = position_index(old_ids, n, ids[i]);
        if (was >= 0 && old_pos[was] == (int64_t)i)
            continue;
        struct sql_val args[] = {SV_INT(ws_id), SV_INT(ids[i]), SV_INT((int64_t)i)};
        int rc = store_exec(st, s->set_position, args, 3, NULL);
        if (rc)
            return rc;
    }
    return RC_OK;
}

static int move_sibling(struct store *st, struct arena *a, const struct siblings *s, int64_t ws_id,
                        int64_t parent, int64_t id, int64_t after)
{
    int64_t *ids, *pos;
    size_t n;
    int rc = sibling_ids(st, a, s, ws_id, parent, &ids, &pos, &n);
    if (rc)
        return rc;
    int64_t *order = arena_alloc(a, (n ? n : 1) * sizeof(*order));
    if (!order)
        return RC_NOMEM;
    memcpy(order, ids, n * sizeof(*order));
    if (position_move_after(order, n, id, after))
        return RC_NOTFOUND;
    return write_positions(st, s, ws_id, order, ids, pos, n);
}

/* close the gap a deleted child left: renumber the rest densely */
static int compact(struct store *st, struct arena *a, const struct siblings *s, int64_t ws_id,
                   int64_t parent)
{
    int64_t *ids, *pos;
    size_t n;
    int rc = sibling_ids(st, a, s, ws_id, parent, &ids, &pos, &n);
    if (rc)
        return rc;
    return write_positions(st, s, ws_id, ids, ids, pos, n);
}

static void board_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct board *b = out;
    b->id = sql_int(r, i, 0);
    b->name = sql_text(r, i, 1);
    b->project_id = sql_int(r, i, 2);
    b->is_private = sql_int(r, i, 3) != 0;
    b->position = sql_int(r, i, 4);
}

static void column_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct board_column *c = out;
    c->id = sql_int(r, i, 0);
    c->name = sql_text(r, i, 1);
    c->board_id = sql_int(r, i, 2);
    c->position = sql_int(r, i, 3);
}

int board_list(struct store *st, struct arena *a, int64_t ws_id, int64_t project_id,
               struct board **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(project_id)};
    void *items;
    int rc = query_all(st, a, Q_BOARD_LIST, args, 2, sizeof(**out), board_from_row, &items, n);
    if (!rc)
        *out = items;
    return rc;
}

int board_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct board *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id)};
    return query_one(st, a, Q_BOARD_GET, args, 2, board_from_row, out);
}

int board_create(struct store *st, struct arena *a, int64_t ws_id, struct board *b)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(b->project_id), SV_TEXT(b->name),
                             SV_INT(b->is_private), SV_INT(clock_now_ms())};
    int rc = store_query(st, a, Q_BOARD_INSERT, args, ARRAY_LEN(args), &r);
    if (rc)
        return rc;
    b->id = sql_int(&r, 0, 0);
    static const char *const defaults[] = BOARD_DEFAULT_COLUMNS;
    for (size_t i = 0; i < ARRAY_LEN(defaults); i++) {
        struct board_column col = {.board_id = b->id, .name = defaults[i]};
        rc = column_create(st, a, ws_id, &col);
        if (rc)
            return rc;
    }
    return RC_OK;
}

int board_rename(struct store *st, int64_t ws_id, int64_t id, const char *name)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id), SV_TEXT(name)};
    return exec_one(st, Q_BOARD_UPDATE, args, 3);
}

int board_delete(struct store *st, struct arena *a, int64_t ws_id, const struct board *b)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(b->id)};
    int rc = exec_one(st, Q_BOARD_DELETE, args, 2);
    if (rc)
        return rc;
    return compact(st, a, &board_siblings, ws_id, b->project_id);
}

int board_move(struct store *st, struct arena *a, int64_t ws_id, const struct board *b,
               int64_t after)
{
    return move_sibling(st, a, &board_siblings, ws_id, b->project_id, b->id, after);
}

int column_list(struct store *st, struct arena *a, int64_t ws_id, int64_t board_id,
                struct board_column **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(board_id)};
    void *items;
    int rc = query_all(st, a, Q_COLUMN_LIST, args, 2, sizeof(**out), column_from_row, &items, n);
    if (!rc)
        *out = items;
    return rc;
}

int column_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
               struct board_column *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id)};
    return query_one(st, a, Q_COLUMN_GET, args, 2, column_from_row, out);
}

int column_create(struct store *st, struct arena *a, int64_t ws_id, struct board_column *col)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(col->board_id), SV_TEXT(col->name),
                             SV_INT(clock_now_ms())};
    int rc = store_query(st, a, Q_COLUMN_INSERT, args, ARRAY_LEN(args), &r);
    if (rc)
        return rc;
    col->id = sql_int(&r, 0, 0);
    return RC_OK;
}

int column_rename(struct store *st, int64_t ws_id, int64_t id, const char *name)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id), SV_TEXT(name)};
    return exec_one(st, Q_COLUMN_UPDATE, args, 3);
}

int column_delete(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(col->id)};
    int rc = exec_one(st, Q_COLUMN_DELETE, args, 2);
    if (rc)
        return rc;
    return compact(st, a, &column_siblings, ws_id, col->board_id);
}

int column_move(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col,
                int64_t after)
{
    return move_sibling(st, a, &column_siblings, ws_id, col->board_id, col->id, after);
}
