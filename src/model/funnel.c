/* funnel.c — see funnel.h. Both orders are dense kinds of model/order.h. */
#include "model/funnel.h"
#include "model/currency.h"
#include "model/order.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/common.h"

/* ---- funnels ----------------------------------------------------------------------------- */

static const struct row_field FUNNEL_ROW[] = {
    ROW_FIELDS(struct funnel, ROW_TEXT, id, name),
    ROW_FIELDS(struct funnel, ROW_INT, currency_id),
    ROW_FIELDS(struct funnel, ROW_BOOL, is_private, is_bookmarked),
    ROW_FIELDS(struct funnel, ROW_TEXT, creator_id),
    ROW_FIELDS(struct funnel, ROW_INT, position, created_at, updated_at, deals_count),
    ROW_FIELDS(struct funnel, ROW_NUMBER, deals_amount),
};

static void funnel_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, FUNNEL_ROW, ARRAY_LEN(FUNNEL_ROW), sizeof(struct funnel), out);
}

/* teams of the n funnels from rows (funnel_id, member_id) grouped by funnel */
static int fill_teams(struct arena *a, const struct sql_rows *r, struct funnel *f, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        size_t cnt = 0;
        for (size_t i = 0; i < r->nrows; i++)
            cnt += strcmp(sql_text(r, i, 0), f[k].id) == 0;
        f[k].team = arena_calloc(a, cnt + 1, sizeof(char *));
        if (!f[k].team)
            return RC_NOMEM;
        f[k].nteam = 0;
        for (size_t i = 0; i < r->nrows; i++)
            if (strcmp(sql_text(r, i, 0), f[k].id) == 0)
                f[k].team[f[k].nteam++] = sql_text(r, i, 1);
    }
    return RC_OK;
}

int funnel_list(struct store *st, struct arena *a, int64_t ws_id, struct funnel **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id)};
    void *items;
    int rc = query_all(st, a, Q_FUNNEL_LIST, args, 1, sizeof(**out), funnel_from_row, &items, n);
    struct sql_rows team;
    if (!rc)
        rc = store_query(st, a, Q_FUNNEL_TEAM_ALL, args, 1, &team);
    if (!rc)
        rc = fill_teams(a, &team, items, *n);
    if (!rc)
        *out = items;
    return rc;
}

int funnel_get(struct store *st, struct arena *a, int64_t ws_id, const char *id, struct funnel *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = query_one(st, a, Q_FUNNEL_GET, args, 2, funnel_from_row, out);
    struct sql_rows team;
    if (!rc)
        rc = store_query(st, a, Q_FUNNEL_TEAM_OF, args, 2, &team);
    return rc ? rc : fill_teams(a, &team, out, 1);
}

int funnel_find(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct funnel *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    int rc = ws_query_one(st, a, Q_FUNNEL_FIND, ws_id, SV_TEXT(id), funnel_from_row, out);
    return rc ? rc : fill_teams(a, &(struct sql_rows){0}, out, 1);
}

int funnel_create(struct store *st, struct arena *a, int64_t ws_id, struct funnel *f)
{
    int64_t now = clock_now_ms();
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_NULL,
                             SV_TEXT(f->name),
                             SV_INT(f->currency_id),
                             SV_INT(f->is_private),
                             SV_TEXT(f->creator_id),
                             SV_INT(now)};
    const char *id;
    int rc = slug_insert(st, a, Q_FUNNEL_INSERT, args, ARRAY_LEN(args), 1, &id);
    if (rc)
        return rc;
    struct sql_val team[] = {SV_INT(ws_id), SV_TEXT(id), SV_TEXT(f->creator_id)};
    rc = store_exec(st, Q_FUNNEL_TEAM_ADD, team, 3, NULL);
    static const char *const defaults[] = FUNNEL_DEFAULT_STATUSES;
    for (size_t i = 0; !rc && i < ARRAY_LEN(defaults); i++) {
        struct funnel_status s = {
            .funnel_id = id, .name = defaults[i], .creator_id = f->creator_id};
        rc = status_create(st, a, ws_id, &s);
    }
    return rc ? rc : funnel_get(st, a, ws_id, id, f);
}

int funnel_update(struct store *st, int64_t ws_id, const struct funnel *f)
{
    struct sql_val args[] = {SV_INT(ws_id),          SV_TEXT(f->id),        SV_TEXT(f->name),
                             SV_INT(f->currency_id), SV_INT(f->is_private), SV_INT(clock_now_ms())};
    return exec_one(st, Q_FUNNEL_UPDATE, args, ARRAY_LEN(args));
}

int funnel_set_bookmarked(struct store *st, int64_t ws_id, const char *id, bool on)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_INT(on), SV_INT(clock_now_ms())};
    return exec_one(st, Q_FUNNEL_SET_BOOKMARKED, args, 4);
}

int funnel_delete(struct store *st, struct arena *a, int64_t ws_id, const char *id)
{
    /* statuses, deals and every deal link go by ON DELETE CASCADE */
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = exec_one(st, Q_FUNNEL_DELETE, args, 2);
    return rc ? rc : order_compact(st, a, ORDER_FUNNELS, args, 1);
}

int funnel_move(struct store *st, struct arena *a, int64_t ws_id, const char *id, const char *after)
{
    struct sql_val parent[] = {SV_INT(ws_id)}, target = SV_TEXT_OR_NULL(after);
    return order_move(st, a, ORDER_FUNNELS, parent, 1, SV_TEXT(id), after ? &target : NULL, true);
}

/* ---- statuses ---------------------------------------------------------------------------- */

static const struct row_field STATUS_ROW[] = {
    ROW_FIELDS(struct funnel_status, ROW_TEXT, id, funnel_id, name, creator_id),
    ROW_FIELDS(struct funnel_status, ROW_INT, position, created_at, updated_at, deals_count),
    ROW_FIELDS(struct funnel_status, ROW_NUMBER, deals_amount),
};

static void status_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, STATUS_ROW, ARRAY_LEN(STATUS_ROW), sizeof(struct funnel_status), out);
}

int status_list(struct store *st, struct arena *a, int64_t ws_id, const char *funnel_id,
                struct funnel_status **out, size_t *n)
{
    return ws_query_all(st, a, Q_STATUS_LIST, ws_id, SV_TEXT(funnel_id), sizeof(**out),
                        status_from_row, (void **)out, n);
}

int status_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
               struct funnel_status *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    return ws_query_one(st, a, Q_STATUS_GET, ws_id, SV_TEXT(id), status_from_row, out);
}

int status_find(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct funnel_status *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    return ws_query_one(st, a, Q_STATUS_FIND, ws_id, SV_TEXT(id), status_from_row, out);
}

int status_create(struct store *st, struct arena *a, int64_t ws_id, struct funnel_status *s)
{
    struct sql_val args[] = {SV_INT(ws_id),          SV_NULL,
                             SV_TEXT(s->funnel_id),  SV_TEXT(s->name),
                             SV_TEXT(s->creator_id), SV_INT(clock_now_ms())};
    const char *id;
    int rc = slug_insert(st, a, Q_STATUS_INSERT, args, ARRAY_LEN(args), 1, &id);
    return rc ? rc : status_get(st, a, ws_id, id, s);
}

int status_rename(struct store *st, int64_t ws_id, const char *id, const char *name)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_TEXT(name), SV_INT(clock_now_ms())};
    return exec_one(st, Q_STATUS_UPDATE, args, 4);
}

int status_delete(struct store *st, struct arena *a, int64_t ws_id, const struct funnel_status *s)
{
    struct sql_val parent[] = {SV_INT(ws_id), SV_TEXT(s->funnel_id)};
    struct sql_rows r;
    int rc = store_query(st, a, Q_STATUS_ORDER, parent, 2, &r);
    if (rc)
        return rc;
    const char *heir = NULL;
    for (size_t i = 0; i < r.nrows && !heir; i++)
        if (strcmp(sql_text(&r, i, 0), s->id) != 0)
            heir = sql_text(&r, i, 0);
    if (!heir)
        return RC_CONFLICT;
    rc = order_gap_move_all(st, a, GAP_STATUS_DEALS, ws_id, SV_TEXT(s->id), SV_TEXT(heir));
    return rc ? rc
              : order_delete_child(st, a, ORDER_STATUSES, Q_STATUS_DELETE, ws_id,
                                   SV_TEXT(s->funnel_id), SV_TEXT(s->id));
}

int status_move(struct store *st, struct arena *a, int64_t ws_id, const struct funnel_status *s,
                const char *after)
{
    return order_move_after(st, a, ORDER_STATUSES, ws_id, SV_TEXT(s->funnel_id), SV_TEXT(s->id),
                            SV_TEXT_OR_NULL(after));
}
