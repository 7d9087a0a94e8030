/* organization.c — see organization.h. An organization's related rows come back from one
 * UNION query (organization_related), so a page of n organizations costs n + 1 queries. */
#include "model/organization.h"
#include "model/list_query.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/search.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field ORGANIZATION_ROW[] = {
    ROW_FIELDS(struct organization, ROW_TEXT, id, name, creator_id),
    ROW_FIELDS(struct organization, ROW_INT, created_at, updated_at),
};

static void organization_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, ORGANIZATION_ROW, ARRAY_LEN(ORGANIZATION_ROW), sizeof(struct organization), out);
}

static const struct crm_rel ORGANIZATION_RELS[] = {
    CRM_REL(struct organization, 'a', CRM_REL_ITEM, addresses, naddresses),
    CRM_REL(struct organization, 'c', CRM_REL_ID, contacts, ncontacts),
    CRM_REL(struct organization, 'e', CRM_REL_ITEM, emails, nemails),
    CRM_REL(struct organization, 'p', CRM_REL_ITEM, phones, nphones),
    CRM_REL(struct organization, 'r', CRM_REL_ID, responsibles, nresponsibles),
    CRM_REL(struct organization, 't', CRM_REL_TAG, tags, ntags),
};

static const struct crm_owner ORGANIZATION = {
    Q_ORGANIZATION_GET,        Q_ORGANIZATION_RELATED, Q_ORGANIZATION_TAG_ADD,
    Q_ORGANIZATION_TAG_REMOVE, Q_ORGANIZATION_TOUCH,   sizeof(struct organization),
    organization_from_row,     ORGANIZATION_RELS,      ARRAY_LEN(ORGANIZATION_RELS),
};
_Static_assert(offsetof(struct organization, id) == 0, "crm_owner_list reads the id first");

/* the order fragment of each enum crm_sort */
static const enum sql_frag_id ORGANIZATION_ORDER[] = {
    [CRM_SORT_CREATED] = SQLF_ORGANIZATION_LIST_ORDER_CREATED,
    [CRM_SORT_NAME] = SQLF_ORGANIZATION_LIST_ORDER_NAME,
    [CRM_SORT_NAME_DESC] = SQLF_ORGANIZATION_LIST_ORDER_NAME_DESC,
    [CRM_SORT_UPDATED] = SQLF_ORGANIZATION_LIST_ORDER_UPDATED,
    [CRM_SORT_UPDATED_DESC] = SQLF_ORGANIZATION_LIST_ORDER_UPDATED_DESC,
};

int organization_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                          const struct organization_filter *f, struct list_query *q)
{
    lq_begin(q, st, a, ws_id, 8, SQLF_ORGANIZATION_LIST_HEAD);
    lq_search(q, SQLF_ORGANIZATION_LIST_SEARCH, f->search);
    lq_any_texts(q, SQLF_ORGANIZATION_LIST_RESPONSIBLES, f->responsibles, f->nresponsibles);
    lq_any_texts(q, SQLF_ORGANIZATION_LIST_CONTACTS, f->contacts, f->ncontacts);
    lq_any_ints(q, SQLF_ORGANIZATION_LIST_TAGS, f->tags, f->ntags);
    lq_put0(q, (unsigned)f->sort < ARRAY_LEN(ORGANIZATION_ORDER)
                   ? ORGANIZATION_ORDER[f->sort]
                   : SQLF_ORGANIZATION_LIST_ORDER_CREATED);
    return lq_end(q, f->limit, f->offset);
}

int organization_list(struct store *st, struct arena *a, int64_t ws_id,
                      const struct organization_filter *f, struct organization **out, size_t *n,
                      bool *has_more)
{
    struct list_query q;
    int rc = organization_list_sql(st, a, ws_id, f, &q);
    return rc ? rc : crm_owner_list(&q, &ORGANIZATION, ws_id, f->limit, (void **)out, n, has_more);
}

int organization_exists(struct store *st, struct arena *a, int64_t ws_id, const char *id)
{
    return crm_owner_exists(st, a, &ORGANIZATION, ws_id, id);
}

int organization_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                     struct organization *out)
{
    return crm_owner_get(st, a, &ORGANIZATION, ws_id, id, out);
}

int organization_touch(struct store *st, int64_t ws_id, const char *id)
{
    return touch_row(st, Q_ORGANIZATION_TOUCH, ws_id, SV_TEXT(id));
}

int organization_link_contact(struct store *st, int64_t ws_id, const char *org, const char *contact,
                              bool attach)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(org), SV_TEXT(contact)};
    int64_t changed = 0;
    int rc = store_exec(st, attach ? Q_ORGANIZATION_CONTACT_ADD : Q_ORGANIZATION_CONTACT_REMOVE,
                        args, 3, &changed);
    if (!rc && changed)
        rc = organization_touch(st, ws_id, org);
    if (!rc && changed) {
        struct sql_val targs[] = {SV_INT(ws_id), SV_TEXT(contact), SV_INT(clock_now_ms())};
        rc = store_exec(st, Q_CONTACT_TOUCH, targs, 3, NULL);
    }
    return rc;
}

int organization_tag(struct store *st, int64_t ws_id, const char *id, int64_t tag, bool attach)
{
    return crm_owner_tag(st, &ORGANIZATION, ws_id, id, tag, attach);
}

/* replace each list the input sets; cur is the organization before (NULL on create) */
static int apply_lists(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                       const struct organization *cur, const struct organization_input *in)
{
    static const struct organization none;
    if (!cur)
        cur = &none;
    struct sql_val owner[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = RC_OK;
    if (in->responsibles.set) {
        rc = store_exec(st, Q_ORGANIZATION_RESPONSIBLES_CLEAR, owner, 2, NULL);
        for (size_t i = 0; !rc && i < in->responsibles.n; i++) {
            struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_TEXT(in->responsibles.v[i])};
            rc = store_exec(st, Q_ORGANIZATION_RESPONSIBLE_ADD, args, 3, NULL);
        }
    }
    if (!rc && in->addresses.set)
        rc = crm_item_replace(st, a, ws_id, CRM_ORG_ADDRESS, id, cur->addresses, cur->naddresses,
                              in->addresses.v, in->addresses.n);
    if (!rc && in->emails.set)
        rc = crm_item_replace(st, a, ws_id, CRM_ORG_EMAIL, id, cur->emails, cur->nemails,
                              in->emails.v, in->emails.n);
    if (!rc && in->phones.set)
        rc = crm_item_replace(st, a, ws_id, CRM_ORG_PHONE, id, cur->phones, cur->nphones,
                              in->phones.v, in->phones.n);
    if (!rc && in->contacts.set) {
        rc = store_exec(st, Q_ORGANIZATION_CONTACTS_CLEAR, owner, 2, NULL);
        for (size_t i = 0; !rc && i < in->contacts.n; i++)
            rc = organization_link_contact(st, ws_id, id, in->contacts.v[i], true);
    }
    if (!rc && in->tags.set) {
        rc = store_exec(st, Q_ORGANIZATION_TAGS_CLEAR, owner, 2, NULL);
        for (size_t i = 0; !rc && i < in->tags.n; i++)
            rc = organization_tag(st, ws_id, id, in->tags.v[i], true);
    }
    return rc;
}

int organization_create(struct store *st, struct arena *a, int64_t ws_id, const char *creator,
                        const struct organization_input *in, const char **id)
{
    const char *copy;
    int rc = new_uuid(a, &copy);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(copy), SV_TEXT(in->name), SV_TEXT(creator),
                             SV_INT(clock_now_ms())};
    rc = store_exec(st, Q_ORGANIZATION_INSERT, args, ARRAY_LEN(args), NULL);
    if (!rc)
        rc = store_search_refresh(st, SEARCH_ORGANIZATION, ws_id, SV_TEXT(copy));
    if (!rc)
        rc = apply_lists(st, a, ws_id, copy, NULL, in);
    if (!rc)
        *id = copy;
    return rc;
}

int organization_update(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                        const struct organization_input *in)
{
    struct organization cur;
    int rc = organization_get(st, a, ws_id, id, &cur);
    if (rc)
        return rc;
    if (in->name) {
        struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_TEXT(in->name),
                                 SV_INT(clock_now_ms())};
        rc = exec_one(st, Q_ORGANIZATION_UPDATE, args, ARRAY_LEN(args));
        if (!rc)
            rc = store_search_refresh(st, SEARCH_ORGANIZATION, ws_id, SV_TEXT(id));
    } else {
        rc = organization_touch(st, ws_id, id);
    }
    return rc ? rc : apply_lists(st, a, ws_id, id, &cur, in);
}

int organization_delete(struct store *st, int64_t ws_id, const char *id)
{
    return ws_exec_one(st, Q_ORGANIZATION_DELETE, ws_id, SV_TEXT(id));
}
