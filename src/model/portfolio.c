/* portfolio.c — see portfolio.h. */
#include "model/portfolio.h"
#include "model/list_query.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/search.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field PORTFOLIO_ROW[] = {
    ROW_FIELDS(struct portfolio, ROW_INT, id),
    ROW_FIELDS(struct portfolio, ROW_TEXT, name),
    ROW_FIELDS(struct portfolio, ROW_INT, parent_id),
    ROW_FIELDS(struct portfolio, ROW_BOOL, is_private),
};

static void portfolio_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, PORTFOLIO_ROW, ARRAY_LEN(PORTFOLIO_ROW), sizeof(struct portfolio), out);
}

int portfolio_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                       const struct portfolio_filter *f, struct list_query *q)
{
    lq_begin(q, st, a, ws_id, 6, SQLF_PORTFOLIO_LIST_HEAD);
    if (f->parent_id)
        lq_put1(q, SQLF_PORTFOLIO_LIST_PARENT, SV_INT(f->parent_id));
    lq_search(q, SQLF_PORTFOLIO_LIST_SEARCH, f->search);
    lq_put0(q, SQLF_PORTFOLIO_LIST_ORDER);
    return lq_end(q, f->limit, f->offset);
}

int portfolio_list(struct store *st, struct arena *a, int64_t ws_id,
                   const struct portfolio_filter *f, struct portfolio **out, size_t *n,
                   bool *has_more)
{
    struct list_query q;
    int rc = portfolio_list_sql(st, a, ws_id, f, &q);
    return rc ? rc
              : lq_page_all(&q, f->limit, sizeof(**out), portfolio_from_row, (void **)out, n,
                            has_more);
}

int portfolio_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
                  struct portfolio *out)
{
    return ws_query_one(st, a, Q_PORTFOLIO_GET, ws_id, SV_INT(id), portfolio_from_row, out);
}

int portfolio_create(struct store *st, struct arena *a, int64_t ws_id, struct portfolio *p)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(p->name),
                             p->parent_id ? SV_INT(p->parent_id) : SV_NULL, SV_INT(p->is_private),
                             SV_INT(clock_now_ms())};
    int rc = insert_id(st, a, Q_PORTFOLIO_INSERT, args, ARRAY_LEN(args), &p->id);
    return rc ? rc : store_search_refresh(st, SEARCH_PORTFOLIO, ws_id, SV_INT(p->id));
}

int portfolio_update(struct store *st, int64_t ws_id, const struct portfolio *p)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(p->id), SV_TEXT(p->name), SV_INT(p->is_private)};
    int rc = exec_one(st, Q_PORTFOLIO_UPDATE, args, ARRAY_LEN(args));
    return rc ? rc : store_search_refresh(st, SEARCH_PORTFOLIO, ws_id, SV_INT(p->id));
}

int portfolio_delete(struct store *st, int64_t ws_id, int64_t id)
{
    return ws_exec_one(st, Q_PORTFOLIO_DELETE, ws_id, SV_INT(id));
}
