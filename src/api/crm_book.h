/* crm_book.h — what the organization and contact handlers (crm_organizations.c,
 * crm_contacts.c, crm_items.c, crm_links.c) share: uuid path ids, the address/email/phone
 * rules and reference checks against the workspace (their lists' query string:
 * api/crm_query.h; their objects: api/contact_json.h). Private to src/api/. */
#ifndef API_CRM_BOOK_H
#define API_CRM_BOOK_H

#include "api/call.h"
#include "api/input.h"
#include "model/crm_item.h"

/* What a value must look like (crm.md): a plain text, an email or a phone. */
enum crm_value { CRM_TEXT, CRM_EMAIL, CRM_PHONE };

/* The path parameter `name` as a lower-case uuid; RC_NOTFOUND when it is not one (it can
 * name nothing). */
int crm_path_uuid(struct call *c, const char *name, const char **out);

/* One value of the given form, at most CRM_VALUE_MAX characters; errors on field. */
enum input_state crm_input_value(struct call *c, const char *field, unsigned flags,
                                 enum crm_value form, const char **out);
/* An array of such values (null or "" = an empty set), errors keyed "<field>.<i>". out->set
 * tells whether the key was sent. */
enum input_state crm_input_values(struct call *c, const char *field, enum crm_value form,
                                  struct crm_texts *out);
/* Arrays of uuids / tag ids (null = an empty set); set as above. */
enum input_state crm_input_uuids(struct call *c, const char *field, struct crm_texts *out);
enum input_state crm_input_tag_ids(struct call *c, const char *field, struct crm_ids *out);

/* Every id must name a member / tag / organization / contact of the workspace: 422
 * "The selected <field>.<i> is invalid." otherwise. RC_OK, RC_INVALID or a store rc. */
int crm_check_members(struct call *c, const char *field, const struct crm_texts *ids);
int crm_check_tags(struct call *c, const char *field, const struct crm_ids *ids);
int crm_check_organizations(struct call *c, const char *field, const struct crm_texts *ids);
int crm_check_contacts(struct call *c, const char *field, const struct crm_texts *ids);

/* The body of the tag routes: `tagId` (documented) or `tag` (as deals have it), an id of a
 * workspace tag. RC_OK or RC_INVALID (recorded) or a store rc. */
int crm_read_tag(struct call *c, int64_t *tag);

#endif
