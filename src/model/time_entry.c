/* time_entry.c — see time_entry.h. */
#include "model/time_entry.h"
#include "model/util.h"
#include "store/store.h"
#include "core/common.h"

static void time_entry_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    struct time_entry *e = out;
    e->id = sql_text(rows, r, 0);
    e->task_id = sql_int(rows, r, 1);
    e->member_id = sql_text(rows, r, 2);
    e->type = (int)sql_int(rows, r, 3);
    e->is_overtime = sql_int(rows, r, 4) != 0;
    e->day = sql_int(rows, r, 5);
    e->duration = sql_int(rows, r, 6);
    e->created_at = sql_int(rows, r, 7);
}

int time_entry_list_for(struct store *st, struct arena *a, int64_t ws_id, const char *ids_json,
                        struct time_entry **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids_json)};
    return query_all(st, a, Q_TIME_ENTRY_LIST_FOR, args, 2, sizeof(**out), time_entry_from_row,
                     (void **)out, n);
}
