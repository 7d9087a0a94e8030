/* ws.c — GET /ws (the token's workspace) and GET /ws/members. */
#include "api/call.h"
#include "model/workspace.h"
#include "core/common.h"

int ws_get(struct call *c);
int ws_members_list(struct call *c);

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

/* Not paginated (spec); unknown query parameters such as ?limit=1 are ignored. */
int ws_members_list(struct call *c)
{
    struct member *m;
    size_t n;
    int rc = member_list(c->st, c->a, c->ws_id, &m, &n);
    if (rc)
        return rc;
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++) {
        json_t *o = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id", m[i].id,
                              "email", m[i].email, "logo", m[i].logo, "lastName", m[i].last_name,
                              "firstName", m[i].first_name, "middleName", m[i].middle_name,
                              "position", m[i].position, "timeZone", m[i].time_zone);
        if (json_array_append_new(list, o))
            return RC_NOMEM;
    }
    c->payload = list;
    return list ? RC_OK : RC_NOMEM;
}
