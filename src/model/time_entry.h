/* time_entry.h — time logged on tasks, and the running timers that produce it
 * (docs/internals/tasks.md "Time entries", "Timers"). */
#ifndef MODEL_TIME_ENTRY_H
#define MODEL_TIME_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define TIME_ENTRY_TIMER   1
#define TIME_ENTRY_MANUAL  2
#define TIME_ENTRY_MAX_MIN 1440
/* Decision (issue 13 item 9): a task has at most TIME_ENTRIES_MAX entries: a manual one or
 * a timer started past it is 422. A timer already running when the task reached the cap
 * still records its run, so one member can add at most one more. */
#define TIME_ENTRIES_MAX 20

struct time_entry {
    const char *id; /* uuid */
    int64_t task_id;
    const char *member_id;
    int type; /* TIME_ENTRY_TIMER or TIME_ENTRY_MANUAL */
    bool is_overtime;
    int64_t day;      /* days since 1970-01-01 */
    int64_t duration; /* minutes, 1..TIME_ENTRY_MAX_MIN */
    int64_t created_at;
};

/* Entries of the tasks whose ids are given as the JSON array text ids_json ("[1,2]"),
 * ordered by task id, then creation. */
int time_entry_list_for(struct store *st, struct arena *a, int64_t ws_id, const char *ids_json,
                        struct time_entry **out, size_t *n);

/* The functions below filter on ws_id and task_id; the caller has checked that the task is
 * a live task of the workspace and that member ids are members of it. */

/* One entry of task_id. RC_OK, or RC_NOTFOUND when id names no entry of that task. */
int time_entry_get(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                   const char *id, struct time_entry *out);
/* What a time entry create reads, read ahead in one exchange (PostgreSQL; store_prefetch):
 * task task_id's row (task_get_live) and its entries (time_entry_list_for with ids_json
 * "[task_id]"). */
int time_entry_create_ahead(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id);
/* Insert e (task_id, member_id, type, is_overtime, day, duration set by the caller, who read
 * the task in this transaction); a new uuid (in a) goes to e->id and the time to
 * e->created_at. The task is touched. Both writes wait for the next exchange
 * (store_exec_later): their failure is its rc. */
int time_entry_create(struct store *st, struct arena *a, int64_t ws_id, struct time_entry *e);
/* Store e's member_id, is_overtime, day and duration; the task is touched. RC_OK or
 * RC_NOTFOUND. */
int time_entry_update(struct store *st, int64_t ws_id, const struct time_entry *e);
/* Delete the entry; the task is touched. RC_OK or RC_NOTFOUND. */
int time_entry_delete(struct store *st, int64_t ws_id, int64_t task_id, const char *id);

#endif
