/* crm_deals.c — POST /crm/statuses/{statusId}/deals (create) and /crm/deals/{id} (get, PUT,
 * PATCH, delete, move, funnel, status); the list is crm_deal_list.c. Rules and decisions:
 * docs/internals/crm.md "Decisions"; repeated here: PUT and PATCH are both partial; PUT
 * applies title, amount, winStatus and, tolerantly, description and answers `deal`; PATCH
 * applies the whole create body (arrays replace the sets) and answers {"success":true} plus
 * `deal` (the vendor PHP client parses it, crm-notes §4). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/input_compound.h"
#include "api/fields/cf_value.h"
#include "api/crm/crm.h"
#include "api/present/deal_json.h"
#include "api/pipeline/json_util.h"
#include "api/tm/tm_tasks_shared.h"
#include "model/deal.h"
#include "model/funnel.h"
#include <math.h>
#include <stdlib.h>
#include "core/common.h"

/* ---- the body of create / PUT / PATCH ---------------------------------------------------- */

/* Decision: an amount lies within ±1e15 (far past any sum of money, and every two-decimal
 * amount below it is exact to the cent in a double); funnel and status totals add amounts
 * up, and two near the largest double summed to infinity, after which no funnel of the
 * workspace could be read. Migration 0009 clamped amounts stored before the bound. */
#define DEAL_AMOUNT_MAX 1e15

static enum input_state amount_in_range(struct call *c, double d, double *out)
{
    if (!(d >= -DEAL_AMOUNT_MAX && d <= DEAL_AMOUNT_MAX)) {
        call_invalid(c, "amount", "The amount must be between -%.0f and %.0f.", DEAL_AMOUNT_MAX,
                     DEAL_AMOUNT_MAX);
        return IN_BAD;
    }
    *out = d;
    return IN_VALUE;
}

/* amount: a JSON number, or a number sent as text (trimmed; blank is null) */
static enum input_state read_amount(struct call *c, double *out)
{
    json_t *v = c->body ? json_object_get(c->body, "amount") : NULL;
    if (!v)
        return IN_ABSENT;
    if (json_is_null(v))
        return IN_NULL;
    if (json_is_number(v))
        return amount_in_range(c, json_number_value(v), out);
    if (json_is_string(v)) {
        struct str s = crm_trim((struct str){json_string_value(v), json_string_length(v)});
        if (s.len == 0)
            return IN_NULL;
        char buf[64];
        if (s.len < sizeof(buf)) {
            memcpy(buf, s.ptr, s.len);
            buf[s.len] = '\0';
            char *end;
            double d = strtod(buf, &end);
            if (*end == '\0' && isfinite(d))
                return amount_in_range(c, d, out);
        }
    }
    call_invalid(c, "amount", "The amount must be a number.");
    return IN_BAD;
}

struct deal_body {
    enum input_state title, description, amount, win, assignees, contacts, organizations, tags;
    struct deal d;
};

/* one id array plus its legacy single key (php-client 2023): the single goes first */
static enum input_state read_uuid_set(struct call *c, const char *field, const char *single,
                                      const char ***out, size_t *n)
{
    const char **list = NULL, *one = NULL;
    size_t cnt = 0;
    enum input_state st = input_uuids(c, field, IN_NULLABLE, &list, &cnt, NULL);
    enum input_state s1 = input_uuid(c, single, IN_NULLABLE, &one);
    if (st == IN_BAD || s1 == IN_BAD)
        return IN_BAD;
    *out = arena_calloc(c->a, cnt + 1, sizeof(char *));
    if (!*out) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    *n = 0;
    if (s1 == IN_VALUE)
        (*out)[(*n)++] = one;
    for (size_t i = 0; i < cnt; i++)
        if (!one || strcmp(list[i], one) != 0)
            (*out)[(*n)++] = list[i];
    if (st == IN_VALUE || s1 == IN_VALUE)
        return IN_VALUE;
    /* php-client sends its unset singles as explicit nulls: only the array's null clears */
    return st == IN_NULL ? IN_NULL : IN_ABSENT;
}

/* tags: each a tag of the workspace ("tags.N" otherwise) */
static void read_tags(struct call *c, struct deal_body *b)
{
    b->tags = input_ids(c, "tags", IN_NULLABLE, &b->d.tags, &b->d.ntags, NULL);
    if (b->tags != IN_VALUE) {
        b->d.ntags = 0;
        return;
    }
    input_refs(c, REF_TAG, "tags", b->d.tags, b->d.ntags, NULL);
}

/* Read every key of the create body that is there into b, zeroed first (states tell which). With
 * links false only the scalar keys (PUT). */
static int read_body(struct call *c, struct deal_body *b, bool links)
{
    memset(b, 0, sizeof(*b));
    struct deal *d = &b->d;
    b->title = input_string(c, "title", IN_NULLABLE, DEAL_TITLE_MAX, &d->title);
    b->description =
        input_string(c, "description", IN_NULLABLE | IN_LONG, DEAL_DESC_MAX, &d->description);
    b->amount = read_amount(c, &d->amount);
    d->has_amount = b->amount == IN_VALUE;
    b->win = input_enum(c, "winStatus", IN_NULLABLE, CRM_WIN_STATUSES, &d->win_status);
    if (!links)
        return call_check(c);
    b->assignees = read_uuid_set(c, "assignees", "executorId", &d->assignees, &d->nassignees);
    if (b->assignees == IN_VALUE) {
        int rc = input_refs(c, REF_MEMBER, "assignees", d->assignees, d->nassignees, NULL);
        if (rc)
            return rc;
    }
    b->organizations =
        read_uuid_set(c, "organizations", "organizationId", &d->organizations, &d->norganizations);
    if (b->organizations == IN_VALUE)
        input_refs(c, REF_ORGANIZATION, "organizations", d->organizations, d->norganizations, NULL);
    b->contacts = read_uuid_set(c, "contacts", "contactId", &d->contacts, &d->ncontacts);
    if (b->contacts == IN_VALUE)
        input_refs(c, REF_CONTACT, "contacts", d->contacts, d->ncontacts, NULL);
    read_tags(c, b);
    /* customFields: applied once the deal exists (cf_apply_deal), against its funnel */
    return call_check(c);
}

static bool present(enum input_state st)
{
    return st == IN_VALUE || st == IN_NULL;
}

/* the scalar keys present in b onto d */
static void apply_fields(const struct deal_body *b, struct deal *d)
{
    if (present(b->title))
        d->title = b->title == IN_VALUE ? b->d.title : NULL;
    if (present(b->description))
        d->description = b->description == IN_VALUE ? b->d.description : NULL;
    if (present(b->amount)) {
        d->has_amount = b->amount == IN_VALUE;
        d->amount = b->d.amount;
    }
    if (present(b->win))
        d->win_status = b->win == IN_VALUE ? b->d.win_status : NULL;
}

static int set_texts(struct call *c, const char *id, enum deal_link k, const char *const *v,
                     size_t n)
{
    struct sql_val *vals = arena_calloc(c->a, n + 1, sizeof(*vals));
    if (!vals)
        return RC_NOMEM;
    for (size_t i = 0; i < n; i++)
        vals[i] = SV_TEXT(v[i]);
    return deal_link_set(c->st, c->ws_id, id, k, vals, n);
}

/* the link arrays present in b replace the deal's sets (null = empty) */
static int apply_links(struct call *c, const struct deal_body *b, const char *id)
{
    const struct deal *x = &b->d;
    int rc = RC_OK;
    if (present(b->assignees))
        rc = set_texts(c, id, DEAL_ASSIGNEES, x->assignees, x->nassignees);
    if (!rc && present(b->organizations))
        rc = set_texts(c, id, DEAL_ORGANIZATIONS, x->organizations, x->norganizations);
    if (!rc && present(b->contacts))
        rc = set_texts(c, id, DEAL_CONTACTS, x->contacts, x->ncontacts);
    if (!rc && present(b->tags)) {
        struct sql_val *vals = arena_calloc(c->a, x->ntags + 1, sizeof(*vals));
        if (!vals)
            return RC_NOMEM;
        for (size_t i = 0; i < x->ntags; i++)
            vals[i] = SV_INT(x->tags[i]);
        rc = deal_link_set(c->st, c->ws_id, id, DEAL_TAGS, vals, x->ntags);
    }
    return rc;
}

static int reply_deal(struct call *c, const char *id)
{
    struct deal d;
    int rc = deal_get(c->st, c->a, c->ws_id, id, &d);
    return rc ? rc : call_write(c, &d, sizeof(d), deal_write);
}

int crm_deals_create(struct call *c)
{
    struct funnel_status s;
    struct deal_body b;
    const char *sid;
    /* the status and its top key in one exchange */
    int rc = crm_param_slug(c, "statusId", &sid);
    if (!rc)
        rc = deal_place_ahead(c->st, c->a, c->ws_id, NULL, sid, true);
    if (!rc)
        rc = crm_status_from_path(c, &s);
    if (!rc)
        rc = read_body(c, &b, true);
    if (rc)
        return rc;
    b.d.funnel_id = s.funnel_id;
    b.d.status_id = s.id;
    b.d.creator_id = c->user_id;
    rc = deal_create(c->st, c->a, c->ws_id, &b.d);
    if (!rc)
        rc = cf_apply_deal(c, b.d.id);
    return rc ? rc : reply_deal(c, b.d.id);
}

int crm_deals_get(struct call *c)
{
    const char *id;
    int rc = crm_param_slug(c, "id", &id);
    return rc ? rc : reply_deal(c, id);
}

/* PUT (links false) and PATCH (links true) */
static int update(struct call *c, bool links)
{
    struct deal d;
    struct deal_body b;
    int rc = crm_deal_from_path(c, "id", &d);
    if (!rc)
        rc = read_body(c, &b, links);
    if (rc)
        return rc;
    apply_fields(&b, &d);
    rc = deal_update_fields(c->st, c->ws_id, &d);
    if (!rc && links)
        rc = apply_links(c, &b, d.id);
    /* Decision (custom_fields.md): PUT applies customFields too (the spec lists it on both
     * bodies) */
    if (!rc)
        rc = cf_apply_deal(c, d.id);
    return rc;
}

int crm_deals_update(struct call *c)
{
    int rc = update(c, false);
    if (rc)
        return rc;
    const char *id;
    rc = crm_param_slug(c, "id", &id);
    return rc ? rc : reply_deal(c, id);
}

int crm_deals_patch(struct call *c)
{
    int rc = update(c, true);
    const char *id;
    if (!rc)
        rc = crm_param_slug(c, "id", &id);
    if (rc)
        return rc;
    /* spec: the docs answer {success}; the vendor PHP client parses `deal` (crm-notes §9.5) */
    struct deal d;
    rc = deal_get(c->st, c->a, c->ws_id, id, &d);
    if (rc)
        return rc;
    c->extra = json_pack("{s:o}", "deal", jv_written(c, &d, deal_write));
    return c->extra ? RC_OK : RC_NOMEM;
}

int crm_deals_delete(struct call *c)
{
    struct deal d;
    int rc = crm_deal_from_path(c, "id", &d);
    return rc ? rc : deal_delete(c->st, c->ws_id, &d);
}

/* ---- places ------------------------------------------------------------------------------ */

/* a status id from the body: "The selected <field> is invalid." unless it names a status of
 * the workspace (and, with funnel_id, of that funnel) */
static int ref_status(struct call *c, const char *field, const char *id, const char *funnel_id,
                      struct funnel_status *out)
{
    int rc = status_find(c->st, c->a, c->ws_id, id, out);
    if (!rc && funnel_id && strcmp(out->funnel_id, funnel_id) != 0)
        rc = RC_NOTFOUND;
    return rc == RC_NOTFOUND ? input_invalid_id(c, field) : rc;
}

int crm_deals_move(struct call *c)
{
    struct deal d;
    /* the deal, the status named and its top key in one exchange */
    const char *id;
    const json_t *to = c->body ? json_object_get(c->body, "statusId") : NULL;
    const json_t *after_v = c->body ? json_object_get(c->body, "previousDealId") : NULL;
    int rc = crm_param_slug(c, "id", &id);
    if (!rc && json_is_string(to))
        rc = deal_place_ahead(c->st, c->a, c->ws_id, id, json_string_value(to),
                              !after_v || json_is_null(after_v));
    if (!rc)
        rc = crm_deal_from_path(c, "id", &d);
    if (rc)
        return rc;
    const char *status_id = NULL, *after = NULL;
    crm_input_slug(c, "statusId", IN_NULLABLE, &status_id);
    crm_input_slug(c, "previousDealId", IN_NULLABLE, &after);
    rc = call_check(c);
    struct funnel_status s;
    /* spec: "move a deal within the funnel" — another funnel's status is 422 */
    if (!rc && status_id)
        rc = ref_status(c, "statusId", status_id, d.funnel_id, &s);
    if (rc)
        return rc;
    rc = deal_move(c->st, c->a, c->ws_id, &d, d.funnel_id, status_id ? status_id : d.status_id,
                   after);
    return rc == RC_NOTFOUND ? input_invalid_id(c, "previousDealId") : rc;
}

/* the deal the path names and the required slug field of a move's body */
static int deal_and_target(struct call *c, const char *field, struct deal *d, const char **target)
{
    int rc = crm_deal_from_path(c, "id", d);
    if (rc)
        return rc;
    *target = NULL;
    crm_input_slug(c, field, IN_REQUIRED, target);
    return call_check(c);
}

int crm_deals_funnel(struct call *c)
{
    struct deal d;
    const char *funnel_id;
    int rc = deal_and_target(c, "funnelId", &d, &funnel_id);
    struct funnel f;
    struct funnel_status *s;
    size_t n = 0;
    if (!rc) {
        rc = funnel_find(c->st, c->a, c->ws_id, funnel_id, &f);
        if (rc == RC_NOTFOUND)
            return input_invalid_id(c, "funnelId");
    }
    if (!rc)
        rc = status_list(c->st, c->a, c->ws_id, f.id, &s, &n);
    if (rc)
        return rc;
    if (strcmp(f.id, d.funnel_id) == 0)
        return RC_OK; /* already there: stays where it is */
    /* Decision (crm.md): on top of the new funnel's first status (every funnel has one) */
    return n ? deal_move(c->st, c->a, c->ws_id, &d, f.id, s[0].id, NULL) : RC_INTERNAL;
}

int crm_deals_status(struct call *c)
{
    struct deal d;
    const char *status_id;
    int rc = deal_and_target(c, "statusId", &d, &status_id);
    struct funnel_status s;
    if (!rc)
        rc = ref_status(c, "statusId", status_id, NULL, &s);
    if (rc)
        return rc;
    if (strcmp(s.id, d.status_id) == 0)
        return RC_OK; /* already there: keeps its place */
    /* Decision (crm.md): any status of the workspace; the deal's funnel follows; on top */
    return deal_move(c->st, c->a, c->ws_id, &d, s.funnel_id, s.id, NULL);
}
