/* stubs_list.c — TEMPORARY during issue 5: handlers not written yet (500). Deleted by
 * whoever implements them; must not exist on main at the end. */
#include "api/call.h"
#include "core/common.h"

int tm_tasks_list(struct call *c);
int tm_tasks_list(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}
