/* portfolio.c — see portfolio.h. */
#include "model/portfolio.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static void portfolio_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct portfolio *p = out;
    p->id = sql_int(r, i, 0);
    p->name = sql_text(r, i, 1);
    p->parent_id = sql_int(r, i, 2);
    p->is_private = sql_int(r, i, 3) != 0;
}

int portfolio_list(struct store *st, struct arena *a, int64_t ws_id,
                   const struct portfolio_filter *f, struct portfolio **out, size_t *n,
                   bool *has_more)
{
    const char *pattern = NULL;
    if (f->search && !(pattern = like_pattern(a, f->search)))
        return RC_NOMEM;
    struct sql_val args[] = {SV_INT(ws_id), f->parent_id ? SV_INT(f->parent_id) : SV_NULL,
                             SV_TEXT_OR_NULL(pattern), SV_INT(f->limit + 1), SV_INT(f->offset)};
    /* one row past the page says whether another page follows */
    void *items;
    size_t rows;
    int rc = query_all(st, a, Q_PORTFOLIO_LIST, args, ARRAY_LEN(args), sizeof(**out),
                       portfolio_from_row, &items, &rows);
    if (rc)
        return rc;
    *has_more = rows > (size_t)f->limit;
    *out = items;
    *n = *has_more ? (size_t)f->limit : rows;
    return RC_OK;
}

int portfolio_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
                  struct portfolio *out)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id)};
    return query_one(st, a, Q_PORTFOLIO_GET, args, 2, portfolio_from_row, out);
}

int portfolio_create(struct store *st, struct arena *a, int64_t ws_id, struct portfolio *p)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(p->name),
                             p->parent_id ? SV_INT(p->parent_id) : SV_NULL, SV_INT(p->is_private),
                             SV_INT(clock_now_ms())};
    int rc = store_query(st, a, Q_PORTFOLIO_INSERT, args, ARRAY_LEN(args), &r);
    if (rc)
        return rc;
    p->id = sql_int(&r, 0, 0);
    return RC_OK;
}

int portfolio_update(struct store *st, int64_t ws_id, const struct portfolio *p)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(p->id), SV_TEXT(p->name), SV_INT(p->is_private)};
    return exec_one(st, Q_PORTFOLIO_UPDATE, args, ARRAY_LEN(args));
}

int portfolio_delete(struct store *st, int64_t ws_id, int64_t id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id)};
    return exec_one(st, Q_PORTFOLIO_DELETE, args, 2);
}
