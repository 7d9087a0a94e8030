/* time_entry.c — see time_entry.h. Every write also touches its task (updatedAt), in the
 * caller's transaction: the model operation that changes a child touches the parent (by the
 * task_touch query, so this file needs nothing of task.c, which lists the entries). */
#include "model/time_entry.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field TIME_ENTRY_ROW[] = {
    ROW_FIELDS(struct time_entry, ROW_TEXT, id),
    ROW_FIELDS(struct time_entry, ROW_INT, task_id),
    ROW_FIELDS(struct time_entry, ROW_TEXT, member_id),
    ROW_FIELDS(struct time_entry, ROW_INT32, type),
    ROW_FIELDS(struct time_entry, ROW_BOOL, is_overtime),
    ROW_FIELDS(struct time_entry, ROW_INT, day, duration, created_at),
};

static void time_entry_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, TIME_ENTRY_ROW, ARRAY_LEN(TIME_ENTRY_ROW), sizeof(struct time_entry), out);
}

int time_entry_list_for(struct store *st, struct arena *a, int64_t ws_id, const char *ids_json,
                        struct time_entry **out, size_t *n)
{
    return ws_query_all(st, a, Q_TIME_ENTRY_LIST_FOR, ws_id, SV_TEXT(ids_json), sizeof(**out),
                        time_entry_from_row, (void **)out, n);
}

int time_entry_get(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                   const char *id, struct time_entry *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_TEXT(id)};
    return query_one(st, a, Q_TIME_ENTRY_GET, args, 3, time_entry_from_row, out);
}

int time_entry_create_ahead(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id)
{
    const char *ids = arena_printf(a, "[%lld]", (long long)task_id);
    if (!ids)
        return RC_NOMEM;
    struct sql_val row[] = {SV_INT(ws_id), SV_INT(task_id)};
    struct sql_val list[] = {SV_INT(ws_id), SV_TEXT(ids)};
    const struct store_prefetch pre[] = {{Q_TASK_GET, row, 2}, {Q_TIME_ENTRY_LIST_FOR, list, 2}};
    return store_prefetch(st, a, pre, ARRAY_LEN(pre));
}

int time_entry_create(struct store *st, struct arena *a, int64_t ws_id, struct time_entry *e)
{
    int rc = new_uuid(a, &e->id);
    if (rc)
        return rc;
    e->created_at = clock_now_ms();
    struct sql_val args[] = {SV_TEXT(e->id),        SV_INT(ws_id),       SV_INT(e->task_id),
                             SV_TEXT(e->member_id), SV_INT(e->type),     SV_INT(e->is_overtime),
                             SV_INT(e->day),        SV_INT(e->duration), SV_INT(e->created_at)};
    /* the caller read the task and passes the rc on: both writes go with the next exchange
     * (the COMMIT), the id being made here */
    rc = store_exec_later(st, Q_TIME_ENTRY_INSERT, args, ARRAY_LEN(args), false);
    return rc ? rc : touch_row_read(st, Q_TASK_TOUCH, ws_id, SV_INT(e->task_id));
}

int time_entry_update(struct store *st, int64_t ws_id, const struct time_entry *e)
{
    struct sql_val args[] = {SV_INT(ws_id),         SV_INT(e->task_id),     SV_TEXT(e->id),
                             SV_TEXT(e->member_id), SV_INT(e->is_overtime), SV_INT(e->day),
                             SV_INT(e->duration)};
    int rc = exec_one(st, Q_TIME_ENTRY_UPDATE, args, ARRAY_LEN(args));
    return rc ? rc : touch_row(st, Q_TASK_TOUCH, ws_id, SV_INT(e->task_id));
}

int time_entry_delete(struct store *st, int64_t ws_id, int64_t task_id, const char *id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(task_id), SV_TEXT(id)};
    int rc = exec_one(st, Q_TIME_ENTRY_DELETE, args, 3);
    return rc ? rc : touch_row(st, Q_TASK_TOUCH, ws_id, SV_INT(task_id));
}
