/* board.c — see board.h. Boards in a project and columns in a board are dense orders
 * (model/order.h). */
#include "model/board.h"
#include "model/order.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field BOARD_ROW[] = {
    ROW_FIELDS(struct board, ROW_INT, id),         ROW_FIELDS(struct board, ROW_TEXT, name),
    ROW_FIELDS(struct board, ROW_INT, project_id), ROW_FIELDS(struct board, ROW_BOOL, is_private),
    ROW_FIELDS(struct board, ROW_INT, position),
};

static void board_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, BOARD_ROW, ARRAY_LEN(BOARD_ROW), sizeof(struct board), out);
}

static const struct row_field COLUMN_ROW[] = {
    ROW_FIELDS(struct board_column, ROW_INT, id),
    ROW_FIELDS(struct board_column, ROW_TEXT, name),
    ROW_FIELDS(struct board_column, ROW_INT, board_id, position),
};

static void column_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, COLUMN_ROW, ARRAY_LEN(COLUMN_ROW), sizeof(struct board_column), out);
}

int board_list(struct store *st, struct arena *a, int64_t ws_id, int64_t project_id,
               struct board **out, size_t *n)
{
    return ws_query_all(st, a, Q_BOARD_LIST, ws_id, SV_INT(project_id), sizeof(**out),
                        board_from_row, (void **)out, n);
}

int board_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct board *out)
{
    return ws_query_one(st, a, Q_BOARD_GET, ws_id, SV_INT(id), board_from_row, out);
}

int board_create(struct store *st, struct arena *a, int64_t ws_id, struct board *b)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(b->project_id), SV_TEXT(b->name),
                             SV_INT(b->is_private), SV_INT(clock_now_ms())};
    int rc = insert_id(st, a, Q_BOARD_INSERT, args, ARRAY_LEN(args), &b->id);
    if (rc)
        return rc;
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
    return order_delete_child(st, a, ORDER_BOARDS, Q_BOARD_DELETE, ws_id, SV_INT(b->project_id),
                              SV_INT(b->id));
}

int board_move(struct store *st, struct arena *a, int64_t ws_id, const struct board *b,
               int64_t after)
{
    return order_move_after(st, a, ORDER_BOARDS, ws_id, SV_INT(b->project_id), SV_INT(b->id),
                            after ? SV_INT(after) : SV_NULL);
}

int column_list(struct store *st, struct arena *a, int64_t ws_id, int64_t board_id,
                struct board_column **out, size_t *n)
{
    return ws_query_all(st, a, Q_COLUMN_LIST, ws_id, SV_INT(board_id), sizeof(**out),
                        column_from_row, (void **)out, n);
}

int column_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
               struct board_column *out)
{
    return ws_query_one(st, a, Q_COLUMN_GET, ws_id, SV_INT(id), column_from_row, out);
}

int column_create(struct store *st, struct arena *a, int64_t ws_id, struct board_column *col)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(col->board_id), SV_TEXT(col->name),
                             SV_INT(clock_now_ms())};
    return insert_id(st, a, Q_COLUMN_INSERT, args, ARRAY_LEN(args), &col->id);
}

int column_rename(struct store *st, int64_t ws_id, int64_t id, const char *name)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id), SV_TEXT(name)};
    return exec_one(st, Q_COLUMN_UPDATE, args, 3);
}

int column_delete(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col)
{
    return order_delete_child(st, a, ORDER_COLUMNS, Q_COLUMN_DELETE, ws_id, SV_INT(col->board_id),
                              SV_INT(col->id));
}

int column_move(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col,
                int64_t after)
{
    return order_move_after(st, a, ORDER_COLUMNS, ws_id, SV_INT(col->board_id), SV_INT(col->id),
                            after ? SV_INT(after) : SV_NULL);
}
