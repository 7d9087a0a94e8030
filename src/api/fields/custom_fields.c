/* custom_fields.c — the custom-field routes of every scope: /tm/custom-fields (global),
 * /tm/projects/{project_id}/custom-fields, /tm/boards/{board_id}/custom-fields and
 * /crm/funnels/{funnel_id}/custom-fields (deal fields: no transfer routes). One handler per
 * operation serves every scope: the owner comes from the path's project_id, board_id or funnel_id
 * (none = the global "tm" scope); a transfer's destination is its routes.def argument (CF_TO_*).
 * Rules: docs/internals/custom_fields.md. The path names the owner, the field and the option; each
 * must belong to the one before it, else 404 (a field of another project under this project's path
 * names nothing here). Decisions (docs/internals/custom_fields.md):
 * - changes under an archived project (its own path, a board of it, or as a transfer
 *   target) are 422 "The project is archived.", as boards and columns do; reading the
 *   global list is unaffected;
 * - config is validated for number and boolean fields and stored in a canonical form (only
 *   the keys of the spec); other types store null whatever is sent;
 * - options exist only on select and multiselect fields (the spec: "options only make
 *   sense for select / multiselect"); adding one elsewhere is 422;
 * - option PUT is partial, as the other PUTs of weeekd are. */
#include "api/pipeline/jsonmem.h"
#include "api/pipeline/handlers.h"

#include <ctype.h>
#include <string.h>

#include "api/crm/crm.h"
#include "api/present/custom_field_json.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "model/board.h"
#include "model/currency.h"
#include "model/custom_field.h"
#include "model/funnel.h"
#include "model/project.h"
#include "core/arena.h"
#include "core/common.h"

static const char *const CF_TYPES[] = {"text",        "boolean", "datetime", "select",
                                       "multiselect", "member",  "contact",  "link",
                                       "approval",    "number",  NULL};
static const char *const NUMBER_TYPES[] = {"number", "currency", "percent", NULL};
/* spec: tm-notes §2.10 — the docs spell "checbox"; "checkbox" and docs-2024's "switch" too */
static const char *const BOOLEAN_TYPES[] = {"radio", "checbox", "checkbox", "switch", NULL};
/* spec: tm-notes §2.10 / §3 item 14 — the 13 request names; "#rrggbb" is accepted as well
 * (the docs' examples answer hex), and the value is echoed as stored */
static const char *const OPTION_COLORS[] = {
    "blue", "light_blue", "dark_purple", "purple",      "dark_pink",   "pink",   "light_pink",
    "red",  "turquoise",  "green",       "light_green", "dark_yellow", "yellow", NULL};

/* ---- the path ---------------------------------------------------------------------------- */

/* 422 "The project is archived." on field when project_id is archived, 404 when missing */
static int project_active(struct call *c, int64_t project_id, const char *field, bool missing_404)
{
    int rc = project_require_active(c->st, c->a, c->ws_id, project_id);
    if (rc == RC_NOTFOUND && !missing_404)
        return input_invalid_id(c, field);
    if (rc == RC_CONFLICT)
        return call_invalid(c, field, "The project is archived.");
    return rc;
}

/* The owner the route names. Every custom-field route changes something, so the project
 * behind a project or board path must be active. */
static int path_owner(struct call *c, struct cf_owner *o)
{
    memset(o, 0, sizeof(*o));
    o->scope = CF_SCOPE_TM;
    int rc = RC_OK;
    if (call_param(c, "project_id").len) {
        o->scope = CF_SCOPE_PROJECT;
        rc = call_param_id(c, "project_id", &o->project_id);
        if (!rc)
            rc = project_active(c, o->project_id, "projectId", true);
    } else if (call_param(c, "board_id").len) {
        struct board b = {0};
        o->scope = CF_SCOPE_BOARD;
        rc = call_param_id(c, "board_id", &o->board_id);
        if (!rc)
            rc = board_get(c->st, c->a, c->ws_id, o->board_id, &b);
        if (!rc)
            rc = project_active(c, b.project_id, "projectId", true);
    } else if (call_param(c, "funnel_id").len) {
        struct funnel f = {0};
        o->scope = CF_SCOPE_FUNNEL;
        rc = crm_param_slug(c, "funnel_id", &o->funnel_id);
        if (!rc)
            rc = funnel_find(c->st, c->a, c->ws_id, o->funnel_id, &f);
    }
    return rc;
}

/* The field the path names (param "custom_field_id" on option routes, else "id"), which
 * must belong to the route's owner. */
static int path_field(struct call *c, struct cf_owner *o, struct custom_field *f)
{
    int rc = path_owner(c, o);
    const char *id;
    if (!rc)
        rc = call_param_uuid(c, call_param(c, "custom_field_id").len ? "custom_field_id" : "id",
                             &id);
    if (!rc)
        rc = custom_field_get(c->st, c->a, c->ws_id, id, f);
    if (!rc && !cf_owner_is(f, o))
        rc = RC_NOTFOUND;
    return rc;
}

static int path_option(struct call *c, struct custom_field *f, struct custom_field_option *opt)
{
    struct cf_owner o;
    const char *id;
    int rc = path_field(c, &o, f);
    if (!rc)
        rc = call_param_uuid(c, "id", &id);
    if (!rc)
        rc = cf_option_get(c->st, c->a, c->ws_id, id, opt);
    if (!rc && strcmp(opt->field_id, f->id) != 0)
        rc = RC_NOTFOUND;
    return rc;
}

/* ---- input ------------------------------------------------------------------------------- */

static bool has_config(const char *type)
{
    return strcmp(type, "number") == 0 || strcmp(type, "boolean") == 0;
}

/* The canonical config of a number or boolean field from the object in c->body (the caller
 * entered it): NULL after a recorded error. */
static json_t *config_of(struct call *c, const char *type)
{
    const char *kind = NULL;
    if (strcmp(type, "boolean") == 0) {
        if (input_enum(c, "type", IN_REQUIRED, BOOLEAN_TYPES, &kind) != IN_VALUE)
            return NULL;
        return json_pack("{s:s}", "type", kind);
    }
    int64_t precision = 0, cur = 0;
    enum input_state ks = input_enum(c, "type", IN_REQUIRED, NUMBER_TYPES, &kind);
    enum input_state ps = input_int(c, "precision", IN_NULLABLE, 0, 6, &precision);
    bool is_currency = ks == IN_VALUE && strcmp(kind, "currency") == 0;
    /* the currency matters only for type currency (required there); elsewhere it is
     * ignored and not stored */
    enum input_state cs = IN_ABSENT;
    if (is_currency) {
        cs = input_int(c, "currency", IN_REQUIRED, INT64_MIN, INT64_MAX, &cur);
        if (cs == IN_VALUE && !currency_find(cur)) {
            input_invalid_id(c, "currency");
            cs = IN_BAD;
        }
    }
    if (ks != IN_VALUE || ps == IN_BAD || cs == IN_BAD)
        return NULL;
    json_t *cfg = json_pack("{s:s, s:o}", "type", kind, "precision",
                            ps == IN_VALUE ? json_integer(precision) : json_null());
    if (cfg && is_currency && json_object_set_new(cfg, "currency", json_integer(cur))) {
        json_decref(cfg);
        cfg = NULL;
    }
    return cfg;
}

/* Read "config" for a field of type: *given tells whether the key was sent; *out gets the
 * text to store (NULL = none). Types other than number and boolean ignore it. */
static void read_config(struct call *c, const char *type, const char **out, bool *given)
{
    json_t *v = c->body ? json_object_get(c->body, "config") : NULL;
    *given = v != NULL;
    *out = NULL;
    if (!v || json_is_null(v) || !has_config(type))
        return;
    if (!json_is_object(v)) {
        /* PHP's word for a JSON object */
        call_invalid(c, "config", "The config must be an array.");
        return;
    }
    struct input_scope saved = {c->body, c->in_prefix};
    c->body = v;
    c->in_prefix = "config.";
    json_t *cfg = config_of(c, type);
    c->body = saved.body;
    c->in_prefix = saved.prefix;
    if (!cfg) {
        if (!call_check(c))
            call_fail(c, RC_NOMEM, NULL);
        return;
    }
    /* jansson allocates in the request arena (api/pipeline/jsonmem.c): nothing to free */
    char *text = jsonmem_dumps(cfg, JSON_COMPACT);
    json_decref(cfg);
    if (!text)
        call_fail(c, RC_NOMEM, NULL);
    *out = text;
}

static int reply_field(struct call *c, const struct custom_field *f)
{
    return call_write(c, f, sizeof(*f), custom_field_write);
}

/* ---- fields ------------------------------------------------------------------------------ */

/* GET /tm/custom-fields: the global fields only (the one read route) */
int tm_cf_list(struct call *c)
{
    struct custom_field *f;
    size_t n;
    int rc = custom_field_list(c->st, c->a, c->ws_id, CF_SCOPE_TM, 0, NULL, &f, &n);
    return rc ? rc : call_write_list(c, f, n, sizeof(*f), custom_field_write);
}

/* RC_OK while owner o's cap (CF_FIELDS_MAX: the task manager's scopes of the workspace all
 * together, or one funnel) leaves room for one more field; else its 422 is recorded and the
 * caller's call_check answers it */
static int room_for_a_field(struct call *c, const struct cf_owner *o)
{
    int64_t n;
    int rc = custom_field_count(c->st, c->a, c->ws_id, o, &n);
    if (rc || n < CF_FIELDS_MAX)
        return rc;
    call_invalid(c, "customFields", "The custom fields must not have more than %d items.",
                 CF_FIELDS_MAX);
    return RC_OK;
}

int cf_op_create(struct call *c)
{
    struct cf_owner o;
    int rc = path_owner(c, &o);
    if (rc)
        return rc;
    struct custom_field f = {.scope = o.scope,
                             .project_id = o.project_id,
                             .board_id = o.board_id,
                             .funnel_id = o.funnel_id};
    input_string(c, "name", IN_NULLABLE, CF_NAME_MAX, &f.name);
    bool given;
    if (input_enum(c, "type", IN_REQUIRED, CF_TYPES, &f.type) == IN_VALUE)
        read_config(c, f.type, &f.config, &given);
    rc = room_for_a_field(c, &o);
    if (!rc)
        rc = call_check(c);
    if (!rc)
        rc = custom_field_create(c->st, c->a, c->ws_id, &f);
    return rc ? rc : reply_field(c, &f);
}

/* spec: "type cannot be changed; only name and config" — a type sent is ignored */
int cf_op_update(struct call *c)
{
    struct cf_owner o;
    struct custom_field f;
    int rc = path_field(c, &o, &f);
    if (rc)
        return rc;
    const char *name;
    enum input_state ns = input_string(c, "name", IN_NULLABLE, CF_NAME_MAX, &name);
    if (ns == IN_VALUE || ns == IN_NULL)
        f.name = ns == IN_VALUE ? name : NULL;
    const char *config;
    bool given;
    read_config(c, f.type, &config, &given);
    if (given)
        f.config = config;
    rc = call_check(c);
    if (!rc)
        rc = custom_field_update(c->st, c->ws_id, &f);
    return rc ? rc : reply_field(c, &f);
}

int cf_op_delete(struct call *c)
{
    struct cf_owner o;
    struct custom_field f;
    int rc = path_field(c, &o, &f);
    return rc ? rc : custom_field_delete(c->st, c->a, c->ws_id, &f);
}

/* the scope each transfer route moves its field to, by the route's argument */
static const char *const TRANSFER_TO[] = {
    [CF_TO_TM] = CF_SCOPE_TM,
    [CF_TO_PROJECT] = CF_SCOPE_PROJECT,
    [CF_TO_BOARD] = CF_SCOPE_BOARD,
};

int cf_op_transfer(struct call *c)
{
    int to = call_arg(c);
    struct cf_owner o, dest = {.scope = TRANSFER_TO[to]};
    struct custom_field f;
    int rc = path_field(c, &o, &f);
    if (rc)
        return rc;
    if (to == CF_TO_PROJECT) {
        if (input_id(c, "projectId", IN_REQUIRED, &dest.project_id) == IN_VALUE)
            rc = project_active(c, dest.project_id, "projectId", false);
    } else if (to == CF_TO_BOARD) {
        struct board b = {0};
        if (input_id(c, "boardId", IN_REQUIRED, &dest.board_id) == IN_VALUE) {
            rc = board_get(c->st, c->a, c->ws_id, dest.board_id, &b);
            if (rc == RC_NOTFOUND)
                rc = input_invalid_id(c, "boardId");
            else if (!rc)
                rc = project_active(c, b.project_id, "boardId", false);
        }
    }
    if (rc == RC_INVALID || !rc)
        rc = call_check(c);
    return rc ? rc : custom_field_transfer(c->st, c->a, c->ws_id, &f, &dest);
}

/* {after} xor {before}: the id of a sibling; *after tells which was sent */
static int read_target(struct call *c, const char **target, bool *after)
{
    const char *a = NULL, *b = NULL;
    enum input_state as = input_uuid(c, "after", IN_NULLABLE, &a);
    enum input_state bs = input_uuid(c, "before", IN_NULLABLE, &b);
    if (as == IN_BAD || bs == IN_BAD)
        return call_check(c);
    /* spec: both are marked required yet may not be sent together: exactly one */
    if (a && b)
        return call_invalid(c, "after", "The after field prohibits before from being present.");
    if (!a && !b)
        return call_invalid(c, "after", "The after field is required when before is not present.");
    *after = a != NULL;
    *target = a ? a : b;
    return RC_OK;
}

int cf_op_move(struct call *c)
{
    struct cf_owner o;
    struct custom_field f;
    const char *target;
    bool after = true;
    int rc = path_field(c, &o, &f);
    if (rc)
        return rc;
    rc = read_target(c, &target, &after);
    if (!rc)
        rc = custom_field_move(c->st, c->a, c->ws_id, &f, target, after);
    /* the field itself was found above: a not-found now can only be the target */
    return rc == RC_NOTFOUND ? input_invalid_id(c, after ? "after" : "before") : rc;
}

/* ---- options ----------------------------------------------------------------------------- */

static void read_color(struct call *c, unsigned flags, const char **out)
{
    const char *s;
    if (input_string(c, "color", flags, 32, &s) != IN_VALUE)
        return;
    for (size_t i = 0; OPTION_COLORS[i]; i++)
        if (strcmp(s, OPTION_COLORS[i]) == 0) {
            *out = s;
            return;
        }
    bool hex = strlen(s) == 7 && s[0] == '#';
    for (size_t i = 1; hex && i < 7; i++)
        hex = isxdigit((unsigned char)s[i]) != 0;
    if (hex)
        *out = s;
    else
        input_invalid_id(c, "color");
}

static int reply_option(struct call *c, const struct custom_field_option *o)
{
    return call_write(c, o, sizeof(*o), custom_field_option_write);
}

int cf_op_option_create(struct call *c)
{
    struct cf_owner own;
    struct custom_field f;
    int rc = path_field(c, &own, &f);
    if (rc)
        return rc;
    if (strcmp(f.type, "select") != 0 && strcmp(f.type, "multiselect") != 0)
        return call_invalid(c, "customFieldId",
                            "Options can be added to select and multiselect fields only.");
    struct custom_field_option o = {.field_id = f.id};
    input_string(c, "name", IN_REQUIRED, CF_OPTION_NAME_MAX, &o.name);
    read_color(c, IN_REQUIRED, &o.color);
    if (f.noptions >= CF_OPTIONS_MAX)
        call_invalid(c, "options", "The options must not have more than %d items.", CF_OPTIONS_MAX);
    rc = call_check(c);
    if (!rc)
        rc = cf_option_create(c->st, c->a, c->ws_id, &o);
    return rc ? rc : reply_option(c, &o);
}

int cf_op_option_update(struct call *c)
{
    struct custom_field f;
    struct custom_field_option o;
    int rc = path_option(c, &f, &o);
    if (rc)
        return rc;
    input_string(c, "name", IN_NOTNULL, CF_OPTION_NAME_MAX, &o.name);
    read_color(c, IN_NOTNULL, &o.color);
    rc = call_check(c);
    if (!rc)
        rc = cf_option_update(c->st, c->ws_id, &o);
    return rc ? rc : reply_option(c, &o);
}

int cf_op_option_delete(struct call *c)
{
    struct custom_field f;
    struct custom_field_option o;
    int rc = path_option(c, &f, &o);
    return rc ? rc : cf_option_delete(c->st, c->a, c->ws_id, &f, &o);
}

int cf_op_option_move(struct call *c)
{
    struct custom_field f;
    struct custom_field_option o;
    const char *target;
    bool after = true;
    int rc = path_option(c, &f, &o);
    if (rc)
        return rc;
    rc = read_target(c, &target, &after);
    if (!rc)
        rc = cf_option_move(c->st, c->a, c->ws_id, &o, target, after);
    /* the option itself was found above: a not-found now can only be the target */
    return rc == RC_NOTFOUND ? input_invalid_id(c, after ? "after" : "before") : rc;
}
