/* double.c — see double.h. The admin paths are decided here, before routing, so that
 * without --admin-token nothing under /_weeekd/ exists: not even a 405 or a 401 tells a
 * client that the routes are there. */
#include "api/double.h"
#include "api/reply.h"
#include "api/router.h"
#include "core/common.h"

static bool is_admin_path(const struct request *req)
{
    size_t n = strlen(ADMIN_PREFIX);
    return req->path.len >= n && memcmp(req->path.ptr, ADMIN_PREFIX, n) == 0 &&
           (req->path.len == n || req->path.ptr[n] == '/');
}

void double_dispatch(void *appv, struct request *req, struct response *resp)
{
    struct app *app = appv;
    if (!req->limit && !app->admin_token && is_admin_path(req)) {
        arena_set_current(&req->arena);
        reply_route_not_found(req, resp);
        arena_set_current(NULL);
        return;
    }
    router_dispatch(appv, req, resp);
}
