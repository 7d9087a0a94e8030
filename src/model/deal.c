/* deal.c — see deal.h. A deal's position is a sparse key of its status (model/order.h,
 * GAP_STATUS_DEALS): a create or a move writes one row whatever the size of the status.
 * What clients see (the order) is dense and stable; the keys themselves have gaps. */
#include "model/deal.h"
#include "model/cf_value.h"
#include "model/attachment.h"
#include "model/list_query.h"
#include "model/order.h"
#include "model/task.h"
#include "model/util.h"
#include "store/search.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/common.h"

static const struct row_field DEAL_ROW[] = {
    ROW_FIELDS(struct deal, ROW_TEXT, id, funnel_id, status_id, title, description),
    ROW_FIELDS(struct deal, ROW_NUMBER, amount),
    ROW_FIELDS(struct deal, ROW_TEXT, win_status, creator_id),
    ROW_FIELDS(struct deal, ROW_INT, position, created_at, updated_at),
};

static void deal_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, DEAL_ROW, ARRAY_LEN(DEAL_ROW), sizeof(struct deal), out);
    struct deal *d = out;
    d->has_amount = sql_cell(r, i, 5)->type != SQL_NULL;
}

/* ["id1","id2"] in the arena: the *_for queries take the ids as one parameter */
static const char *ids_json(struct arena *a, const struct deal *d, size_t n)
{
    const char **ids = arena_alloc(a, (n ? n : 1) * sizeof(*ids));
    if (!ids)
        return NULL;
    for (size_t i = 0; i < n; i++)
        ids[i] = d[i].id;
    return lq_json_texts(a, ids, n);
}

static struct deal *find(struct deal *d, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].id, id) == 0)
            return &d[i];
    return NULL;
}

/* rows (deal_id, value) ordered by deal: each deal gets its run as an array */
static int fill_set(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                    struct deal *d, size_t n, enum deal_link k)
{
    struct sql_rows r;
    int rc = store_query(st, a, q, args, 2, &r);
    if (rc)
        return rc;
    for (size_t i = 0; i < r.nrows;) {
        size_t end = i;
        const char *id = sql_text(&r, i, 0);
        while (end < r.nrows && strcmp(sql_text(&r, end, 0), id) == 0)
            end++;
        struct deal *x = find(d, n, id);
        size_t cnt = end - i;
        if (x && k == DEAL_TAGS) {
            x->tags = arena_alloc(a, cnt * sizeof(int64_t));
            if (!x->tags)
                return RC_NOMEM;
            for (size_t j = 0; j < cnt; j++)
                x->tags[j] = sql_int(&r, i + j, 1);
            x->ntags = cnt;
        } else if (x) {
            const char **v = arena_alloc(a, cnt * sizeof(char *));
            if (!v)
                return RC_NOMEM;
            for (size_t j = 0; j < cnt; j++)
                v[j] = sql_text(&r, i + j, 1);
            if (k == DEAL_ASSIGNEES) {
                x->assignees = v;
                x->nassignees = cnt;
            } else if (k == DEAL_CONTACTS) {
                x->contacts = v;
                x->ncontacts = cnt;
            } else {
                x->organizations = v;
                x->norganizations = cnt;
            }
        }
        i = end;
    }
    return RC_OK;
}

static int fill_tasks(struct store *st, struct arena *a, int64_t ws_id, const struct sql_val *args,
                      struct deal *d, size_t n)
{
    struct sql_rows r;
    int rc = store_query(st, a, Q_DEAL_TASKS_FOR, args, 2, &r);
    if (rc || r.nrows == 0)
        return rc;
    struct task *all = arena_calloc(a, r.nrows, sizeof(*all));
    if (!all)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++)
        task_from_row(&r, i, &all[i]);
    rc = task_fill_brief(st, a, ws_id, all, r.nrows);
    size_t deal_col = r.ncols - 1;
    for (size_t i = 0; !rc && i < r.nrows;) {
        size_t end = i;
        const char *id = sql_text(&r, i, deal_col);
        while (end < r.nrows && strcmp(sql_text(&r, end, deal_col), id) == 0)
            end++;
        struct deal *x = find(d, n, id);
        if (x) {
            x->tasks = &all[i];
            x->ntasks = end - i;
        }
        i = end;
    }
    return rc;
}

/* whether custom field f applies to deal d: its funnel's */
static bool deal_has(const struct custom_field *f, const void *holder)
{
    const struct deal *d = holder;
    return strcmp(f->funnel_id, d->funnel_id) == 0;
}

static int fill_custom_fields(struct store *st, struct arena *a, int64_t ws_id, const char *ids,
                              struct deal *d, size_t n)
{
    struct cf_batch b;
    int rc = cf_batch_load(st, a, ws_id, CF_DEALS, ids, &b);
    for (size_t i = 0; !rc && i < n; i++)
        rc = cf_batch_entries(a, &b, SV_TEXT(d[i].id), deal_has, &d[i], &d[i].custom_fields,
                              &d[i].ncustom_fields);
    return rc;
}

/* a deal's related rows, all read with (ws_id, ids as a JSON array) */
static const enum sql_id ahead[] = {Q_DEAL_ASSIGNEES_FOR,     Q_DEAL_CONTACTS_FOR,
                                    Q_DEAL_ORGANIZATIONS_FOR, Q_DEAL_TAGS_FOR,
                                    Q_DEAL_TASKS_FOR,         Q_ATTACHMENT_LIST_FOR_DEALS,
                                    Q_CF_FIELDS_FOR_DEALS,    Q_CF_VALUES_FOR_DEALS};

/* fetched: the related rows were prefetched already (deal_get) */
static int fill_related(struct store *st, struct arena *a, int64_t ws_id, struct deal *d, size_t n,
                        const char *ids, bool fetched)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    /* one round trip for all of them on PostgreSQL (store_prefetch) */
    struct store_prefetch pre[ARRAY_LEN(ahead)];
    for (size_t i = 0; i < ARRAY_LEN(ahead); i++)
        pre[i] = (struct store_prefetch){ahead[i], args, 2};
    int rc = fetched ? RC_OK : store_prefetch(st, a, pre, ARRAY_LEN(ahead));
    if (!rc)
        rc = fill_set(st, a, Q_DEAL_ASSIGNEES_FOR, args, d, n, DEAL_ASSIGNEES);
    if (!rc)
        rc = fill_set(st, a, Q_DEAL_CONTACTS_FOR, args, d, n, DEAL_CONTACTS);
    if (!rc)
        rc = fill_set(st, a, Q_DEAL_ORGANIZATIONS_FOR, args, d, n, DEAL_ORGANIZATIONS);
    if (!rc)
        rc = fill_set(st, a, Q_DEAL_TAGS_FOR, args, d, n, DEAL_TAGS);
    if (!rc)
        rc = fill_tasks(st, a, ws_id, args, d, n);
    struct attachment *files = NULL;
    size_t nfiles = 0;
    if (!rc)
        rc = attachment_list_for_deals(st, a, ws_id, ids, &files, &nfiles);
    /* rows come ordered by deal, so each deal's files are contiguous */
    for (size_t i = 0; !rc && i < nfiles;) {
        size_t end = i;
        while (end < nfiles && strcmp(files[end].owner.deal_id, files[i].owner.deal_id) == 0)
            end++;
        struct deal *x = find(d, n, files[i].owner.deal_id);
        if (x) {
            x->attachments = &files[i];
            x->nattachments = end - i;
        }
        i = end;
    }
    if (!rc)
        rc = fill_custom_fields(st, a, ws_id, ids, d, n);
    return rc;
}

int deal_fill_related(struct store *st, struct arena *a, int64_t ws_id, struct deal *d, size_t n)
{
    if (n == 0)
        return RC_OK;
    const char *ids = ids_json(a, d, n);
    return ids ? fill_related(st, a, ws_id, d, n, ids, false) : RC_NOMEM;
}

/* The sort key fragment for f->sort ("title", "-amount", ...), -1 for the board order. */
static int deal_sort_key(const char *sort)
{
    static const struct {
        const char *name;
        enum sql_frag_id key;
    } keys[] = {{"title", SQLF_DEAL_LIST_KEY_TITLE},
                {"amount", SQLF_DEAL_LIST_KEY_AMOUNT},
                {"createdAt", SQLF_DEAL_LIST_KEY_CREATED},
                {"updatedAt", SQLF_DEAL_LIST_KEY_UPDATED}};
    if (!sort)
        return -1;
    const char *name = sort[0] == '-' ? sort + 1 : sort;
    for (size_t i = 0; i < ARRAY_LEN(keys); i++)
        if (strcmp(name, keys[i].name) == 0)
            return (int)keys[i].key;
    return -1;
}

int deal_list_sql(struct store *st, struct arena *a, int64_t ws_id, const char *status_id,
                  const struct deal_filter *f, struct list_query *q)
{
    int rc = lq_init(q, st, a, ws_id, 16);
    if (rc)
        return rc;
    lq_put1(q, SQLF_DEAL_LIST_HEAD, SV_TEXT(status_id));
    if (f->search)
        lq_put1(q, SQLF_DEAL_LIST_SEARCH, SV_TEXT(f->search));
    lq_any(q, SQLF_DEAL_LIST_ASSIGNEES, f->assignees, false);
    lq_any(q, SQLF_DEAL_LIST_WIN_STATUSES, f->win_statuses, false);
    if (f->has_updated) {
        struct sql_val v[] = {SV_INT(f->updated_from), SV_INT(f->updated_to)};
        lq_put(q, SQLF_DEAL_LIST_UPDATED, v, 2);
    }
    lq_any(q, SQLF_DEAL_LIST_TAGS, f->tags, true);
    lq_any(q, SQLF_DEAL_LIST_ORGANIZATIONS, f->organizations, false);
    lq_any(q, SQLF_DEAL_LIST_CONTACTS, f->contacts, false);
    if (f->custom_fields)
        lq_put1(q, SQLF_DEAL_LIST_CUSTOM_FIELDS, SV_TEXT(f->custom_fields));
    int key = deal_sort_key(f->sort);
    if (key < 0) {
        lq_put0(q, SQLF_DEAL_LIST_BY_POSITION);
    } else {
        lq_text(q, "ORDER BY", NULL, 0);
        lq_put0(q, (enum sql_frag_id)key);
        lq_text(q, f->sort[0] == '-' ? "DESC NULLS LAST" : "ASC NULLS LAST", NULL, 0);
        lq_put0(q, SQLF_DEAL_LIST_TIES);
    }
    return lq_end(q, f->limit, f->offset);
}

int deal_list(struct store *st, struct arena *a, int64_t ws_id, const char *status_id,
              const struct deal_filter *f, struct deal **out, size_t *n, bool *more)
{
    struct list_query q;
    int rc = deal_list_sql(st, a, ws_id, status_id, f, &q);
    if (!rc)
        rc = lq_page_all(&q, f->limit, sizeof(**out), deal_from_row, (void **)out, n, more);
    return rc ? rc : deal_fill_related(st, a, ws_id, *out, *n);
}

int deal_get_row(struct store *st, struct arena *a, int64_t ws_id, const char *id, struct deal *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    return ws_query_one(st, a, Q_DEAL_GET, ws_id, SV_TEXT(id), deal_from_row, out);
}

int deal_get(struct store *st, struct arena *a, int64_t ws_id, const char *id, struct deal *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    /* the row and its related rows in one prefetch (one round trip on PostgreSQL), as
     * task_get: they only need the id */
    const struct deal key = {.id = id};
    const char *ids = ids_json(a, &key, 1);
    if (!ids)
        return RC_NOMEM;
    struct sql_val row_args[] = {SV_INT(ws_id), SV_TEXT(id)};
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    struct store_prefetch pre[1 + ARRAY_LEN(ahead)] = {{Q_DEAL_GET, row_args, 2}};
    for (size_t i = 0; i < ARRAY_LEN(ahead); i++)
        pre[1 + i] = (struct store_prefetch){ahead[i], args, 2};
    int rc = store_prefetch(st, a, pre, ARRAY_LEN(pre));
    if (!rc)
        rc = deal_get_row(st, a, ws_id, id, out);
    return rc ? rc : fill_related(st, a, ws_id, out, 1, ids, true);
}

int deal_create(struct store *st, struct arena *a, int64_t ws_id, struct deal *d)
{
    int64_t now = clock_now_ms();
    /* spec: none; Decision (crm.md): a new deal goes on top, as a CRM board shows it */
    int rc = order_gap_edge(st, a, GAP_STATUS_DEALS, ws_id, SV_TEXT(d->status_id), SV_TEXT(""),
                            true, &d->position);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_NULL,
                             SV_TEXT(d->funnel_id),
                             SV_TEXT(d->status_id),
                             SV_TEXT_OR_NULL(d->title),
                             SV_TEXT_OR_NULL(d->description),
                             d->has_amount ? SV_REAL(d->amount) : SV_NULL,
                             SV_TEXT_OR_NULL(d->win_status),
                             SV_TEXT(d->creator_id),
                             SV_INT(d->position),
                             SV_INT(now)};
    rc = slug_insert(st, a, Q_DEAL_INSERT, args, ARRAY_LEN(args), 1, &d->id);
    /* folded from the texts just written: no read back (store/search.h) */
    const char *const texts[] = {d->title, d->description};
    if (!rc)
        rc = store_search_set(st, SEARCH_DEAL, ws_id, SV_TEXT(d->id), texts, ARRAY_LEN(texts));
    return rc ? rc : deal_links_init(st, ws_id, d);
}

int deal_place_ahead(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                     const char *status_id, bool top)
{
    if (!slug_valid(status_id, strlen(status_id)) ||
        (deal_id && !slug_valid(deal_id, strlen(deal_id))))
        return RC_OK; /* nothing to read: the reads themselves answer not found */
    struct sql_val status[] = {SV_INT(ws_id), SV_TEXT(status_id)};
    struct sql_val row[] = {SV_INT(ws_id), SV_TEXT(deal_id ? deal_id : "")};
    struct sql_val edge[3];
    struct store_prefetch pre[3] = {{Q_STATUS_FIND, status, 2}};
    size_t n = 1;
    if (top)
        order_gap_edge_ahead(GAP_STATUS_DEALS, ws_id, SV_TEXT(status_id),
                             SV_TEXT(deal_id ? deal_id : ""), true, edge, &pre[n++]);
    if (deal_id)
        pre[n++] = (struct store_prefetch){Q_DEAL_GET, row, 2};
    return store_prefetch(st, a, pre, n);
}

int deal_update_fields(struct store *st, int64_t ws_id, const struct deal *d)
{
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_TEXT(d->id),
                             SV_TEXT_OR_NULL(d->title),
                             SV_TEXT_OR_NULL(d->description),
                             d->has_amount ? SV_REAL(d->amount) : SV_NULL,
                             SV_TEXT_OR_NULL(d->win_status),
                             SV_INT(clock_now_ms())};
    /* d is the whole row as read with the fields changed: its search text is known, and
     * the writes wait for the next exchange (every caller passes the rc on) */
    int rc = store_exec_later(st, Q_DEAL_UPDATE, args, ARRAY_LEN(args), true);
    const char *const texts[] = {d->title, d->description};
    return rc ? rc
              : store_search_set(st, SEARCH_DEAL, ws_id, SV_TEXT(d->id), texts, ARRAY_LEN(texts));
}

int deal_touch(struct store *st, int64_t ws_id, const char *id)
{
    return touch_row(st, Q_DEAL_TOUCH, ws_id, SV_TEXT(id));
}

int deal_move(struct store *st, struct arena *a, int64_t ws_id, const struct deal *d,
              const char *funnel_id, const char *status_id, const char *after)
{
    if (after && strcmp(after, d->id) == 0) {
        /* after itself: stays where it is, in its own status only */
        if (strcmp(status_id, d->status_id) != 0)
            return RC_NOTFOUND;
        return deal_touch(st, ws_id, d->id);
    }
    int64_t to = 0;
    int rc = after ? order_gap_beside(st, a, GAP_STATUS_DEALS, ws_id, SV_TEXT(status_id),
                                      SV_TEXT(d->id), SV_TEXT(after), true, &to)
                   : order_gap_edge(st, a, GAP_STATUS_DEALS, ws_id, SV_TEXT(status_id),
                                    SV_TEXT(d->id), true, &to);
    struct sql_val put[] = {SV_INT(ws_id),      SV_TEXT(d->id), SV_TEXT(funnel_id),
                            SV_TEXT(status_id), SV_INT(to),     SV_INT(clock_now_ms())};
    /* d was read in this transaction, under the workspace's write lock: the update finds
     * it, and goes with the next exchange (the COMMIT) */
    return rc ? rc : store_exec_later(st, Q_DEAL_PLACE, put, 6, false);
}

int deal_delete(struct store *st, int64_t ws_id, const struct deal *d)
{
    /* the gap it leaves needs no closing: keys only order */
    return ws_exec_one(st, Q_DEAL_DELETE, ws_id, SV_TEXT(d->id));
}
