/* contact_json.h — the CRM's Contact and Organization objects built from model/contact.h
 * and model/organization.h: presenters (api/pipeline/call.h present_fn). Times are
 * "YYYY-MM-DDTHH:MM:SSZ" (UTC, crm-notes §7). NULL only when memory runs out. */
#ifndef API_CONTACT_JSON_H
#define API_CONTACT_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

struct crm_item;

/* item is a const struct contact * */
json_t *contact_json(const struct call *c, const void *item);
/* item is a const struct organization *; `responsibleId` is the first of `responsibles` */
json_t *organization_json(const struct call *c, const void *item);
/* An address, email or phone of either: {"id": …, key: value} (key "address", "email",
 * "phone") */
json_t *crm_item_json(const struct crm_item *item, const char *key);

#endif
