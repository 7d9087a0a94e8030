/* crm_funnels.c — /crm/funnels (list, create, get, update, delete; the vendor PHP client's
 * legacy move and bookmark), /crm/funnels/{funnelId}/statuses and /crm/statuses/{id} (list,
 * create, get, update, delete; legacy move) and /crm/currencies. Rules: docs/internals/crm.md.
 * Decisions repeated here: PUT is partial and answers the object; currencyId must be in the
 * catalogue; deleting a funnel's last status is refused (422 on id); a move target that is
 * omitted or null means first, one outside the parent is 422 naming it. */
#include "api/pipeline/handlers.h"
#include "api/crm/crm.h"
#include "api/present/deal_json.h"
#include "model/currency.h"
#include "model/custom_field.h"
#include "model/deal.h"
#include "model/funnel.h"
#include "core/arena.h"
#include "core/rand.h"
#include "core/common.h"

/* ---- funnels ----------------------------------------------------------------------------- */

/* the funnel a path names; with counts only when it is answered (they read the deals) */
static int load_funnel(struct call *c, const char *param, struct funnel *f, bool counts)
{
    const char *id;
    int rc = crm_param_slug(c, param, &id);
    if (rc)
        return rc;
    return counts ? funnel_get(c->st, c->a, c->ws_id, id, f)
                  : funnel_find(c->st, c->a, c->ws_id, id, f);
}

/* name, currencyId, isPrivate into f (absent keeps, create passes the defaults) */
static void read_funnel(struct call *c, struct funnel *f, unsigned name_flags)
{
    input_string(c, "name", name_flags, FUNNEL_NAME_MAX, &f->name);
    int64_t cur;
    if (input_int(c, "currencyId", IN_NOTNULL, INT64_MIN, INT64_MAX, &cur) == IN_VALUE) {
        if (currency_find(cur))
            f->currency_id = cur;
        else
            input_invalid_id(c, "currencyId");
    }
    /* spec: docs-2026 asks 0/1, clients send true/false: input_bool takes both */
    input_bool(c, "isPrivate", 0, &f->is_private);
}

/* the funnel's deal custom fields (spec: Funnel.customFields) */
static int with_fields(struct call *c, struct funnel *f)
{
    return custom_field_list(c->st, c->a, c->ws_id, CF_SCOPE_FUNNEL, 0, f->id, &f->fields,
                             &f->nfields);
}

/* answer the funnel with its fields */
static int reply_funnel(struct call *c, struct funnel *f)
{
    int rc = with_fields(c, f);
    return rc ? rc : call_reply(c, funnel_json(c, f));
}

int crm_funnels_list(struct call *c)
{
    struct funnel *f;
    size_t n;
    int rc = funnel_list(c->st, c->a, c->ws_id, &f, &n);
    for (size_t i = 0; !rc && i < n; i++)
        rc = with_fields(c, &f[i]);
    return rc ? rc : call_list(c, f, n, sizeof(*f), funnel_json);
}

int crm_funnels_create(struct call *c)
{
    struct funnel f = {.currency_id = CURRENCY_DEFAULT, .creator_id = c->user_id};
    read_funnel(c, &f, IN_REQUIRED);
    int rc = call_check(c);
    if (!rc)
        rc = funnel_create(c->st, c->a, c->ws_id, &f);
    return rc ? rc : reply_funnel(c, &f);
}

int crm_funnels_get(struct call *c)
{
    struct funnel f;
    int rc = load_funnel(c, "id", &f, true);
    return rc ? rc : reply_funnel(c, &f);
}

int crm_funnels_update(struct call *c)
{
    struct funnel f;
    int rc = load_funnel(c, "id", &f, false);
    if (rc)
        return rc;
    read_funnel(c, &f, IN_NOTNULL);
    rc = call_check(c);
    if (!rc)
        rc = funnel_update(c->st, c->ws_id, &f);
    if (!rc)
        rc = funnel_get(c->st, c->a, c->ws_id, f.id, &f);
    return rc ? rc : reply_funnel(c, &f);
}

int crm_funnels_delete(struct call *c)
{
    struct funnel f;
    int rc = load_funnel(c, "id", &f, false);
    return rc ? rc : funnel_delete(c->st, c->a, c->ws_id, f.id);
}

/* spec: php-client only (absent from the docs) — {previousFunnelId}, null = first */
int crm_funnels_move(struct call *c)
{
    struct funnel f;
    const char *after = NULL;
    int rc = load_funnel(c, "id", &f, false);
    if (rc)
        return rc;
    crm_input_slug(c, "previousFunnelId", IN_NULLABLE, &after);
    rc = call_check(c);
    if (!rc)
        rc = funnel_move(c->st, c->a, c->ws_id, f.id, after);
    /* the funnel itself was found above: a not-found now can only be the target */
    return rc == RC_NOTFOUND ? input_invalid_id(c, "previousFunnelId") : rc;
}

/* spec: php-client only — no body; toggles */
int crm_funnels_bookmark(struct call *c)
{
    struct funnel f;
    int rc = load_funnel(c, "id", &f, false);
    return rc ? rc : funnel_set_bookmarked(c->st, c->ws_id, f.id, !f.is_bookmarked);
}

/* ---- statuses ---------------------------------------------------------------------------- */

static int load_status(struct call *c, struct funnel_status *s, bool counts)
{
    const char *id;
    int rc = crm_param_slug(c, "id", &id);
    if (rc)
        return rc;
    return counts ? status_get(c->st, c->a, c->ws_id, id, s)
                  : status_find(c->st, c->a, c->ws_id, id, s);
}

int crm_statuses_list(struct call *c)
{
    struct funnel f;
    struct funnel_status *s;
    size_t n;
    int rc = load_funnel(c, "funnelId", &f, false);
    if (!rc)
        rc = status_list(c->st, c->a, c->ws_id, f.id, &s, &n);
    return rc ? rc : call_list(c, s, n, sizeof(*s), status_json);
}

int crm_statuses_create(struct call *c)
{
    struct funnel f;
    int rc = load_funnel(c, "funnelId", &f, false);
    if (rc)
        return rc;
    struct funnel_status s = {.funnel_id = f.id, .creator_id = c->user_id};
    input_string(c, "name", IN_REQUIRED, STATUS_NAME_MAX, &s.name);
    rc = call_check(c);
    if (!rc)
        rc = status_create(c->st, c->a, c->ws_id, &s);
    return rc ? rc : call_reply(c, status_json(c, &s));
}

int crm_statuses_get(struct call *c)
{
    struct funnel_status s;
    int rc = load_status(c, &s, true);
    return rc ? rc : call_reply(c, status_json(c, &s));
}

int crm_statuses_update(struct call *c)
{
    struct funnel_status s;
    int rc = load_status(c, &s, false);
    if (rc)
        return rc;
    input_string(c, "name", IN_NOTNULL, STATUS_NAME_MAX, &s.name);
    rc = call_check(c);
    if (!rc)
        rc = status_rename(c->st, c->ws_id, s.id, s.name);
    if (!rc)
        rc = status_get(c->st, c->a, c->ws_id, s.id, &s);
    return rc ? rc : call_reply(c, status_json(c, &s));
}

int crm_statuses_delete(struct call *c)
{
    struct funnel_status s;
    int rc = load_status(c, &s, false);
    if (!rc)
        rc = status_delete(c->st, c->a, c->ws_id, &s);
    /* Decision (crm.md): never an orphan deal, so a funnel keeps one status at least */
    return rc == RC_CONFLICT ? call_invalid(c, "id", "A funnel must keep at least one status.")
                             : rc;
}

/* spec: php-client only — {previousStatusId}, null = first */
int crm_statuses_move(struct call *c)
{
    struct funnel_status s;
    const char *after = NULL;
    int rc = load_status(c, &s, false);
    if (rc)
        return rc;
    crm_input_slug(c, "previousStatusId", IN_NULLABLE, &after);
    rc = call_check(c);
    if (!rc)
        rc = status_move(c->st, c->a, c->ws_id, &s, after);
    return rc == RC_NOTFOUND ? input_invalid_id(c, "previousStatusId") : rc;
}

/* ---- currencies -------------------------------------------------------------------------- */

int crm_currencies_list(struct call *c)
{
    size_t n;
    const struct currency *cur = currency_all(&n);
    return call_list(c, cur, n, sizeof(*cur), currency_json);
}
