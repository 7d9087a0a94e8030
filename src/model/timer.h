/* timer.h — running task timers: at most one per member of a workspace (task_timers, keyed
 * by ws_id and member), stored as rows so they survive a restart; stopping one records a
 * time entry of type TIME_ENTRY_TIMER (docs/internals/tasks.md "Timers"). Every function
 * runs in the caller's write transaction; the caller has checked that the task is a live
 * task of the workspace and that the member belongs to it. */
#ifndef MODEL_TIMER_H
#define MODEL_TIMER_H

#include <stdbool.h>
#include <stdint.h>

struct store;
struct arena;
struct time_entry;

struct task_timer {
    int64_t task_id;
    int64_t started_at; /* Unix ms */
    bool task_deleted;  /* the task was deleted while the timer ran */
};

/* Minutes recorded for a timer that ran from started_ms to now_ms: the elapsed time
 * rounded up to a whole minute, at least 1 (also when the wall clock went backwards), at
 * most TIME_ENTRY_MAX_MIN (a longer run is capped). */
int64_t timer_minutes(int64_t started_ms, int64_t now_ms);

/* The member's running timer. RC_OK, or RC_NOTFOUND when none runs. */
int timer_get(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
              struct task_timer *out);

/* Start the member's timer on task_id at now_ms. Already running on that task: nothing
 * changes (the original start stays). Running on another task: that timer is stopped
 * first and its entry recorded, as timer_stop does; when that task has been deleted
 * meanwhile, the timer is discarded without an entry. RC_OK or the store's rc. */
int timer_start(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
                int64_t task_id, int64_t now_ms);

/* Stop the member's timer on task_id at now_ms and record its entry (type
 * TIME_ENTRY_TIMER, not overtime, on the UTC day the timer started, timer_minutes long),
 * copied to *entry when entry is not NULL. RC_NOTFOUND when the member has no timer
 * running on task_id. */
int timer_stop(struct store *st, struct arena *a, int64_t ws_id, const char *member_id,
               int64_t task_id, int64_t now_ms, struct time_entry *entry);

#endif
