/* ws_tags.c — /ws/tags: list, create, get, update, delete.
 * Decision (spec is stricter): PUT is a partial update like every other weeekd update —
 * title and color may each be omitted (the spec's full body {title, color} works as is),
 * but a title sent as null or blank is refused, since a tag cannot lose its title.
 * Create also accepts an optional color; otherwise the server picks one (spec x-notes). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/present/ws_json.h"
#include "model/tag.h"
#include "core/common.h"

int ws_tags_list(struct call *c)
{
    struct tag *t;
    size_t n;
    int rc = tag_list(c->st, c->a, c->ws_id, &t, &n);
    if (rc)
        return rc;
    return call_list(c, t, n, sizeof(*t), tag_json);
}

int ws_tags_create(struct call *c)
{
    struct tag t = {0};
    input_string(c, "title", IN_REQUIRED, TAG_TITLE_MAX, &t.title);
    input_color(c, "color", 0, &t.color);
    int rc = call_check(c);
    if (rc)
        return rc;
    if (!t.color)
        t.color = tag_default_color(t.title);
    rc = tag_create(c->st, c->a, c->ws_id, &t);
    return rc ? rc : call_reply(c, tag_json(c, &t));
}

int ws_tags_get(struct call *c)
{
    int64_t id;
    struct tag t;
    int rc = call_param_id(c, "id", &id);
    if (!rc)
        rc = tag_get(c->st, c->a, c->ws_id, id, &t);
    return rc ? rc : call_reply(c, tag_json(c, &t));
}

int ws_tags_update(struct call *c)
{
    int64_t id;
    struct tag t;
    int rc = call_param_id(c, "id", &id);
    if (!rc)
        rc = tag_get(c->st, c->a, c->ws_id, id, &t);
    if (rc)
        return rc;
    input_string(c, "title", IN_NOTNULL, TAG_TITLE_MAX, &t.title);
    input_color(c, "color", IN_NOTNULL, &t.color);
    rc = call_check(c);
    if (rc)
        return rc;
    return tag_update(c->st, c->ws_id, &t);
}

int ws_tags_delete(struct call *c)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    if (rc)
        return rc;
    return tag_delete(c->st, c->ws_id, id);
}
