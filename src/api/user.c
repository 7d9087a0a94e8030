/* user.c — GET /user/me: the profile of the member the token belongs to.
 * Shape: spec User schema (note logoLink here versus logo on members). */
#include "api/handlers.h"
#include "api/call.h"
#include "model/workspace.h"
#include "core/common.h"

int user_me_get(struct call *c)
{
    struct member m;
    int rc = member_get(c->st, c->a, c->ws_id, c->user_id, &m);
    if (rc)
        return rc;
    c->payload = json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:n, s:s?, s:s, s:n, s:n, s:s, s:n}",
                           "id", m.id, "email", m.email, "logoLink", m.logo, "lastName",
                           m.last_name, "firstName", m.first_name, "middleName", m.middle_name,
                           "about", "position", m.position, "language", m.language, "birthDate",
                           "country", "timeZone", m.time_zone, "phoneNumber");
    return c->payload ? RC_OK : RC_NOMEM;
}
