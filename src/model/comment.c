/* comment.c — see comment.h. Every write also touches its task (updatedAt), in the caller's
 * transaction (docs/internals/model.md "Who touches updatedAt"). */
#include "model/comment.h"
#include "model/task.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static void comment_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    struct comment *c = out;
    c->id = sql_int(rows, r, 0);
    c->task_id = sql_int(rows, r, 1);
    c->parent_id = sql_cell(rows, r, 2)->type == SQL_NULL ? COMMENT_NONE : sql_int(rows, r, 2);
    c->author_id = sql_text(rows, r, 3);
    c->markdown = sql_text(rows, r, 4);
    c->created_at = sql_int(rows, r, 5);
    c->updated_at = sql_int(rows, r, 6);
}

int comment_list(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t limit,
                 int64_t offset, struct comment **out, size_t *n, bool *more)
{
    /* one row past the page tells whether there is more */
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(limit + 1), SV_INT(offset)};
    int rc = query_all(st, a, Q_COMMENT_LIST, args, ARRAY_LEN(args), sizeof(**out),
                       comment_from_row, (void **)out, n);
    if (rc)
        return rc;
    *more = *n > (size_t)limit;
    if (*more)
        *n = (size_t)limit;
    return RC_OK;
}

int comment_get(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t id,
                struct comment *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(id)};
    return query_one(st, a, Q_COMMENT_GET, args, ARRAY_LEN(args), comment_from_row, out);
}

int comment_count(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id)};
    struct sql_rows rows;
    int rc = store_query(st, a, Q_COMMENT_COUNT, args, ARRAY_LEN(args), &rows);
    if (rc)
        return rc;
    *n = rows.nrows ? sql_int(&rows, 0, 0) : 0;
    return RC_OK;
}

int comment_create(struct store *st, struct arena *a, int64_t ws_id, struct comment *c)
{
    c->created_at = c->updated_at = clock_now_ms();
    struct sql_val args[] = {
        SV_INT(ws_id),
        SV_INT(c->task_id),
        c->parent_id == COMMENT_NONE ? SV_NULL : SV_INT(c->parent_id),
        SV_TEXT(c->author_id),
        SV_TEXT(c->markdown),
        SV_INT(c->created_at),
    };
    int rc = insert_id(st, a, Q_COMMENT_INSERT, args, ARRAY_LEN(args), &c->id);
    /* the caller read the task: the touch goes with the COMMIT */
    return rc ? rc : touch_row_read(st, Q_TASK_TOUCH, ws_id, SV_INT(c->task_id));
}

int comment_create_ahead(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id)};
    const struct store_prefetch pre[] = {{Q_TASK_GET, args, 2}, {Q_COMMENT_COUNT, args, 2}};
    return store_prefetch(st, a, pre, ARRAY_LEN(pre));
}

int comment_delete(struct store *st, int64_t ws_id, int64_t task_id, int64_t id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_INT(id)};
    int rc = exec_one(st, Q_COMMENT_DELETE, args, ARRAY_LEN(args));
    return rc ? rc : task_touch(st, ws_id, task_id);
}
