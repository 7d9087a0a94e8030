/* ws.c — GET /ws (the token's workspace) and GET /ws/members. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/present/ws_json.h"
#include "model/workspace.h"
#include "core/common.h"

int ws_get(struct call *c)
{
    struct workspace w;
    int rc = workspace_get(c->st, c->a, c->ws_id, &w);
    return rc ? rc : call_reply(c, workspace_json(c, &w));
}

/* Not paginated (spec); unknown query parameters such as ?limit=1 are ignored. */
int ws_members_list(struct call *c)
{
    struct member *m;
    size_t n;
    int rc = member_list(c->st, c->a, c->ws_id, &m, &n);
    if (rc)
        return rc;
    return call_list(c, m, n, sizeof(*m), member_json);
}
