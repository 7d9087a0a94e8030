/* crm_organizations.c — /crm/organizations: list (search, responsible[], contacts[], tags[],
 * sort, limit/offset with hasMore), create, get, update, delete. Sub-objects are in
 * crm_items.c, contact and tag links in crm_links.c.
 * Decisions (docs/internals/crm.md): `name` is required on create (the object's name is
 * never null); PUT is partial and every array sent replaces its set; `responsibles` in,
 * `responsibleId` (the first) and `responsibles` out; `contacts` and `tags` are accepted
 * in the body too (the object carries both). customFields[N][…] filters (issue 6) are
 * accepted and ignored. */
#include "api/pipeline/handlers.h"
#include "api/crm/crm_book.h"
#include "api/present/contact_json.h"
#include "model/organization.h"
#include "core/common.h"

/* c->payload = the organization as stored now */
static int reply(struct call *c, const char *id)
{
    struct organization o;
    int rc = organization_get(c->st, c->a, c->ws_id, id, &o);
    return rc ? rc : call_reply(c, organization_json(c, &o));
}

int crm_organizations_list(struct call *c)
{
    struct organization_filter f = {0};
    struct crm_texts resp, contacts;
    struct crm_ids tags;
    input_string(c, "search", 0, 255, &f.search);
    crm_input_uuids(c, "responsible", &resp);
    crm_input_uuids(c, "contacts", &contacts);
    crm_input_tag_ids(c, "tags", &tags);
    crm_read_page(c, &f.sort, &f.limit, &f.offset);
    int rc = call_check(c);
    if (rc)
        return rc;
    f.responsibles = resp.v;
    f.nresponsibles = resp.n;
    f.contacts = contacts.v;
    f.ncontacts = contacts.n;
    f.tags = tags.v;
    f.ntags = tags.n;
    struct organization *o;
    size_t n;
    bool more;
    rc = organization_list(c->st, c->a, c->ws_id, &f, &o, &n, &more);
    /* spec: not documented for these lists; the vendor PHP client reads `hasMore` */
    return rc ? rc : call_page(c, o, n, sizeof(*o), organization_json, "hasMore", more);
}

/* the body of create (name required) and update (name optional, not null) */
static int read_input(struct call *c, struct organization_input *in, bool create)
{
    input_string(c, "name", create ? IN_REQUIRED : IN_NOTNULL, CRM_NAME_MAX, &in->name);
    crm_input_uuids(c, "responsibles", &in->responsibles);
    crm_input_values(c, "addresses", CRM_TEXT, &in->addresses);
    crm_input_values(c, "emails", CRM_EMAIL, &in->emails);
    crm_input_values(c, "phones", CRM_PHONE, &in->phones);
    crm_input_uuids(c, "contacts", &in->contacts);
    crm_input_tag_ids(c, "tags", &in->tags);
    /* ids are looked up only once their form is right (crm_input_uuids gives none
     * otherwise), and all are reported together */
    int rc = c->rc;
    if (!rc)
        rc =
            input_refs(c, REF_MEMBER, "responsibles", in->responsibles.v, in->responsibles.n, NULL);
    if (!rc)
        rc = input_refs(c, REF_CONTACT, "contacts", in->contacts.v, in->contacts.n, NULL);
    if (!rc)
        rc = input_refs(c, REF_TAG, "tags", in->tags.v, in->tags.n, NULL);
    return rc ? rc : call_check(c);
}

int crm_organizations_create(struct call *c)
{
    struct organization_input in = {0};
    int rc = read_input(c, &in, true);
    const char *id;
    if (!rc)
        rc = organization_create(c->st, c->a, c->ws_id, c->user_id, &in, &id);
    return rc ? rc : reply(c, id);
}

static int load(struct call *c, const char **id)
{
    int rc = call_param_uuid(c, "id", id);
    return rc ? rc : organization_exists(c->st, c->a, c->ws_id, *id);
}

int crm_organizations_get(struct call *c)
{
    const char *id;
    int rc = call_param_uuid(c, "id", &id);
    return rc ? rc : reply(c, id);
}

int crm_organizations_update(struct call *c)
{
    const char *id;
    struct organization_input in = {0};
    int rc = load(c, &id);
    if (!rc)
        rc = read_input(c, &in, false);
    if (!rc)
        rc = organization_update(c->st, c->a, c->ws_id, id, &in);
    return rc ? rc : reply(c, id);
}

int crm_organizations_delete(struct call *c)
{
    const char *id;
    int rc = call_param_uuid(c, "id", &id);
    return rc ? rc : organization_delete(c->st, c->ws_id, id);
}
