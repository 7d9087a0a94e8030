/* organization.c — see organization.h. An organization's related rows come back from one
 * UNION query (organization_related), so a page of n organizations costs n + 1 queries. */
#include "model/organization.h"
#include "model/list_query.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static void organization_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct organization *o = out;
    memset(o, 0, sizeof(*o));
    o->id = sql_text(r, i, 0);
    o->name = sql_text(r, i, 1);
    o->creator_id = sql_text(r, i, 2);
    o->created_at = sql_int(r, i, 3);
    o->updated_at = sql_int(r, i, 4);
}

static int load_related(struct store *st, struct arena *a, int64_t ws_id, struct organization *o)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(o->id)};
    int rc = store_query(st, a, Q_ORGANIZATION_RELATED, args, 2, &r);
    if (rc)
        return rc;
    size_t na = crm_count_kind(&r, 'a'), nc = crm_count_kind(&r, 'c'), ne = crm_count_kind(&r, 'e');
    size_t np = crm_count_kind(&r, 'p'), nr = crm_count_kind(&r, 'r'), nt = crm_count_kind(&r, 't');
    o->addresses = arena_calloc(a, na + 1, sizeof(*o->addresses));
    o->contacts = arena_calloc(a, nc + 1, sizeof(*o->contacts));
    o->emails = arena_calloc(a, ne + 1, sizeof(*o->emails));
    o->phones = arena_calloc(a, np + 1, sizeof(*o->phones));
    o->responsibles = arena_calloc(a, nr + 1, sizeof(*o->responsibles));
    o->tags = arena_calloc(a, nt + 1, sizeof(*o->tags));
    if (!o->addresses || !o->contacts || !o->emails || !o->phones || !o->responsibles || !o->tags)
        return RC_NOMEM;
    o->naddresses = o->ncontacts = o->nemails = o->nphones = o->nresponsibles = o->ntags = 0;
    for (size_t i = 0; i < r.nrows; i++) {
        const char *id = sql_text(&r, i, 1), *value = sql_text(&r, i, 2);
        switch (crm_row_kind(&r, i)) {
        case 'a':
            o->addresses[o->naddresses++] = (struct crm_item){id, value};
            break;
        case 'c':
            o->contacts[o->ncontacts++] = id;
            break;
        case 'e':
            o->emails[o->nemails++] = (struct crm_item){id, value};
            break;
        case 'p':
            o->phones[o->nphones++] = (struct crm_item){id, value};
            break;
        case 'r':
            o->responsibles[o->nresponsibles++] = id;
            break;
        default:
            o->tags[o->ntags++] = sql_int(&r, i, 3);
            break;
        }
    }
    return RC_OK;
}

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
    void *items;
    int rc = organization_list_sql(st, a, ws_id, f, &q);
    if (!rc)
        rc = lq_page_all(&q, f->limit, sizeof(**out), organization_from_row, &items, n, has_more);
    if (rc)
        return rc;
    *out = items;
    for (size_t i = 0; !rc && i < *n; i++)
        rc = load_related(st, a, ws_id, &(*out)[i]);
    return rc;
}

int organization_exists(struct store *st, struct arena *a, int64_t ws_id, const char *id)
{
    struct organization o;
    return ws_query_one(st, a, Q_ORGANIZATION_GET, ws_id, SV_TEXT(id), organization_from_row, &o);
}

int organization_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                     struct organization *out)
{
    int rc =
        ws_query_one(st, a, Q_ORGANIZATION_GET, ws_id, SV_TEXT(id), organization_from_row, out);
    return rc ? rc : load_related(st, a, ws_id, out);
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
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_INT(tag)};
    int64_t changed = 0;
    int rc = store_exec(st, attach ? Q_ORGANIZATION_TAG_ADD : Q_ORGANIZATION_TAG_REMOVE, args, 3,
                        &changed);
    return !rc && changed ? organization_touch(st, ws_id, id) : rc;
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
    char buf[UUID_LEN + 1];
    if (rand_uuid(buf))
        return RC_INTERNAL;
    char *copy = arena_strdup(a, buf);
    if (!copy)
        return RC_NOMEM;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(copy), SV_TEXT(in->name), SV_TEXT(creator),
                             SV_INT(clock_now_ms())};
    int rc = store_exec(st, Q_ORGANIZATION_INSERT, args, ARRAY_LEN(args), NULL);
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
    } else {
        rc = organization_touch(st, ws_id, id);
    }
    return rc ? rc : apply_lists(st, a, ws_id, id, &cur, in);
}

int organization_delete(struct store *st, int64_t ws_id, const char *id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    return exec_one(st, Q_ORGANIZATION_DELETE, args, 2);
}
