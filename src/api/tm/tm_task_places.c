/* tm_task_places.c — where a task sits: the deprecated single-location routes
 * (POST /tm/tasks/{id}/board and /board-column, still used by the vendor PHP client) and
 * the locations routes (POST/DELETE /tm/tasks/{task_id}/locations, 204 with no body).
 * Rules: docs/internals/tasks.md "Change board", "Change column", "Locations". */
#include "api/pipeline/handlers.h"
#include "api/tm/tm_tasks_shared.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "model/project.h"
#include "core/common.h"

/* the task's location in project_id after a change */
static const struct task_location *location_in(const struct task *t, int64_t project_id)
{
    for (size_t i = 0; i < t->nlocations; i++)
        if (t->locations[i].project_id == project_id)
            return &t->locations[i];
    return NULL;
}

/* spec: the vendor client reads boardId and boardColumnId from this answer */
static int reply_board(struct call *c, int64_t task_id, int64_t project_id)
{
    struct task t;
    int rc = task_get(c->st, c->a, c->ws_id, task_id, &t);
    if (rc)
        return rc;
    const struct task_location *l = project_id == TASK_NONE
                                        ? (t.nlocations ? &t.locations[0] : NULL)
                                        : location_in(&t, project_id);
    int64_t board = l ? l->board_id : TASK_NONE, column = l ? l->column_id : TASK_NONE;
    c->extra =
        json_pack("{s:o, s:o}", "boardId", board == TASK_NONE ? json_null() : json_integer(board),
                  "boardColumnId", column == TASK_NONE ? json_null() : json_integer(column));
    return c->extra ? RC_OK : RC_NOMEM;
}

int tm_tasks_board(struct call *c)
{
    struct task t;
    int rc = task_from_path_full(c, "id", &t);
    if (rc)
        return rc;
    int64_t board = TASK_NONE;
    enum input_state st = input_id(c, "boardId", IN_NULLABLE, &board);
    if (st == IN_ABSENT)
        call_invalid(c, "boardId", "The field is required.");
    struct task_location loc;
    static const struct place_fields f = {"boardId", "boardId", "boardId"};
    if (st == IN_VALUE)
        rc = task_resolve_place(c, &f, TASK_NONE, board, TASK_NONE, &loc);
    if (!rc || rc == RC_INVALID)
        rc = call_check(c);
    if (rc)
        return rc;
    if (st == IN_NULL) {
        /* Decision: boardId null takes the task off the board of its first location (the
         * PHP client's "remove from board"); without a location there is nothing to do */
        if (!t.nlocations)
            return reply_board(c, t.id, TASK_NONE);
        loc = (struct task_location){t.locations[0].project_id, TASK_NONE, TASK_NONE};
    } else {
        /* already on that board: the task keeps its column */
        const struct task_location *cur = location_in(&t, loc.project_id);
        if (cur && cur->board_id == loc.board_id)
            loc.column_id = cur->column_id;
    }
    rc = task_move_primary(c, &t, &loc, 0, 0);
    return rc ? rc : reply_board(c, t.id, loc.project_id);
}

int tm_tasks_column(struct call *c)
{
    struct task t;
    int rc = task_from_path_full(c, "id", &t);
    if (rc)
        return rc;
    int64_t column = TASK_NONE, upper = 0;
    bool ok = input_id(c, "boardColumnId", IN_REQUIRED, &column) == IN_VALUE;
    input_id(c, "upperTaskId", IN_NULLABLE, &upper);
    struct task_location loc;
    static const struct place_fields f = {"boardColumnId", "boardColumnId", "boardColumnId"};
    if (ok)
        rc = task_resolve_place(c, &f, TASK_NONE, TASK_NONE, column, &loc);
    if (!rc || rc == RC_INVALID)
        rc = call_check(c);
    if (!rc)
        rc = task_move_primary(c, &t, &loc, upper ? upper : TASK_AT_END, 0);
    if (rc == RC_NOTFOUND) /* the task itself was found: only upperTaskId can be missing */
        return input_invalid_id(c, "upperTaskId");
    return rc;
}

int tm_tasks_place(struct call *c)
{
    struct task t;
    int rc = task_from_path_full(c, "task_id", &t);
    if (rc)
        return rc;
    int64_t project = TASK_NONE, column = TASK_NONE, after = 0, before = 0;
    bool ok = input_id(c, "projectId", IN_REQUIRED, &project) == IN_VALUE;
    enum input_state sc = input_id(c, "boardColumnId", IN_NULLABLE, &column);
    input_id(c, "after", IN_NULLABLE, &after);
    input_id(c, "before", IN_NULLABLE, &before);
    if (after && before)
        call_invalid(c, "before", "The before field prohibits after from being present.");
    struct task_location loc = {TASK_NONE, TASK_NONE, TASK_NONE};
    static const struct place_fields f = {"projectId", NULL, "boardColumnId"};
    if (ok && sc != IN_BAD)
        rc = task_resolve_place(c, &f, project, TASK_NONE, column, &loc);
    if (!rc || rc == RC_INVALID)
        rc = call_check(c);
    /* Decision: boardColumnId null takes the task off the board (spec); absent adds the
     * project with no board, or leaves an existing location as it is */
    c->no_content = true;
    if (!rc && sc == IN_ABSENT && location_in(&t, loc.project_id))
        return RC_OK;
    /* a new project past the cap (issue 13 item 9); moving within one is always fine */
    if (!rc && !location_in(&t, loc.project_id) && t.nlocations >= INPUT_ITEMS_MAX)
        return call_invalid(c, "projectId", "The locations must not have more than %d items.",
                            INPUT_ITEMS_MAX);
    if (!rc)
        rc = task_place(c->st, c->a, c->ws_id, &t, &loc, after, before);
    if (rc == RC_NOTFOUND)
        return input_invalid_id(c, after ? "after" : "before");
    return rc;
}

int tm_tasks_unplace(struct call *c)
{
    struct task t;
    int rc = task_from_path_full(c, "task_id", &t);
    if (rc)
        return rc;
    int64_t project;
    if (input_id(c, "projectId", IN_REQUIRED, &project) == IN_VALUE) {
        struct project p;
        rc = project_get(c->st, c->a, c->ws_id, project, &p);
        if (rc == RC_NOTFOUND)
            rc = input_invalid_id(c, "projectId");
        if (rc && rc != RC_INVALID)
            return rc;
    }
    rc = call_check(c);
    /* removing a project the task is not in is a no-op (updatedAt too), like removing an
     * assignee */
    c->no_content = true;
    if (rc || !location_in(&t, project))
        return rc;
    return task_unplace(c->st, c->a, c->ws_id, t.id, project);
}
