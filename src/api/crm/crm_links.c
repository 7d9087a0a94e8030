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

/* Linking one more (not linked yet) keeps a list within the cap of the create body's array
 * (issue 13 item 9): else 422 on field. there: the id is in the list already. */
static int check_room(struct call *c, const char *field, const char *list, size_t n, bool there)
{
    if (there || n < INPUT_ITEMS_MAX)
        return RC_OK;
    return call_invalid(c, field, "The %s must not have more than %d items.", list,
                        INPUT_ITEMS_MAX);
}

static bool has_text(const char *const *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], id) == 0)
            return true;
    return false;
}

static bool has_int(const int64_t *v, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == id)
            return true;
    return false;
}

/* room in an owner's list of linked ids (named list) for id, or in its tags for tag when id
 * is NULL */
static int list_room(struct call *c, const char *list, const char *const *ids, size_t nids,
                     const char *id, const int64_t *tags, size_t ntags, int64_t tag)
{
    return id ? check_room(c, "contactId", list, nids, has_text(ids, nids, id))
              : check_room(c, "tagId", "tags", ntags, has_int(tags, ntags, tag));
}

static int org_room(struct call *c, const char *org, const char *contact, int64_t tag)
{
    struct organization o;
    int rc = organization_get(c->st, c->a, c->ws_id, org, &o);
    return rc ? rc
              : list_room(c, "contacts", o.contacts, o.ncontacts, contact, o.tags, o.ntags, tag);
}

static int contact_room(struct call *c, const char *contact, const char *org, int64_t tag)
{
    struct contact k;
    int rc = contact_get(c->st, c->a, c->ws_id, contact, &k);
    return rc ? rc
              : list_room(c, "organizations", k.organizations, k.norganizations, org, k.tags,
                          k.ntags, tag);
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
    if (!rc && attach && !(rc = org_room(c, org, contact, 0)))
        rc = contact_room(c, contact, org, 0);
    return rc ? rc : organization_link_contact(c->st, c->ws_id, org, contact, attach);
}

/* a tag link of an organization or a contact: load the owner, read the tag, check there is
 * room for one more when attaching (the caps, README Limits), link or unlink */
static int tags_link(struct call *c, int (*load)(struct call *, const char **),
                     int (*room)(struct call *, const char *, const char *, int64_t),
                     int (*tag)(struct store *, int64_t, const char *, int64_t, bool))
{
    bool attach = call_arg(c) & ATTACH;
    const char *id;
    int64_t t = 0;
    int rc = load(c, &id);
    if (!rc)
        rc = crm_read_tag(c, &t);
    if (!rc && attach)
        rc = room(c, id, NULL, t);
    return rc ? rc : tag(c->st, c->ws_id, id, t, attach);
}

int crm_org_tags_link(struct call *c)
{
    return tags_link(c, load_org, org_room, organization_tag);
}

int crm_contact_tags_link(struct call *c)
{
    return tags_link(c, load_contact, contact_room, contact_tag);
}
