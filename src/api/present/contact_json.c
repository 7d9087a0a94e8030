/* contact_json.c — see contact_json.h. */
#include "api/present/contact_json.h"
#include "api/pipeline/json_util.h"
#include "model/contact.h"
#include "model/organization.h"

json_t *crm_item_json(const struct crm_item *item, const char *key)
{
    return json_pack("{s:s, s:s}", "id", item->id, key, item->value);
}

/* [{"id": …, key: value}, …]: addresses, emails, phones */
static json_t *items_json(const struct crm_item *items, size_t n, const char *key)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, crm_item_json(&items[i], key))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

json_t *contact_json(const struct call *c, const void *item)
{
    const struct contact *k = item;
    (void)c;
    return json_pack("{s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", k->id,
                     "creatorId", k->creator_id, "lastName", jv_opt_text(k->last_name), "firstName",
                     k->first_name, "middleName", jv_opt_text(k->middle_name), "organizations",
                     jv_texts(k->organizations, k->norganizations), "emails",
                     items_json(k->emails, k->nemails, "email"), "phones",
                     items_json(k->phones, k->nphones, "phone"), "tags", jv_ints(k->tags, k->ntags),
                     "createdAt", jv_time(k->created_at), "updatedAt", jv_time(k->updated_at));
}

json_t *organization_json(const struct call *c, const void *item)
{
    const struct organization *o = item;
    (void)c;
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id", o->id,
                     "creatorId", o->creator_id, "name", o->name, "responsibleId",
                     jv_opt_text(o->nresponsibles ? o->responsibles[0] : NULL), "responsibles",
                     jv_texts(o->responsibles, o->nresponsibles), "addresses",
                     items_json(o->addresses, o->naddresses, "address"), "emails",
                     items_json(o->emails, o->nemails, "email"), "phones",
                     items_json(o->phones, o->nphones, "phone"), "contacts",
                     jv_texts(o->contacts, o->ncontacts), "tags", jv_ints(o->tags, o->ntags),
                     "createdAt", jv_time(o->created_at), "updatedAt", jv_time(o->updated_at));
}
