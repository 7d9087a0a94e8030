/* ws_json.c — see ws_json.h. */
#include "api/present/ws_json.h"
#include "model/tag.h"
#include "model/workspace.h"

json_t *workspace_json(const struct call *c, const void *item)
{
    const struct workspace *w = item;
    (void)c;
    return json_pack("{s:I, s:s, s:s?, s:b, s:s?}", "id", (json_int_t)w->id, "title", w->title,
                     "description", w->description, "isPersonal", w->is_personal, "logo", w->logo);
}

json_t *member_json(const struct call *c, const void *item)
{
    const struct member *m = item;
    (void)c;
    return json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:s?, s:s}", "id", m->id, "email",
                     m->email, "logo", m->logo, "lastName", m->last_name, "firstName",
                     m->first_name, "middleName", m->middle_name, "position", m->position,
                     "timeZone", m->time_zone);
}

json_t *user_json(const struct call *c, const void *item)
{
    const struct member *m = item;
    (void)c;
    return json_pack("{s:s, s:s, s:s?, s:s?, s:s?, s:s?, s:n, s:s?, s:s, s:n, s:n, s:s, s:n}", "id",
                     m->id, "email", m->email, "logoLink", m->logo, "lastName", m->last_name,
                     "firstName", m->first_name, "middleName", m->middle_name, "about", "position",
                     m->position, "language", m->language, "birthDate", "country", "timeZone",
                     m->time_zone, "phoneNumber");
}

json_t *tag_json(const struct call *c, const void *item)
{
    const struct tag *t = item;
    (void)c;
    return json_pack("{s:I, s:s, s:s}", "id", (json_int_t)t->id, "title", t->title, "color",
                     t->color);
}
