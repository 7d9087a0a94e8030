/* stubs_core.c — TEMPORARY during issue 5: handlers not written yet (500). Deleted by
 * whoever implements them; must not exist on main at the end. */
#include "api/call.h"
#include "core/common.h"

int tm_tasks_board(struct call *c);
int tm_tasks_board(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_column(struct call *c);
int tm_tasks_column(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_place(struct call *c);
int tm_tasks_place(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_unplace(struct call *c);
int tm_tasks_unplace(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_watch(struct call *c);
int tm_tasks_watch(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_unwatch(struct call *c);
int tm_tasks_unwatch(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_assign(struct call *c);
int tm_tasks_assign(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_unassign(struct call *c);
int tm_tasks_unassign(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_subscribe(struct call *c);
int tm_tasks_subscribe(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_tasks_unsubscribe(struct call *c);
int tm_tasks_unsubscribe(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

