/* tm_tasks_shared.h — what the task handlers (tm_tasks.c, tm_task_places.c,
 * tm_task_people.c, tm_time.c, the attachment and deal handlers) share: loading the task a path
 * names, checking the ids a body names, answering a task. Private to src/api/. */
#ifndef API_TM_TASKS_SHARED_H
#define API_TM_TASKS_SHARED_H

#include "api/pipeline/call.h"
#include "model/task.h"

/* The live task named by path parameter `param` ("id", "task_id", "taskId"); RC_NOTFOUND
 * for a missing, deleted or foreign one (every write's rule; GET uses task_get). */
int task_from_path(struct call *c, const char *param, struct task *out);
/* task_from_path with the task's related rows (locations, people, counts) filled in. */
int task_from_path_full(struct call *c, const char *param, struct task *out);

/* The place named by a project / board / column triple as a request gives it (TASK_NONE for
 * absent parts): a column brings its board and project, a board alone its first column.
 * Each field name is what errors are keyed by. On a bad id records 422 on that field and
 * returns RC_INVALID; an archived project is "The project is archived." */
struct place_fields {
    const char *project, *board, *column;
};
int task_resolve_place(struct call *c, const struct place_fields *f, int64_t project, int64_t board,
                       int64_t column, struct task_location *out);

/* Move the task to loc as the legacy single-location routes do: the task's location in
 * loc's project changes; without one, the first location is replaced (and stays first);
 * without any, loc is added. after/before: see task_place. t: as read in this transaction,
 * with its locations (task_place). */
int task_move_primary(struct call *c, const struct task *t, const struct task_location *loc,
                      int64_t after, int64_t before);

/* Every member id must be a member of the workspace: 422 "<field>.<i>" (or field itself
 * when keyed is false) otherwise. RC_OK, RC_INVALID or a store rc. */
int task_check_members(struct call *c, const char *field, const char *const *ids, size_t n,
                       bool keyed);

/* c->payload = the task, freshly loaded with everything. */
int task_reply(struct call *c, int64_t id);

#endif
