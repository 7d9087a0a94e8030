/* contact.c — see contact.h. Related rows come back from one UNION query (contact_related);
 * a contact's organizations are the organization <-> contact links, so attaching from
 * either side shows on both. */
#include "model/contact.h"
#include "model/list_query.h"
#include "model/organization.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/search.h"
#include "store/store.h"
#include <stdio.h>

#include "core/common.h"

/* room for a contact id as a JSON string (ids are 16 characters) */
#define CONTACT_ID_JSON_MAX 80

static const struct row_field CONTACT_ROW[] = {
    ROW_FIELDS(struct contact, ROW_TEXT, id, first_name, last_name, middle_name, creator_id),
    ROW_FIELDS(struct contact, ROW_INT, created_at, updated_at),
};

static void contact_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, CONTACT_ROW, ARRAY_LEN(CONTACT_ROW), sizeof(struct contact), out);
}

static const struct crm_rel CONTACT_RELS[] = {
    CRM_REL(struct contact, 'e', CRM_REL_ITEM, emails, nemails),
    CRM_REL(struct contact, 'o', CRM_REL_ID, organizations, norganizations),
    CRM_REL(struct contact, 'p', CRM_REL_ITEM, phones, nphones),
    CRM_REL(struct contact, 't', CRM_REL_TAG, tags, ntags),
};

static const struct crm_owner CONTACT = {
    Q_CONTACT_GET,        Q_CONTACT_RELATED, Q_CONTACT_TAG_ADD,
    Q_CONTACT_TAG_REMOVE, Q_CONTACT_TOUCH,   sizeof(struct contact),
    contact_from_row,     CONTACT_RELS,      ARRAY_LEN(CONTACT_RELS),
};
_Static_assert(offsetof(struct contact, id) == 0, "crm_owner_list reads the id first");

/* the order fragment of each enum crm_sort */
static const enum sql_frag_id CONTACT_ORDER[] = {
    [CRM_SORT_CREATED] = SQLF_CONTACT_LIST_ORDER_CREATED,
    [CRM_SORT_NAME] = SQLF_CONTACT_LIST_ORDER_NAME,
    [CRM_SORT_NAME_DESC] = SQLF_CONTACT_LIST_ORDER_NAME_DESC,
    [CRM_SORT_UPDATED] = SQLF_CONTACT_LIST_ORDER_UPDATED,
    [CRM_SORT_UPDATED_DESC] = SQLF_CONTACT_LIST_ORDER_UPDATED_DESC,
};

int contact_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                     const struct contact_filter *f, struct list_query *q)
{
    lq_begin(q, st, a, ws_id, 8, SQLF_CONTACT_LIST_HEAD);
    lq_search(q, SQLF_CONTACT_LIST_SEARCH, f->search);
    lq_any_texts(q, SQLF_CONTACT_LIST_ORGANIZATIONS, f->organizations, f->norganizations);
    lq_put0(q, (unsigned)f->sort < ARRAY_LEN(CONTACT_ORDER) ? CONTACT_ORDER[f->sort]
                                                            : SQLF_CONTACT_LIST_ORDER_CREATED);
    return lq_end(q, f->limit, f->offset);
}

int contact_list(struct store *st, struct arena *a, int64_t ws_id, const struct contact_filter *f,
                 struct contact **out, size_t *n, bool *has_more)
{
    struct list_query q;
    int rc = contact_list_sql(st, a, ws_id, f, &q);
    return rc ? rc : crm_owner_list(&q, &CONTACT, ws_id, f->limit, (void **)out, n, has_more);
}

int contact_exists(struct store *st, struct arena *a, int64_t ws_id, const char *id)
{
    return crm_owner_exists(st, a, &CONTACT, ws_id, id);
}

int contact_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct contact *out)
{
    return crm_owner_get(st, a, &CONTACT, ws_id, id, out);
}

int contact_touch(struct store *st, int64_t ws_id, const char *id)
{
    return touch_row(st, Q_CONTACT_TOUCH, ws_id, SV_TEXT(id));
}

int contact_tag(struct store *st, int64_t ws_id, const char *id, int64_t tag, bool attach)
{
    return crm_owner_tag(st, &CONTACT, ws_id, id, tag, attach);
}

/* replace each list the input sets; cur is the contact before (NULL on create) */
static int apply_lists(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                       const struct contact *cur, const struct contact_input *in)
{
    static const struct contact none;
    if (!cur)
        cur = &none;
    struct sql_val owner[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = RC_OK;
    if (in->organizations.set) {
        rc = store_exec(st, Q_CONTACT_ORGANIZATIONS_CLEAR, owner, 2, NULL);
        for (size_t i = 0; !rc && i < in->organizations.n; i++)
            rc = organization_link_contact(st, ws_id, in->organizations.v[i], id, true);
    }
    if (!rc && in->emails.set)
        rc = crm_item_replace(st, a, ws_id, CRM_CONTACT_EMAIL, id, cur->emails, cur->nemails,
                              in->emails.v, in->emails.n);
    if (!rc && in->phones.set)
        rc = crm_item_replace(st, a, ws_id, CRM_CONTACT_PHONE, id, cur->phones, cur->nphones,
                              in->phones.v, in->phones.n);
    if (!rc && in->tags.set) {
        rc = store_exec(st, Q_CONTACT_TAGS_CLEAR, owner, 2, NULL);
        for (size_t i = 0; !rc && i < in->tags.n; i++)
            rc = contact_tag(st, ws_id, id, in->tags.v[i], true);
    }
    return rc;
}

int contact_create(struct store *st, struct arena *a, int64_t ws_id, const char *creator,
                   const struct contact_input *in, const char **id)
{
    const char *copy;
    int rc = new_uuid(a, &copy);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_TEXT(copy),
                             SV_TEXT(in->first_name),
                             SV_TEXT_OR_NULL(in->last_name),
                             SV_TEXT_OR_NULL(in->middle_name),
                             SV_TEXT(creator),
                             SV_INT(clock_now_ms())};
    rc = store_exec(st, Q_CONTACT_INSERT, args, ARRAY_LEN(args), NULL);
    if (!rc)
        rc = apply_lists(st, a, ws_id, copy, NULL, in);
    if (!rc)
        rc = store_search_refresh(st, SEARCH_CONTACT, ws_id, SV_TEXT(copy));
    if (!rc)
        *id = copy;
    return rc;
}

int contact_update(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                   const struct contact_input *in)
{
    struct contact cur;
    int rc = contact_get(st, a, ws_id, id, &cur);
    if (rc)
        return rc;
    const char *first = in->first_name ? in->first_name : cur.first_name;
    const char *last = in->has_last_name ? in->last_name : cur.last_name;
    const char *middle = in->has_middle_name ? in->middle_name : cur.middle_name;
    struct sql_val args[] = {SV_INT(ws_id),           SV_TEXT(id),
                             SV_TEXT(first),          SV_TEXT_OR_NULL(last),
                             SV_TEXT_OR_NULL(middle), SV_INT(clock_now_ms())};
    rc = exec_one(st, Q_CONTACT_UPDATE, args, ARRAY_LEN(args));
    if (!rc)
        rc = apply_lists(st, a, ws_id, id, &cur, in);
    return rc ? rc : store_search_refresh(st, SEARCH_CONTACT, ws_id, SV_TEXT(id));
}

int contact_delete(struct store *st, int64_t ws_id, const char *id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = exec_one(st, Q_CONTACT_DELETE, args, 2);
    if (rc)
        return rc;
    /* contact-type custom-field values name it by id, with no foreign key to cascade */
    char json[CONTACT_ID_JSON_MAX];
    if ((size_t)snprintf(json, sizeof(json), "\"%s\"", id) >= sizeof(json))
        return RC_OK; /* an id this long was never stored as a value */
    struct sql_val vals[] = {SV_INT(ws_id), SV_TEXT(json)};
    return store_exec(st, Q_CF_VALUES_DELETE_CONTACT, vals, 2, NULL);
}
