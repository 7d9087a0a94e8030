/* task.h — tasks: the row, its locations (one per project, the first is the legacy
 * projectId/boardId/boardColumnId), assignees (the first is the primary), watchers, tags,
 * subtasks and time entries. docs/internals/tasks.md is the model; every function runs in
 * the caller's transaction and checks nothing the api layer already checked. */
#ifndef MODEL_TASK_H
#define MODEL_TASK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct time_entry;
struct attachment;
struct cf_entry;

#define TASK_TITLE_MAX 255
#define TASK_DESC_MAX  65535
/* Decision: a task has at most this many subtasks (issue 13 item 9; README Limits) */
#define TASK_SUBTASKS_MAX 20
/* an absent integer (priority, duration, dates, ids); 0 is a valid day and priority */
#define TASK_NONE INT64_MIN
/* task_place's `after` for "to the end of the column", even for a task already in it */
#define TASK_AT_END INT64_C(-1)

struct task_location {
    int64_t project_id;
    int64_t board_id;  /* TASK_NONE: not on a board */
    int64_t column_id; /* TASK_NONE: not in a column */
};

struct task {
    int64_t id;
    int64_t parent_id; /* TASK_NONE: top-level */
    const char *title; /* NULL when never given */
    const char *description;
    const char *type; /* "action", "meet", "call" */
    int64_t priority; /* TASK_NONE or 0..3 */
    int64_t duration; /* TASK_NONE or minutes */
    bool is_completed, is_deleted, is_private;
    int64_t completed_at; /* Unix ms, TASK_NONE when open */
    const char *author_id;
    int64_t start_day, start_sec; /* day number (days since 1970-01-01) / second of day */
    int64_t due_day, due_sec;     /* each TASK_NONE when unset */
    int64_t created_at, updated_at;
    /* filled by task_fill_related */
    struct task_location *locations;
    size_t nlocations;
    const char **assignees;
    size_t nassignees;
    const char **watchers;
    size_t nwatchers;
    int64_t *tags;
    size_t ntags;
    int64_t *subtasks; /* ids of live child tasks */
    size_t nsubtasks;
    struct time_entry *time_entries;
    size_t ntime_entries;
    struct attachment *attachments; /* metadata only, in upload order */
    size_t nattachments;
    struct cf_entry *custom_fields; /* the applicable fields with values (model/cf_value.h) */
    size_t ncustom_fields;
};

/* Read the columns every task SELECT returns (sql/queries/tasks.sql: id, parent_id, title,
 * ..., created_at, updated_at) from row r into *out (related arrays left empty). */
void task_from_row(const struct sql_rows *rows, size_t r, void *out);

/* Load the related arrays of n tasks (any order) with one query per relation (attachments:
 * their metadata, never the bytes). */
int task_fill_related(struct store *st, struct arena *a, int64_t ws_id, struct task *tasks,
                      size_t n);
/* A task as a deal shows it: only its locations and time entries are filled (the spec's
 * required arrays of a deal's Task); the rest stay empty. */
int task_fill_brief(struct store *st, struct arena *a, int64_t ws_id, struct task *tasks, size_t n);
/* One task with everything, deleted or not; on PostgreSQL read in one statement
 * (task_get_full, the same rows as task_fill_related's). RC_OK or RC_NOTFOUND. */
int task_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out);
/* The *_for queries of a task's related rows, in the order of task_get_full's JSON columns,
 * which follow the task's own *first_col columns; *n of them (tests check the two reads
 * agree on every backend). */
const enum sql_id *task_related_queries(size_t *n, size_t *first_col);
/* The row only, deleted or not (related arrays left empty). RC_OK or RC_NOTFOUND. */
int task_get_row(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out);
/* The row only; RC_NOTFOUND also for a deleted task (the rule for every write). */
int task_get_live(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct task *out);

/* Insert t (ids checked by the caller) with its locations (each appended to its column),
 * assignees (in order), watchers and tags; t->id, created_at and updated_at are set. */
int task_create(struct store *st, struct arena *a, int64_t ws_id, struct task *t);
/* Store t's scalar fields (title ... due_sec, is_private) and bump updated_at. t is the
 * task's whole row as read, with the fields to change changed: its search text is folded
 * from t's title and description. The writes wait for the next exchange (store_exec_later):
 * a task gone since it was read is RC_NOTFOUND from that next call. */
int task_update_fields(struct store *st, int64_t ws_id, struct task *t);
/* Replace the tag set (writes queued with store_exec_later, as the task's other relation
 * writes: their failure is the rc of the transaction's next exchange). */
int task_set_tags(struct store *st, int64_t ws_id, int64_t task_id, const int64_t *tags, size_t n);
int task_set_completed(struct store *st, int64_t ws_id, int64_t task_id, bool completed);
/* Soft delete: the task leaves its columns' orders (they skip deleted tasks). */
int task_delete(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id);
/* Mark the task changed (updated_at = now). */
int task_touch(struct store *st, int64_t ws_id, int64_t task_id);

/* Put the task in project loc->project_id at loc's board/column, adding the location when
 * the task has none in that project. In a column it goes just below task `after` or just
 * above task `before` of that column; with neither (0, 0) a newcomer goes to the end and a
 * task already in the column stays where it is (TASK_AT_END moves it to the end); a target
 * that is the task itself changes nothing. RC_NOTFOUND when after/before is not a task of
 * the column. t: the task as this write transaction read it, with its locations
 * (task_get, task_fill_related), whose location in loc's project is taken from t; the
 * writes whose result nobody reads wait for the next exchange (store_exec_later). */
int task_place(struct store *st, struct arena *a, int64_t ws_id, const struct task *t,
               const struct task_location *loc, int64_t after, int64_t before);
/* Make the task's location in project_id its first one (the legacy fields mirror it). */
int task_make_first(struct store *st, int64_t ws_id, int64_t task_id, int64_t project_id);
/* Remove the task's location in project_id (no-op when it has none). */
int task_unplace(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                 int64_t project_id);
/* Before a column is deleted: move its tasks, in order, to the end of the first other
 * column of its board (none left: they stay on the board with no column). */
int task_evacuate_column(struct store *st, struct arena *a, int64_t ws_id, int64_t board_id,
                         int64_t column_id);

/* Make the task a subtask of parent_id (TASK_NONE: detach it, a top-level task again):
 * just below sibling `after` or just above sibling `before` (live subtasks of parent_id;
 * 0 = not given). With neither, a task that changes parent goes to the end of the new
 * parent's subtasks and one that keeps its parent keeps its place. The task's updated_at
 * changes. RC_OK; RC_CONFLICT when the task is parent_id or one of its ancestors (a
 * circle); RC_NOTFOUND when after/before is not a live subtask of parent_id. The caller
 * has checked that the task and parent_id are live tasks of the workspace. */
int task_set_parent(struct store *st, struct arena *a, int64_t ws_id, const struct task *t,
                    int64_t parent_id, int64_t after, int64_t before);

/* Members: add keeps order and skips those present; remove skips those absent. */
int task_add_assignees(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                       const char *const *members, size_t n);
int task_remove_assignees(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                          const char *const *members, size_t n);
int task_add_watchers(struct store *st, int64_t ws_id, int64_t task_id, const char *const *members,
                      size_t n);
int task_remove_watchers(struct store *st, int64_t ws_id, int64_t task_id,
                         const char *const *members, size_t n);

#endif
