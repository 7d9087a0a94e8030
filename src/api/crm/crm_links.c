/* crm_links.c — relation routes of the address book: organization <-> contact
 * ({contactId}) and tags of organizations and contacts ({tagId}, or {tag} as deals have
 * it). POST attaches, DELETE (same body) detaches; attaching twice or detaching what is not
 * attached is a no-op; an id naming nothing in the workspace is 422 "The selected … is
 * invalid." (crm.md). All answer {"success":true}. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/input_compound.h"
#include "api/crm/crm_book.h"
#include "model/contact.h"
#include "model/organization.h"
#include "core/common.h"

static int load_org(struct call *c, const char **id)
{
    int rc = call_param_uuid(c, "organizationId", id);
    return rc ? rc : organization_exists(c->st, c->a, c->ws_id, *id);
}

static int load_contact(struct call *c, const char **id)
{
    int rc = call_param_uuid(c, "contactId", id);
    return rc ? rc : contact_exists(c->st, c->a, c->ws_id, *id);
}

int crm_org_contacts_link(struct call *c)
{
    bool attach = call_arg(c) & ATTACH;
    const char *org, *contact = NULL;
    int rc = load_org(c, &org);
    if (rc)
        return rc;
    if (input_uuid(c, "contactId", IN_REQUIRED, &contact) == IN_VALUE) {
        rc = contact_exists(c->st, c->a, c->ws_id, contact);
        if (rc == RC_NOTFOUND)
            rc = input_invalid_id(c, "contactId");
        if (rc)
            return rc;
    }
    rc = call_check(c);
    return rc ? rc : organization_link_contact(c->st, c->ws_id, org, contact, attach);
}

/* attach or detach the body's tag of the owner load finds; tag is the owner's model call */
static int tags_link(struct call *c, int (*load)(struct call *, const char **),
                     int (*tag)(struct store *, int64_t, const char *, int64_t, bool))
{
    const char *id;
    int64_t t;
    int rc = load(c, &id);
    if (!rc)
        rc = crm_read_tag(c, &t);
    return rc ? rc : tag(c->st, c->ws_id, id, t, call_arg(c) & ATTACH);
}

int crm_org_tags_link(struct call *c)
{
    return tags_link(c, load_org, organization_tag);
}

int crm_contact_tags_link(struct call *c)
{
    return tags_link(c, load_contact, contact_tag);
}
