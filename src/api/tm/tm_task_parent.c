/* tm_task_parent.c — POST /tm/tasks/{taskId}/parent {parentId: id|null, after?, before?}
 * (tm-notes §7, docs/internals/tasks.md "Subtasks"): makes the task a subtask of parentId,
 * placed after or before a sibling, or detaches it with null. Answers {"success": true}. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/tm/tm_tasks_shared.h"
#include "model/task.h"
#include "core/common.h"

int tm_tasks_parent(struct call *c)
{
    struct task t;
    int rc = task_from_path(c, "taskId", &t);
    if (rc)
        return rc;
    int64_t parent = TASK_NONE, after = 0, before = 0;
    enum input_state sp = input_id(c, "parentId", IN_REQUIRED | IN_NULLABLE, &parent);
    if (sp == IN_VALUE) {
        struct task p;
        rc = task_get_live(c->st, c->a, c->ws_id, parent, &p);
        if (!rc && parent != t.parent_id)
            rc = task_fill_related(c->st, c->a, c->ws_id, &p, 1);
        if (rc == RC_NOTFOUND)
            input_invalid_id(c, "parentId");
        else if (rc)
            return call_fail(c, rc, NULL);
        /* a new parent cannot pass the cap creating a subtask has (issue 13 item 9) */
        else if (parent != t.parent_id && p.nsubtasks >= TASK_SUBTASKS_MAX)
            call_invalid(c, "parentId", "The subtasks must not have more than %d items.",
                         TASK_SUBTASKS_MAX);
    }
    if (sp != IN_VALUE)
        parent = TASK_NONE;
    /* Decision: after/before place a subtask among its siblings; a detached task has none,
     * so with parentId null they are ignored */
    if (sp == IN_VALUE) {
        input_id(c, "after", IN_NULLABLE, &after);
        input_id(c, "before", IN_NULLABLE, &before);
        if (after && before)
            call_invalid(c, "before", "The before field prohibits after from being present.");
    }
    rc = call_check(c);
    if (rc)
        return rc;
    rc = task_set_parent(c->st, c->a, c->ws_id, &t, parent, after, before);
    /* spec: tm-notes §7 — a task cannot become its own ancestor */
    if (rc == RC_CONFLICT)
        return call_invalid(c, "parentId",
                            "The task cannot become a subtask of itself or of its subtasks.");
    if (rc == RC_NOTFOUND && (after || before))
        return input_invalid_id(c, after ? "after" : "before");
    return rc;
}
