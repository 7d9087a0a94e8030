/* ws.c — GET /ws (the token's workspace) and GET /ws/members. */
#include "api/handlers.h"
#include "api/call.h"
#include "model/workspace.h"
#include "core/common.h"

int ws_get(struct call *c)
{
    struct workspace w;
    int rc = workspace_get(c->st, c->a, c->ws_id, &w);
    if (rc)
        return rc;
    c->payload =
        json_pack("{s:I, s:s, s:s?, s:b, s:s?}", "id", (json_int_t)w.id, "title", w.title,
                  "description", w.description, "isPersonal", w.is_personal, "logo", w.logo);
    return c->payload ? RC_OK : RC_NOMEM;
}

static json_t *member_json(const void *item)
{
    const struct member *m = item;
    return json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id", m->id, "email",
                     m->email, "logo", m->logo, "lastName", m->last_name, "firstName",
                     m->first_name, "middleName", m->middle_name, "position", m->position,
                     "timeZone", m->time_zone);
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
