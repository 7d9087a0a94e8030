/* user.c — GET /user/me: the profile of the member the token belongs to (the User
 * object: api/present/ws_json.h). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/present/ws_json.h"
#include "model/workspace.h"
#include "core/common.h"

int user_me_get(struct call *c)
{
    struct member m;
    int rc = member_get(c->st, c->a, c->ws_id, c->user_id, &m);
    return rc ? rc : call_reply(c, user_json(c, &m));
}
