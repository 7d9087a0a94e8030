/* crm_item.c — see crm_item.h. One table of statements per kind keeps the five sub-object
 * tables behind the same four operations. */
#include "model/crm_item.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
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
    if (!use) {
        char buf[UUID_LEN + 1];
        if (rand_uuid(buf))
            return RC_INTERNAL;
        use = arena_strdup(a, buf);
        if (!use)
            return RC_NOMEM;
    }
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(use), SV_TEXT(owner), SV_TEXT(value)};
    int rc = store_exec(st, item_queries[kind].insert, args, 4, NULL);
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
