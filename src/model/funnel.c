/* funnel.c — see funnel.h. Orders are read as slug lists, moved with position.h over their
 * indexes, and only changed positions are written; the write transaction is the only writer
 * of the database while it runs (store drivers), so nothing interleaves. */
#include "model/funnel.h"
#include "model/currency.h"
#include "model/deal.h"
#include "model/position.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/common.h"

/* Decision: a slug clash is vanishingly rare (62^16); a few draws bound the loop */
#define SLUG_TRIES 8

double sql_number(const struct sql_rows *r, size_t row, size_t col)
{
    const struct sql_val *v = sql_cell(r, row, col);
    return v->type == SQL_REAL ? v->u.d : v->type == SQL_INT ? (double)v->u.i : 0.0;
}

int slug_insert(struct store *st, struct arena *a, enum sql_id q, struct sql_val *args,
                size_t nargs, size_t slot, const char **id)
{
    for (int i = 0; i < SLUG_TRIES; i++) {
        char *slug = arena_alloc(a, SLUG_LEN + 1);
        if (!slug)
            return RC_NOMEM;
        if (rand_slug(slug))
            return RC_INTERNAL;
        args[slot] = SV_TEXT(slug);
        struct sql_rows r;
        int rc = store_query(st, a, q, args, nargs, &r);
        if (rc)
            return rc;
        if (r.nrows) {
            *id = slug;
            return RC_OK;
        }
    }
    return RC_CONFLICT;
}

/* ---- orders ------------------------------------------------------------------------------ */

/* The siblings of one parent in order (query columns: id, position). */
struct order {
    const char **ids;
    int64_t *pos;
    size_t n;
};

static int order_load(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                      const char *parent, struct order *o)
{
    struct sql_val args[] = {SV_INT(ws_id), parent ? SV_TEXT(parent) : SV_NULL};
    struct sql_rows r;
    int rc = store_query(st, a, q, args, parent ? 2 : 1, &r);
    if (rc)
        return rc;
    o->ids = arena_calloc(a, r.nrows + 1, sizeof(*o->ids));
    o->pos = arena_calloc(a, r.nrows + 1, sizeof(*o->pos));
    if (!o->ids || !o->pos)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++) {
        o->ids[i] = sql_text(&r, i, 0);
        o->pos[i] = sql_int(&r, i, 1);
    }
    o->n = r.nrows;
    return RC_OK;
}

static long order_index(const struct order *o, const char *id)
{
    for (size_t i = 0; i < o->n; i++)
        if (strcmp(o->ids[i], id) == 0)
            return (long)i;
    return -1;
}

/* Write position k for every sibling the permutation perm (indexes into o, 1-based as
 * position.h wants non-zero ids) puts at k, where it differs from the stored one. */
static int order_write(struct store *st, enum sql_id set_pos, int64_t ws_id, const struct order *o,
                       const int64_t *perm)
{
    for (size_t k = 0; k < o->n; k++) {
        size_t i = (size_t)(perm[k] - 1);
        if (o->pos[i] == (int64_t)k)
            continue;
        struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(o->ids[i]), SV_INT((int64_t)k)};
        int rc = store_exec(st, set_pos, args, 3, NULL);
        if (rc)
            return rc;
    }
    return RC_OK;
}

static int order_move(struct store *st, struct arena *a, enum sql_id list, enum sql_id set_pos,
                      int64_t ws_id, const char *parent, const char *id, const char *after)
{
    struct order o;
    int rc = order_load(st, a, list, ws_id, parent, &o);
    if (rc)
        return rc;
    int64_t *perm = arena_alloc(a, (o.n + 1) * sizeof(*perm));
    if (!perm)
        return RC_NOMEM;
    for (size_t i = 0; i < o.n; i++)
        perm[i] = (int64_t)i + 1;
    long from = order_index(&o, id), to = after ? order_index(&o, after) : -1;
    if (from < 0 || (after && to < 0))
        return RC_NOTFOUND;
    position_move_after(perm, o.n, from + 1, after ? to + 1 : 0);
    return order_write(st, set_pos, ws_id, &o, perm);
}

/* renumber densely after a deletion */
static int order_compact(struct store *st, struct arena *a, enum sql_id list, enum sql_id set_pos,
                         int64_t ws_id, const char *parent)
{
    struct order o;
    int rc = order_load(st, a, list, ws_id, parent, &o);
    if (rc)
        return rc;
    int64_t *perm = arena_alloc(a, (o.n + 1) * sizeof(*perm));
    if (!perm)
        return RC_NOMEM;
    for (size_t i = 0; i < o.n; i++)
        perm[i] = (int64_t)i + 1;
    return order_write(st, set_pos, ws_id, &o, perm);
}

/* ---- funnels ----------------------------------------------------------------------------- */

static void funnel_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct funnel *f = out;
    memset(f, 0, sizeof(*f));
    f->id = sql_text(r, i, 0);
    f->name = sql_text(r, i, 1);
    f->currency_id = sql_int(r, i, 2);
    f->is_private = sql_int(r, i, 3) != 0;
    f->is_bookmarked = sql_int(r, i, 4) != 0;
    f->creator_id = sql_text(r, i, 5);
    f->position = sql_int(r, i, 6);
    f->created_at = sql_int(r, i, 7);
    f->updated_at = sql_int(r, i, 8);
    f->deals_count = sql_int(r, i, 9);
    f->deals_amount = sql_number(r, i, 10);
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
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    int rc = query_one(st, a, Q_FUNNEL_FIND, args, 2, funnel_from_row, out);
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
    return rc ? rc : order_compact(st, a, Q_FUNNEL_ORDER, Q_FUNNEL_SET_POSITION, ws_id, NULL);
}

int funnel_move(struct store *st, struct arena *a, int64_t ws_id, const char *id, const char *after)
{
    return order_move(st, a, Q_FUNNEL_ORDER, Q_FUNNEL_SET_POSITION, ws_id, NULL, id, after);
}

/* ---- statuses ---------------------------------------------------------------------------- */

static void status_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct funnel_status *s = out;
    s->id = sql_text(r, i, 0);
    s->funnel_id = sql_text(r, i, 1);
    s->name = sql_text(r, i, 2);
    s->creator_id = sql_text(r, i, 3);
    s->position = sql_int(r, i, 4);
    s->created_at = sql_int(r, i, 5);
    s->updated_at = sql_int(r, i, 6);
    s->deals_count = sql_int(r, i, 7);
    s->deals_amount = sql_number(r, i, 8);
}

int status_list(struct store *st, struct arena *a, int64_t ws_id, const char *funnel_id,
                struct funnel_status **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(funnel_id)};
    void *items;
    int rc = query_all(st, a, Q_STATUS_LIST, args, 2, sizeof(**out), status_from_row, &items, n);
    if (!rc)
        *out = items;
    return rc;
}

int status_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
               struct funnel_status *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    return query_one(st, a, Q_STATUS_GET, args, 2, status_from_row, out);
}

int status_find(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                struct funnel_status *out)
{
    if (!slug_valid(id, strlen(id)))
        return RC_NOTFOUND;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    return query_one(st, a, Q_STATUS_FIND, args, 2, status_from_row, out);
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
    struct order o;
    int rc = order_load(st, a, Q_STATUS_ORDER, ws_id, s->funnel_id, &o);
    if (rc)
        return rc;
    const char *heir = NULL;
    for (size_t i = 0; i < o.n && !heir; i++)
        if (strcmp(o.ids[i], s->id) != 0)
            heir = o.ids[i];
    if (!heir)
        return RC_CONFLICT;
    rc = deal_evacuate_status(st, a, ws_id, s->id, heir);
    struct sql_val dargs[] = {SV_INT(ws_id), SV_TEXT(s->id)};
    if (!rc)
        rc = exec_one(st, Q_STATUS_DELETE, dargs, 2);
    return rc ? rc
              : order_compact(st, a, Q_STATUS_ORDER, Q_STATUS_SET_POSITION, ws_id, s->funnel_id);
}

int status_move(struct store *st, struct arena *a, int64_t ws_id, const struct funnel_status *s,
                const char *after)
{
    return order_move(st, a, Q_STATUS_ORDER, Q_STATUS_SET_POSITION, ws_id, s->funnel_id, s->id,
                      after);
}
