/* tm_tasks.h — what the task handlers (tm_tasks.c, tm_task_places.c, tm_task_people.c and
 * the time-entry handlers) share: loading the task a path names and checking the ids a
 * body names. Private to src/api/. */
#ifndef API_TM_TASKS_H
#define API_TM_TASKS_H

#include "api/call.h"
#include "model/task.h"

/* The live task named by path parameter `param` ("id", "task_id", "taskId"); RC_NOTFOUND
 * for a missing, deleted or foreign one (every write's rule; GET uses task_get). */
int task_from_path(struct call *c, const char *param, struct task *out);

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
 * without any, loc is added. after/before: see task_place. */
int task_move_primary(struct call *c, const struct task *t, const struct task_location *loc,
                      int64_t after, int64_t before);

/* Create a task from the request body by the POST /tm/tasks rules (tm_tasks_create is this
 * plus task_reply; CRM deals create their tasks with it too). *id gets the new task's id;
 * RC_INVALID with the errors recorded on c, or a store rc. */
int task_create_from_body(struct call *c, int64_t *id);

/* c->payload = the task, freshly loaded with everything. */
int task_reply(struct call *c, int64_t id);

#endif
