/* ws_json.h — the spec's Workspace, Member, User and Tag objects built from model/workspace.h and
 * model/tag.h: presenters (api/pipeline/call.h present_fn). NULL only when memory runs out. */
#ifndef API_WS_JSON_H
#define API_WS_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

/* item is a const struct workspace * */
json_t *workspace_json(const struct call *c, const void *item);
/* item is a const struct member * */
json_t *member_json(const struct call *c, const void *item);
/* item is a const struct member *: the User schema of /user/me (logoLink here where a
 * Member has logo; the profile fields weeekd does not keep are null) */
json_t *user_json(const struct call *c, const void *item);
/* item is a const struct tag * */
json_t *tag_json(const struct call *c, const void *item);

#endif
