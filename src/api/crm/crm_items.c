/* crm_items.c — addresses, emails and phones of organizations and of contacts: create
 * (answers the sub-object), update (replaces its value, answers it), delete. The owner and
 * the sub-object are looked up before the body is read, so a missing one is always 404;
 * a sub-object of another owner is missing. Values follow the rules of the arrays in the
 * create bodies (crm_book.c). */
#include "api/pipeline/handlers.h"
#include "api/crm/crm_book.h"
#include "api/pipeline/input_compound.h"
#include "api/present/contact_json.h"
#include "model/contact.h"
#include "model/organization.h"
#include "core/common.h"

/* One kind of sub-object as the routes name it. */
struct kind {
    enum crm_item_kind kind;
    const char *owner_param, *item_param, *field;
    enum crm_value form;
    bool contact; /* owned by a contact, else by an organization */
};

/* by the route's argument; spec: the contact phone routes name their parameter contactsId
 * (crm-notes §6) */
static const struct kind KINDS[] = {
    [CRM_ORG_ADDRESS] = {CRM_ORG_ADDRESS, "organizationId", "addressId", "address", CRM_TEXT,
                         false},
    [CRM_ORG_EMAIL] = {CRM_ORG_EMAIL, "organizationId", "emailId", "email", CRM_EMAIL, false},
    [CRM_ORG_PHONE] = {CRM_ORG_PHONE, "organizationId", "phoneId", "phone", CRM_PHONE, false},
    [CRM_CONTACT_EMAIL] = {CRM_CONTACT_EMAIL, "contactId", "emailId", "email", CRM_EMAIL, true},
    [CRM_CONTACT_PHONE] = {CRM_CONTACT_PHONE, "contactsId", "phoneId", "phone", CRM_PHONE, true},
};

static int load_owner(struct call *c, const struct kind *k, const char **owner)
{
    int rc = call_param_uuid(c, k->owner_param, owner);
    if (rc)
        return rc;
    return k->contact ? contact_exists(c->st, c->a, c->ws_id, *owner)
                      : organization_exists(c->st, c->a, c->ws_id, *owner);
}

/* the owner's items of this kind */
static int owner_items(struct call *c, const struct kind *k, const char *owner,
                       const struct crm_item **items, size_t *n)
{
    int rc;
    if (k->contact) {
        struct contact ct;
        rc = contact_get(c->st, c->a, c->ws_id, owner, &ct);
        *items = k->kind == CRM_CONTACT_EMAIL ? ct.emails : ct.phones;
        *n = k->kind == CRM_CONTACT_EMAIL ? ct.nemails : ct.nphones;
    } else {
        struct organization o;
        rc = organization_get(c->st, c->a, c->ws_id, owner, &o);
        *items = k->kind == CRM_ORG_ADDRESS ? o.addresses
                 : k->kind == CRM_ORG_EMAIL ? o.emails
                                            : o.phones;
        *n = k->kind == CRM_ORG_ADDRESS ? o.naddresses
             : k->kind == CRM_ORG_EMAIL ? o.nemails
                                        : o.nphones;
    }
    return rc;
}

/* the owner's item named by the path, with its current value */
static int load_item(struct call *c, const struct kind *k, const char **owner, const char **id)
{
    int rc = load_owner(c, k, owner);
    if (!rc)
        rc = call_param_uuid(c, k->item_param, id);
    if (rc)
        return rc;
    const struct crm_item *items;
    size_t n;
    if ((rc = owner_items(c, k, *owner, &items, &n)))
        return rc;
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].id, *id) == 0)
            return RC_OK;
    return RC_NOTFOUND;
}

static int reply(struct call *c, const struct kind *k, const struct crm_item *item)
{
    c->payload = crm_item_json(item, k->field);
    return c->payload ? RC_OK : call_fail(c, RC_NOMEM, NULL);
}

int crm_items_create(struct call *c)
{
    const struct kind *k = &KINDS[call_arg(c)];
    const char *owner, *value = NULL;
    int rc = load_owner(c, k, &owner);
    if (rc)
        return rc;
    crm_input_value(c, k->field, IN_REQUIRED, k->form, &value);
    rc = call_check(c);
    const struct crm_item *items;
    size_t n = 0;
    if (!rc)
        rc = owner_items(c, k, owner, &items, &n);
    /* one more may not pass the cap the create and update bodies have (issue 13 item 9) */
    if (!rc && n >= INPUT_ITEMS_MAX)
        rc = call_invalid(c, k->field, "The %s must not have more than %d items.",
                          k->kind == CRM_ORG_ADDRESS                                 ? "addresses"
                          : k->kind == CRM_ORG_EMAIL || k->kind == CRM_CONTACT_EMAIL ? "emails"
                                                                                     : "phones",
                          INPUT_ITEMS_MAX);
    struct crm_item item;
    if (!rc)
        rc = crm_item_add(c->st, c->a, c->ws_id, k->kind, owner, value, &item);
    return rc ? rc : reply(c, k, &item);
}

int crm_items_update(struct call *c)
{
    const struct kind *k = &KINDS[call_arg(c)];
    const char *owner, *id, *value = NULL;
    int rc = load_item(c, k, &owner, &id);
    if (rc)
        return rc;
    crm_input_value(c, k->field, IN_REQUIRED, k->form, &value);
    rc = call_check(c);
    if (!rc)
        rc = crm_item_update(c->st, c->ws_id, k->kind, owner, id, value);
    struct crm_item item = {id, value};
    return rc ? rc : reply(c, k, &item);
}

int crm_items_delete(struct call *c)
{
    const struct kind *k = &KINDS[call_arg(c)];
    const char *owner, *id;
    int rc = load_item(c, k, &owner, &id);
    return rc ? rc : crm_item_delete(c->st, c->ws_id, k->kind, owner, id);
}
