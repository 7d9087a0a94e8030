/* deal_links.c — a deal's link sets (assignees, contacts, organizations, tags) and its
 * tasks; see deal.h. Sets keep insertion order (seq); tasks are few per deal, so their
 * positions are dense and rewritten whole on a move. */
#include "model/deal.h"
#include "model/position.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

static const enum query_id LINK_ADD[] = {Q_DEAL_ASSIGNEE_ADD, Q_DEAL_CONTACT_ADD,
                                         Q_DEAL_ORGANIZATION_ADD, Q_DEAL_TAG_ADD};
static const enum query_id LINK_REMOVE[] = {Q_DEAL_ASSIGNEE_REMOVE, Q_DEAL_CONTACT_REMOVE,
                                            Q_DEAL_ORGANIZATION_REMOVE, Q_DEAL_TAG_REMOVE};
static const enum query_id LINK_CLEAR[] = {Q_DEAL_ASSIGNEES_CLEAR, Q_DEAL_CONTACTS_CLEAR,
                                           Q_DEAL_ORGANIZATIONS_CLEAR, Q_DEAL_TAGS_CLEAR};

int deal_link_add(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  struct sql_val v)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), v};
    return store_exec(st, LINK_ADD[k], args, 3, NULL);
}

int deal_link_remove(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                     struct sql_val v)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), v};
    return store_exec(st, LINK_REMOVE[k], args, 3, NULL);
}

int deal_link_set(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  const struct sql_val *v, size_t n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id)};
    int rc = store_exec(st, LINK_CLEAR[k], args, 2, NULL);
    for (size_t i = 0; !rc && i < n; i++)
        rc = deal_link_add(st, ws_id, deal_id, k, v[i]);
    return rc;
}

int deal_ref_exists(struct store *st, struct arena *a, int64_t ws_id, enum deal_link k,
                    const char *id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    struct sql_rows r;
    int rc =
        store_query(st, a, k == DEAL_CONTACTS ? Q_CONTACT_REF : Q_ORGANIZATION_REF, args, 2, &r);
    return rc ? rc : r.nrows ? RC_OK : RC_NOTFOUND;
}

int deal_task_add(struct store *st, int64_t ws_id, const char *deal_id, int64_t task_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), SV_INT(task_id)};
    return store_exec(st, Q_DEAL_TASK_ADD, args, 3, NULL);
}

int deal_task_ids(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                  int64_t **ids, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id)};
    struct sql_rows r;
    int rc = store_query(st, a, Q_DEAL_TASK_ORDER, args, 2, &r);
    if (rc)
        return rc;
    *ids = arena_alloc(a, (r.nrows + 1) * sizeof(**ids));
    if (!*ids)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++)
        (*ids)[i] = sql_int(&r, i, 0);
    *n = r.nrows;
    return RC_OK;
}

int deal_task_move(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                   int64_t task_id, int64_t after)
{
    int64_t *ids;
    size_t n;
    int rc = deal_task_ids(st, a, ws_id, deal_id, &ids, &n);
    if (rc)
        return rc;
    if (position_move_after(ids, n, task_id, after))
        return RC_NOTFOUND;
    /* a deal's tasks are few: rewrite every position, which also drops the holes that
     * soft-deleted tasks leave */
    for (size_t i = 0; !rc && i < n; i++) {
        struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), SV_INT(ids[i]),
                                 SV_INT((int64_t)i)};
        rc = store_exec(st, Q_DEAL_TASK_SET_POSITION, args, 4, NULL);
    }
    /* the order of its tasks is the deal's: docs/internals/crm.md, every change of a deal */
    return rc ? rc : deal_touch(st, ws_id, deal_id);
}

int deal_task_remove(struct store *st, int64_t ws_id, const char *deal_id, int64_t task_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), SV_INT(task_id)};
    return exec_one(st, Q_DEAL_TASK_REMOVE, args, 3);
}
