/* deal_links.c — a deal's link sets (assignees, contacts, organizations, tags) and its
 * tasks; see deal.h. Sets keep insertion order (seq); tasks are few per deal, so their
 * positions are a dense order (model/order.h). */
#include "model/deal.h"
#include "model/order.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

static const enum sql_id LINK_ADD[] = {Q_DEAL_ASSIGNEE_ADD, Q_DEAL_CONTACT_ADD,
                                       Q_DEAL_ORGANIZATION_ADD, Q_DEAL_TAG_ADD};
static const enum sql_id LINK_REMOVE[] = {Q_DEAL_ASSIGNEE_REMOVE, Q_DEAL_CONTACT_REMOVE,
                                          Q_DEAL_ORGANIZATION_REMOVE, Q_DEAL_TAG_REMOVE};
static const enum sql_id LINK_CLEAR[] = {Q_DEAL_ASSIGNEES_CLEAR, Q_DEAL_CONTACTS_CLEAR,
                                         Q_DEAL_ORGANIZATIONS_CLEAR, Q_DEAL_TAGS_CLEAR};

/* add or remove one link, without touching the deal */
static int link_op(struct store *st, int64_t ws_id, const char *deal_id, enum sql_id q,
                   struct sql_val v)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), v};
    return store_exec(st, q, args, 3, NULL);
}

int deal_link_add(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  struct sql_val v)
{
    int rc = link_op(st, ws_id, deal_id, LINK_ADD[k], v);
    return rc ? rc : deal_touch(st, ws_id, deal_id);
}

int deal_link_remove(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                     struct sql_val v)
{
    int rc = link_op(st, ws_id, deal_id, LINK_REMOVE[k], v);
    return rc ? rc : deal_touch(st, ws_id, deal_id);
}

int deal_link_set(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  const struct sql_val *v, size_t n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id)};
    int rc = store_exec(st, LINK_CLEAR[k], args, 2, NULL);
    for (size_t i = 0; !rc && i < n; i++)
        rc = link_op(st, ws_id, deal_id, LINK_ADD[k], v[i]);
    return rc;
}

int deal_links_init(struct store *st, int64_t ws_id, const struct deal *d)
{
    static const enum deal_link kinds[] = {DEAL_ASSIGNEES, DEAL_CONTACTS, DEAL_ORGANIZATIONS};
    const char *const *sets[] = {d->assignees, d->contacts, d->organizations};
    const size_t counts[] = {d->nassignees, d->ncontacts, d->norganizations};
    int rc = RC_OK;
    for (size_t k = 0; k < ARRAY_LEN(kinds); k++)
        for (size_t i = 0; !rc && i < counts[k]; i++)
            rc = link_op(st, ws_id, d->id, LINK_ADD[kinds[k]], SV_TEXT(sets[k][i]));
    for (size_t i = 0; !rc && i < d->ntags; i++)
        rc = link_op(st, ws_id, d->id, LINK_ADD[DEAL_TAGS], SV_INT(d->tags[i]));
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
    int rc = store_exec(st, Q_DEAL_TASK_ADD, args, 3, NULL);
    return rc ? rc : deal_touch(st, ws_id, deal_id);
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
    /* the order skips soft-deleted tasks: the holes they leave close up on a move */
    struct sql_val parent[] = {SV_INT(ws_id), SV_TEXT(deal_id)}, target = SV_INT(after);
    int rc = order_move(st, a, ORDER_DEAL_TASKS, parent, 2, SV_INT(task_id), after ? &target : NULL,
                        true);
    /* the order of its tasks is the deal's: docs/internals/crm.md, every change of a deal */
    return rc ? rc : deal_touch(st, ws_id, deal_id);
}

int deal_task_remove(struct store *st, int64_t ws_id, const char *deal_id, int64_t task_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(deal_id), SV_INT(task_id)};
    int rc = exec_one(st, Q_DEAL_TASK_REMOVE, args, 3);
    return rc ? rc : deal_touch(st, ws_id, deal_id);
}
