/* tm_task_people.c — who is on a task: assignees (POST/DELETE /tm/tasks/{taskId}/assignees),
 * watchers (POST/DELETE /tm/tasks/{task_id}/watchers, shown as `subscribers`) and the
 * vendor PHP client's legacy subscribe/un-subscribe. Adding is idempotent, removing someone
 * absent is a no-op; the first assignee is the primary (`userId`), so removing it promotes
 * the next (tm-notes §2.7, YOLKINS probes). Every id must be a member of the workspace. */
#include "api/tm_tasks.h"
#include "api/input.h"
#include "core/common.h"

int tm_tasks_assign(struct call *c);
int tm_tasks_unassign(struct call *c);
int tm_tasks_watch(struct call *c);
int tm_tasks_unwatch(struct call *c);
int tm_tasks_subscribe(struct call *c);
int tm_tasks_unsubscribe(struct call *c);

enum op { ASSIGN, UNASSIGN, WATCH, UNWATCH };

static int apply(struct call *c, int64_t task_id, enum op op, const char *const *ids, size_t n)
{
    int rc;
    switch (op) {
    case ASSIGN:
        rc = task_add_assignees(c->st, c->a, c->ws_id, task_id, ids, n);
        break;
    case UNASSIGN:
        rc = task_remove_assignees(c->st, c->a, c->ws_id, task_id, ids, n);
        break;
    case WATCH:
        rc = task_add_watchers(c->st, c->ws_id, task_id, ids, n);
        break;
    default:
        rc = task_remove_watchers(c->st, c->ws_id, task_id, ids, n);
        break;
    }
    return rc ? rc : task_touch(c->st, c->ws_id, task_id);
}

/* {<field>: [uuid, ...]}: at least one, each a member */
static int members_op(struct call *c, const char *param, const char *field, enum op op)
{
    struct task t;
    int rc = task_from_path(c, param, &t);
    if (rc)
        return rc;
    const char **ids = NULL;
    size_t n = 0;
    if (input_uuids(c, field, IN_REQUIRED, &ids, &n, NULL) == IN_VALUE) {
        rc = input_refs(c, REF_MEMBER, field, ids, n, NULL);
        if (rc)
            return rc;
    }
    rc = call_check(c);
    return rc ? rc : apply(c, t.id, op, ids, n);
}

int tm_tasks_assign(struct call *c)
{
    return members_op(c, "taskId", "assignees", ASSIGN);
}

int tm_tasks_unassign(struct call *c)
{
    return members_op(c, "taskId", "assignees", UNASSIGN);
}

int tm_tasks_watch(struct call *c)
{
    return members_op(c, "task_id", "watchers", WATCH);
}

int tm_tasks_unwatch(struct call *c)
{
    return members_op(c, "task_id", "watchers", UNWATCH);
}

/* Legacy {userId?}: one watcher; absent or null means the token's member (the PHP client
 * sends its own user or nothing). */
static int subscribe_op(struct call *c, enum op op)
{
    struct task t;
    int rc = task_from_path(c, "id", &t);
    if (rc)
        return rc;
    const char *user = c->user_id;
    if (input_uuid(c, "userId", IN_NULLABLE, &user) == IN_VALUE) {
        rc = input_ref(c, REF_MEMBER, "userId", &user);
        if (rc)
            return rc;
    }
    rc = call_check(c);
    return rc ? rc : apply(c, t.id, op, &user, 1);
}

int tm_tasks_subscribe(struct call *c)
{
    return subscribe_op(c, WATCH);
}

int tm_tasks_unsubscribe(struct call *c)
{
    return subscribe_op(c, UNWATCH);
}
