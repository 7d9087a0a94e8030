/* tm_task_people.c — who is on a task: assignees (POST/DELETE /tm/tasks/{taskId}/assignees),
 * watchers (POST/DELETE /tm/tasks/{task_id}/watchers, shown as `subscribers`) and the
 * vendor PHP client's legacy subscribe/un-subscribe. Adding is idempotent, removing someone
 * absent is a no-op; the first assignee is the primary (`userId`), so removing it promotes
 * the next (tm-notes §2.7, YOLKINS probes). Every id must be a member of the workspace. */
#include "api/pipeline/handlers.h"
#include "api/tm/tm_tasks_shared.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "core/common.h"

/* each list as its routes name it */
static const struct {
    const char *param, *field;
} PEOPLE[] = {
    [TASK_ASSIGNEES] = {"taskId", "assignees"},
    [TASK_WATCHERS] = {"task_id", "watchers"},
};

/* arg: the list or'ed with ATTACH or DETACH; the model touches the task
 * (docs/internals/model.md) */
static int apply(struct call *c, int64_t task_id, int arg, const char *const *ids, size_t n)
{
    bool add = arg & ATTACH;
    if ((arg & ~ATTACH) == TASK_ASSIGNEES)
        return add ? task_add_assignees(c->st, c->a, c->ws_id, task_id, ids, n)
                   : task_remove_assignees(c->st, c->a, c->ws_id, task_id, ids, n);
    return add ? task_add_watchers(c->st, c->ws_id, task_id, ids, n)
               : task_remove_watchers(c->st, c->ws_id, task_id, ids, n);
}

/* the list with ids added stays within the cap its create and update bodies have (issue 13
 * item 9); ids already there do not count again */
static int check_room(struct call *c, const struct task *t, int list, const char *const *ids,
                      size_t n, const char *key)
{
    const char *const *have = list == TASK_ASSIGNEES ? t->assignees : t->watchers;
    size_t total = list == TASK_ASSIGNEES ? t->nassignees : t->nwatchers;
    for (size_t i = 0; i < n && total <= INPUT_ITEMS_MAX; i++) {
        bool there = false;
        for (size_t k = 0; k < (list == TASK_ASSIGNEES ? t->nassignees : t->nwatchers); k++)
            there = there || strcmp(have[k], ids[i]) == 0;
        total += !there;
    }
    if (total <= INPUT_ITEMS_MAX)
        return RC_OK;
    const char *field = PEOPLE[list].field;
    return call_invalid(c, key ? key : field, "The %s must not have more than %d items.", field,
                        INPUT_ITEMS_MAX);
}

/* {<field>: [uuid, ...]}: at least one, each a member. The route's argument names the list
 * and the direction (TASK_WATCHERS | ATTACH). */
int tm_tasks_people(struct call *c)
{
    int list = call_arg(c) & ~ATTACH;
    const char *field = PEOPLE[list].field;
    struct task t;
    int rc = task_from_path(c, PEOPLE[list].param, &t);
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
    if (!rc && (call_arg(c) & ATTACH) && !(rc = task_fill_related(c->st, c->a, c->ws_id, &t, 1)))
        rc = check_room(c, &t, list, ids, n, NULL);
    return rc ? rc : apply(c, t.id, call_arg(c), ids, n);
}

/* Legacy subscribe / un-subscribe (the argument: ATTACH or DETACH) {userId?}: one watcher;
 * absent or null means the token's member (the PHP client sends its own user or nothing). */
int tm_tasks_subscribe(struct call *c)
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
    if (!rc && call_arg(c) == ATTACH && !(rc = task_fill_related(c->st, c->a, c->ws_id, &t, 1)))
        rc = check_room(c, &t, TASK_WATCHERS, &user, 1, "userId");
    return rc ? rc : apply(c, t.id, TASK_WATCHERS | call_arg(c), &user, 1);
}
