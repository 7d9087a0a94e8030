/* crm_book.h — what the organization and contact handlers (crm_organizations.c,
 * crm_contacts.c, crm_items.c, crm_links.c) share, implemented in crm_book.c: the
 * address/email/phone rules, the id arrays, and list paging and sorting (their objects:
 * api/present/contact_json.h). Private to src/api/. */
#ifndef API_CRM_BOOK_H
#define API_CRM_BOOK_H

#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "model/crm_item.h"

/* CRM list pages: limit 1..CRM_LIMIT_MAX (default CRM_LIMIT_DEFAULT), offset >= 0. */
#define CRM_LIMIT_DEFAULT 50
#define CRM_LIMIT_MAX     100

/* What a value must look like (crm.md): a plain text, an email or a phone. */
enum crm_value { CRM_TEXT, CRM_EMAIL, CRM_PHONE };

/* One value of the given form, at most CRM_VALUE_MAX characters; errors on field. */
enum input_state crm_input_value(struct call *c, const char *field, unsigned flags,
                                 enum crm_value form, const char **out);
/* An array of such values (null or "" = an empty set), errors keyed "<field>.<i>". out->set
 * tells whether the key was sent. */
enum input_state crm_input_values(struct call *c, const char *field, enum crm_value form,
                                  struct crm_texts *out);
/* Arrays of uuids / tag ids (null = an empty set); set as above. From the body, or from the
 * query string on a GET (api/pipeline/input.h); check them with input_refs. */
enum input_state crm_input_uuids(struct call *c, const char *field, struct crm_texts *out);
enum input_state crm_input_tag_ids(struct call *c, const char *field, struct crm_ids *out);

/* The body of the tag routes: `tagId` (documented) or `tag` (as deals have it), an id of a
 * workspace tag. RC_OK or RC_INVALID (recorded) or a store rc. */
int crm_read_tag(struct call *c, int64_t *tag);

/* limit, offset and sort (alphabet, updatedAt, "-" for descending). */
void crm_read_page(struct call *c, enum crm_sort *sort, int64_t *limit, int64_t *offset);

#endif
