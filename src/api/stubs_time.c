/* stubs_time.c — TEMPORARY during issue 5: handlers not written yet (500). Deleted by
 * whoever implements them; must not exist on main at the end. */
#include "api/call.h"
#include "core/common.h"

int tm_time_create(struct call *c);
int tm_time_create(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_time_update(struct call *c);
int tm_time_update(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_time_delete(struct call *c);
int tm_time_delete(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_timer_start(struct call *c);
int tm_timer_start(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}

int tm_timer_stop(struct call *c);
int tm_timer_stop(struct call *c)
{
    return call_fail(c, RC_INTERNAL, NULL);
}
