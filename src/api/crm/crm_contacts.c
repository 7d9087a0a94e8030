/* crm_contacts.c — /crm/contacts: list (search, organizationIds[], sort, limit/offset with
 * hasMore), create, get, update, delete. Sub-objects are in crm_items.c, tag links in
 * crm_links.c.
 * Decisions (docs/internals/crm.md): `firstName` is required on create; PUT is partial
 * (firstName may be left out but not cleared; lastName/middleName null clears them) and
 * every array sent replaces its set; the 2023 body {name, phone, email, organizationId}
 * is not modelled, so it gets the 422 the live API gives (crm-notes §9.13). */
#include "api/pipeline/handlers.h"
#include "api/crm/crm_book.h"
#include "api/present/contact_json.h"
#include "model/contact.h"
#include "core/common.h"

static int reply(struct call *c, const char *id)
{
    struct contact k;
    int rc = contact_get(c->st, c->a, c->ws_id, id, &k);
    return rc ? rc : call_reply(c, contact_json(c, &k));
}

int crm_contacts_list(struct call *c)
{
    struct contact_filter f = {0};
    struct crm_texts orgs;
    input_string(c, "search", 0, 255, &f.search);
    crm_input_uuids(c, "organizationIds", &orgs);
    crm_read_page(c, &f.sort, &f.limit, &f.offset);
    int rc = call_check(c);
    if (rc)
        return rc;
    f.organizations = orgs.v;
    f.norganizations = orgs.n;
    struct contact *k;
    size_t n;
    bool more;
    rc = contact_list(c->st, c->a, c->ws_id, &f, &k, &n, &more);
    /* spec: not documented for these lists; the vendor PHP client reads `hasMore` */
    return rc ? rc : call_page(c, k, n, sizeof(*k), contact_json, "hasMore", more);
}

/* a nullable name: absent = unchanged, null or blank = cleared */
static void read_name(struct call *c, const char *field, const char **out, bool *has)
{
    enum input_state st = input_string(c, field, IN_NULLABLE, CRM_NAME_MAX, out);
    *has = st == IN_VALUE || st == IN_NULL;
    if (st != IN_VALUE)
        *out = NULL;
}

static int read_input(struct call *c, struct contact_input *in, bool create)
{
    input_string(c, "firstName", create ? IN_REQUIRED : IN_NOTNULL, CRM_NAME_MAX, &in->first_name);
    read_name(c, "lastName", &in->last_name, &in->has_last_name);
    read_name(c, "middleName", &in->middle_name, &in->has_middle_name);
    crm_input_uuids(c, "organizations", &in->organizations);
    crm_input_values(c, "emails", CRM_EMAIL, &in->emails);
    crm_input_values(c, "phones", CRM_PHONE, &in->phones);
    crm_input_tag_ids(c, "tags", &in->tags);
    int rc = c->rc;
    if (!rc)
        rc = input_refs(c, REF_ORGANIZATION, "organizations", in->organizations.v,
                        in->organizations.n, NULL);
    if (!rc)
        rc = input_refs(c, REF_TAG, "tags", in->tags.v, in->tags.n, NULL);
    return rc ? rc : call_check(c);
}

int crm_contacts_create(struct call *c)
{
    struct contact_input in = {0};
    int rc = read_input(c, &in, true);
    const char *id;
    if (!rc)
        rc = contact_create(c->st, c->a, c->ws_id, c->user_id, &in, &id);
    return rc ? rc : reply(c, id);
}

int crm_contacts_get(struct call *c)
{
    const char *id;
    int rc = call_param_uuid(c, "id", &id);
    return rc ? rc : reply(c, id);
}

int crm_contacts_update(struct call *c)
{
    const char *id;
    struct contact_input in = {0};
    int rc = call_param_uuid(c, "id", &id);
    if (!rc)
        rc = contact_exists(c->st, c->a, c->ws_id, id);
    if (!rc)
        rc = read_input(c, &in, false);
    if (!rc)
        rc = contact_update(c->st, c->a, c->ws_id, id, &in);
    return rc ? rc : reply(c, id);
}

int crm_contacts_delete(struct call *c)
{
    const char *id;
    int rc = call_param_uuid(c, "id", &id);
    return rc ? rc : contact_delete(c->st, c->ws_id, id);
}
