/* timer.c — see timer.h. A timer is one row; starting replaces the member's row, stopping
 * deletes it and inserts the time entry, all in the caller's write transaction, so a
 * timer is never both running and recorded. */
#include "model/timer.h"
#include "model/time_entry.h"
#include "model/util.h"
#include "core/date.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

#define MS_PER_MINUTE 60000

int64_t timer_minutes(int64_t started_ms, int64_t now_ms)
{
    if (now_ms <= started_ms)
        return 1;
    int64_t elapsed = now_ms - started_ms;
    /* Decision: a started minute counts as a whole one, so a quick start/stop logs 1 and
     * no run logs 0 (the API's minimum duration is 1) */
    int64_t minutes = elapsed / MS_PER_MINUTE + (elapsed % MS_PER_MINUTE != 0);
    /* Decision: an entry holds at most one day (TimeEntry.duration ≤ 1440); a timer left
     * running longer is capped rather than split over days or refused */
    return minutes > TIME_ENTRY_MAX_MIN ? TIME_ENTRY_MAX_MIN : minutes;
}

static const struct row_field TIMER_ROW[] = {
    ROW_FIELDS(struct task_timer, ROW_INT, task_id, started_at),
    ROW_FIELDS(struct task_timer, ROW_BOOL, task_deleted),
};

static void timer_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, TIMER_ROW, ARRAY_LEN(TIMER_ROW), sizeof(struct task_timer), out);
}

int timer_get(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
              struct task_timer *out)
{
    return ws_query_one(st, a, Q_TIMER_GET, ws_id, SV_TEXT(member_id), timer_from_row, out);
}

static int timer_remove(struct store *st, int64_t ws_id, const char *member_id)
{
    return ws_exec_one(st, Q_TIMER_DELETE, ws_id, SV_TEXT(member_id));
}

/* delete the running timer t and record its entry */
static int record(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
                  const struct task_timer *t, int64_t now_ms, struct time_entry *entry)
{
    int rc = timer_remove(st, ws_id, member_id);
    if (rc)
        return rc;
    struct time_entry e = {
        .task_id = t->task_id,
        .member_id = member_id,
        .type = TIME_ENTRY_TIMER,
        .is_overtime = false,
        .duration = timer_minutes(t->started_at, now_ms),
    };
    /* Decision: the entry belongs to the UTC day the timer started, even when it ran past
     * midnight (one entry per run; the API has no time zone for the member's day) */
    date_from_unix_ms(t->started_at, &e.day, NULL);
    rc = time_entry_create(st, a, ws_id, &e);
    if (!rc && entry)
        *entry = e;
    return rc;
}

int timer_start(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
                int64_t task_id, int64_t now_ms)
{
    struct task_timer t;
    int rc = timer_get(st, a, ws_id, member_id, &t);
    if (!rc && t.task_id == task_id && !t.task_deleted)
        return RC_OK;
    if (!rc && t.task_deleted) {
        /* Decision: a task deleted while its timer ran takes the unrecorded time with it
         * (writes to a deleted task are refused everywhere else too) */
        rc = timer_remove(st, ws_id, member_id);
    } else if (!rc) {
        rc = record(st, a, ws_id, member_id, &t, now_ms, NULL);
    } else if (rc == RC_NOTFOUND) {
        rc = RC_OK;
    }
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(member_id), SV_INT(task_id), SV_INT(now_ms)};
    return store_exec(st, Q_TIMER_INSERT, args, ARRAY_LEN(args), NULL);
}

int timer_stop(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
               int64_t task_id, int64_t now_ms, struct time_entry *entry)
{
    struct task_timer t;
    int rc = timer_get(st, a, ws_id, member_id, &t);
    if (rc)
        return rc;
    if (t.task_id != task_id || t.task_deleted)
        return RC_NOTFOUND;
    return record(st, a, ws_id, member_id, &t, now_ms, entry);
}
