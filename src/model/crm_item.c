/* crm_item.c — see crm_item.h. One table of statements per kind keeps the five sub-object
 * tables behind the same four operations. */
#include "model/crm_item.h"
#include "model/list_query.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/search.h"
#include "store/store.h"
#include "core/common.h"

struct item_queries {
    enum sql_id insert, update, remove, clear, touch_owner;
};

static const struct item_queries item_queries[] = {
    [CRM_ORG_ADDRESS] = {Q_ORGANIZATION_ADDRESS_INSERT, Q_ORGANIZATION_ADDRESS_UPDATE,
                         Q_ORGANIZATION_ADDRESS_DELETE, Q_ORGANIZATION_ADDRESSES_CLEAR,
                         Q_ORGANIZATION_TOUCH},
    [CRM_ORG_EMAIL] = {Q_ORGANIZATION_EMAIL_INSERT, Q_ORGANIZATION_EMAIL_UPDATE,
                       Q_ORGANIZATION_EMAIL_DELETE, Q_ORGANIZATION_EMAILS_CLEAR,
                       Q_ORGANIZATION_TOUCH},
    [CRM_ORG_PHONE] = {Q_ORGANIZATION_PHONE_INSERT, Q_ORGANIZATION_PHONE_UPDATE,
                       Q_ORGANIZATION_PHONE_DELETE, Q_ORGANIZATION_PHONES_CLEAR,
                       Q_ORGANIZATION_TOUCH},
    [CRM_CONTACT_EMAIL] = {Q_CONTACT_EMAIL_INSERT, Q_CONTACT_EMAIL_UPDATE, Q_CONTACT_EMAIL_DELETE,
                           Q_CONTACT_EMAILS_CLEAR, Q_CONTACT_TOUCH},
    [CRM_CONTACT_PHONE] = {Q_CONTACT_PHONE_INSERT, Q_CONTACT_PHONE_UPDATE, Q_CONTACT_PHONE_DELETE,
                           Q_CONTACT_PHONES_CLEAR, Q_CONTACT_TOUCH},
};

static int touch(struct store *st, int64_t ws_id, enum crm_item_kind kind, const char *owner)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(owner), SV_INT(clock_now_ms())};
    int rc = store_exec(st, item_queries[kind].touch_owner, args, 3, NULL);
    /* a contact is searched by its e-mails too */
    if (!rc && kind == CRM_CONTACT_EMAIL)
        rc = store_search_refresh(st, SEARCH_CONTACT, ws_id, SV_TEXT(owner));
    return rc;
}

/* insert with id reuse (when not NULL) or a new uuid; *id gets the id used */
static int insert(struct store *st, struct arena *a, int64_t ws_id, enum crm_item_kind kind,
                  const char *owner, const char *value, const char *reuse, const char **id)
{
    const char *use = reuse;
    int rc = use ? RC_OK : new_uuid(a, &use);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(use), SV_TEXT(owner), SV_TEXT(value)};
    rc = store_exec(st, item_queries[kind].insert, args, 4, NULL);
    if (!rc)
        *id = use;
    return rc;
}

int crm_item_add(struct store *st, struct arena *a, int64_t ws_id, enum crm_item_kind kind,
                 const char *owner, const char *value, struct crm_item *out)
{
    int rc = insert(st, a, ws_id, kind, owner, value, NULL, &out->id);
    if (!rc)
        rc = touch(st, ws_id, kind, owner);
    out->value = value;
    return rc;
}

int crm_item_update(struct store *st, int64_t ws_id, enum crm_item_kind kind, const char *owner,
                    const char *id, const char *value)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(owner), SV_TEXT(id), SV_TEXT(value)};
    int rc = exec_one(st, item_queries[kind].update, args, 4);
    return rc ? rc : touch(st, ws_id, kind, owner);
}

int crm_item_delete(struct store *st, int64_t ws_id, enum crm_item_kind kind, const char *owner,
                    const char *id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(owner), SV_TEXT(id)};
    int rc = exec_one(st, item_queries[kind].remove, args, 3);
    return rc ? rc : touch(st, ws_id, kind, owner);
}

int crm_item_replace(struct store *st, struct arena *a, int64_t ws_id, enum crm_item_kind kind,
                     const char *owner, const struct crm_item *old, size_t nold,
                     const char *const *values, size_t n)
{
    bool *used = arena_calloc(a, nold + 1, sizeof(*used));
    if (!used)
        return RC_NOMEM;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(owner)};
    int rc = store_exec(st, item_queries[kind].clear, args, 2, NULL);
    for (size_t i = 0; !rc && i < n; i++) {
        const char *reuse = NULL, *id;
        for (size_t k = 0; !reuse && k < nold; k++)
            if (!used[k] && strcmp(old[k].value, values[i]) == 0) {
                used[k] = true;
                reuse = old[k].id;
            }
        rc = insert(st, a, ws_id, kind, owner, values[i], reuse, &id);
    }
    return rc;
}

char crm_row_kind(const struct sql_rows *r, size_t i)
{
    const char *k = sql_text(r, i, 0);
    return k ? k[0] : '\0';
}

size_t crm_count_kind(const struct sql_rows *r, char kind)
{
    size_t n = 0;
    for (size_t i = 0; i < r->nrows; i++)
        n += crm_row_kind(r, i) == kind;
    return n;
}

static size_t rel_size(enum crm_rel_type t)
{
    switch (t) {
    case CRM_REL_ITEM:
        return sizeof(struct crm_item);
    case CRM_REL_ID:
        return sizeof(const char *);
    default:
        return sizeof(int64_t);
    }
}

static int load_related(struct store *st, struct arena *a, const struct crm_owner *k, int64_t ws_id,
                        const char *id, char *owner)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = store_query(st, a, k->related, args, 2, &r);
    if (rc)
        return rc;
    void *arrays[CRM_RELS_MAX];
    for (size_t j = 0; j < k->nrels && j < ARRAY_LEN(arrays); j++) {
        const struct crm_rel *rel = &k->rels[j];
        arrays[j] = arena_calloc(a, crm_count_kind(&r, rel->kind) + 1, rel_size(rel->type));
        if (!arrays[j])
            return RC_NOMEM;
        *(void **)(void *)(owner + rel->array) = arrays[j];
        *(size_t *)(void *)(owner + rel->count) = 0;
    }
    for (size_t i = 0; i < r.nrows; i++) {
        char kind = crm_row_kind(&r, i);
        for (size_t j = 0; j < k->nrels && j < ARRAY_LEN(arrays); j++) {
            const struct crm_rel *rel = &k->rels[j];
            if (rel->kind != kind)
                continue;
            size_t *n = (size_t *)(void *)(owner + rel->count);
            const char *rid = sql_text(&r, i, 1);
            if (rel->type == CRM_REL_ITEM)
                ((struct crm_item *)arrays[j])[(*n)++] = (struct crm_item){rid, sql_text(&r, i, 2)};
            else if (rel->type == CRM_REL_ID)
                ((const char **)arrays[j])[(*n)++] = rid;
            else
                ((int64_t *)arrays[j])[(*n)++] = sql_int(&r, i, 3);
        }
    }
    return RC_OK;
}

int crm_owner_get(struct store *st, struct arena *a, const struct crm_owner *k, int64_t ws_id,
                  const char *id, void *out)
{
    int rc = ws_query_one(st, a, k->get, ws_id, SV_TEXT(id), k->from_row, out);
    if (rc)
        return rc;
    const char *row_id; /* the stored id, as the list reads it */
    memcpy(&row_id, out, sizeof(row_id));
    return load_related(st, a, k, ws_id, row_id, out);
}

int crm_owner_exists(struct store *st, struct arena *a, const struct crm_owner *k, int64_t ws_id,
                     const char *id)
{
    void *row = arena_alloc(a, k->size);
    if (!row)
        return RC_NOMEM;
    return ws_query_one(st, a, k->get, ws_id, SV_TEXT(id), k->from_row, row);
}

int crm_owner_list(struct list_query *q, const struct crm_owner *k, int64_t ws_id, int64_t limit,
                   void **out, size_t *n, bool *has_more)
{
    char *items;
    int rc = lq_page_all(q, limit, k->size, k->from_row, (void **)&items, n, has_more);
    if (rc)
        return rc;
    *out = items;
    for (size_t i = 0; !rc && i < *n; i++) {
        const char *id;
        memcpy(&id, items + i * k->size, sizeof(id));
        rc = load_related(q->st, q->a, k, ws_id, id, items + i * k->size);
    }
    return rc;
}

int crm_owner_tag(struct store *st, const struct crm_owner *k, int64_t ws_id, const char *id,
                  int64_t tag, bool attach)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_INT(tag)};
    int64_t changed = 0;
    int rc = store_exec(st, attach ? k->tag_add : k->tag_remove, args, 3, &changed);
    return !rc && changed ? touch_row(st, k->touch, ws_id, SV_TEXT(id)) : rc;
}
