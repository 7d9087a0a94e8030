/* rc.c — names of result codes, for log lines. */
#include "core/rc.h"
#include "core/common.h"

static const char *const names[RC__COUNT] = {
    [RC_OK] = "ok",
    [RC_NOMEM] = "nomem",
    [RC_BADREQ] = "badreq",
    [RC_INVALID] = "invalid",
    [RC_UNAUTH] = "unauth",
    [RC_FORBIDDEN] = "forbidden",
    [RC_NOTFOUND] = "notfound",
    [RC_CONFLICT] = "conflict",
    [RC_TOOBIG] = "toobig",
    [RC_BUSY] = "busy",
    [RC_STORE] = "store",
    [RC_INTERNAL] = "internal",
};

const char *rc_name(int rc)
{
    if (rc < 0 || rc >= RC__COUNT)
        return "unknown";
    return names[rc];
}
