/* order.c — see order.h. The tables below are the only place that says which queries order
 * which kind; their SQL sits with each resource's queries (sql/queries), one shape per way. */
#include "model/order.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

/* Dense: list takes the parent ($1..$k) and returns (id, position) in order; set takes the
 * parent, then the id ($k+1) and the new position ($k+2). */
static const struct {
    enum sql_id list, set;
} dense[] = {
    [ORDER_BOARDS] = {Q_BOARD_ORDER, Q_BOARD_SET_POSITION},
    [ORDER_COLUMNS] = {Q_COLUMN_ORDER, Q_COLUMN_SET_POSITION},
    [ORDER_FUNNELS] = {Q_FUNNEL_ORDER, Q_FUNNEL_SET_POSITION},
    [ORDER_STATUSES] = {Q_STATUS_ORDER, Q_STATUS_SET_POSITION},
    [ORDER_FIELDS] = {Q_CF_ORDER, Q_CF_SET_POSITION},
    [ORDER_OPTIONS] = {Q_CF_OPTION_ORDER, Q_CF_OPTION_SET_POSITION},
    [ORDER_DEAL_TASKS] = {Q_DEAL_TASK_ORDER, Q_DEAL_TASK_SET_POSITION},
};

/* Sparse: every query takes (ws_id $1, parent $2), then
 *   first / last (self $3)          the smallest / largest key but self's (NULL: none)
 *   next / prev (pivot $3, self $4) the nearest key above / below pivot but self's
 *   key (id $3)                     the id's key (no row: not a child)
 *   renumber (gap $3)               keys 0, gap, 2 * gap... in order
 *   move_all (to $3, shift $4)      every child to parent `to`, its key + shift
 * `text` says whether ids are text (slugs) or integers, for a self that names no child. */
static const struct {
    enum sql_id first, last, next, prev, key, renumber, move_all;
    bool text;
} gap[] = {
    [GAP_COLUMN_TASKS] = {Q_COLUMN_FIRST_POSITION, Q_COLUMN_LAST_POSITION, Q_COLUMN_NEXT_POSITION,
                          Q_COLUMN_PREV_POSITION, Q_COLUMN_TASK_POSITION, Q_COLUMN_RENUMBER,
                          Q_COLUMN_MOVE_ALL, false},
    [GAP_STATUS_DEALS] = {Q_DEAL_FIRST_POSITION, Q_DEAL_LAST_POSITION, Q_DEAL_NEXT_POSITION,
                          Q_DEAL_PREV_POSITION, Q_DEAL_POSITION, Q_DEAL_RENUMBER, Q_DEAL_MOVE_ALL,
                          true},
    [GAP_SUBTASKS] = {Q_SUBTASK_FIRST_POSITION, Q_SUBTASK_LAST_POSITION, Q_SUBTASK_NEXT_POSITION,
                      Q_SUBTASK_PREV_POSITION, Q_SUBTASK_POSITION, Q_SUBTASK_RENUMBER,
                      Q_SUBTASK_MOVE_ALL, false},
};

/* ---- dense ------------------------------------------------------------------------------- */

static long index_of(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return (long)i;
    return -1;
}

int order_move_ids(int64_t *ids, size_t n, int64_t id, int64_t target, bool after)
{
    long from = index_of(ids, n, id);
    if (from < 0 || (target && index_of(ids, n, target) < 0))
        return -1;
    if (target == id)
        return 0;
    /* take id out, then insert it next to target in the shortened array */
    memmove(&ids[from], &ids[from + 1], (n - (size_t)from - 1) * sizeof(*ids));
    size_t to = 0;
    if (target)
        to = (size_t)index_of(ids, n - 1, target) + (after ? 1 : 0);
    memmove(&ids[to + 1], &ids[to], (n - 1 - to) * sizeof(*ids));
    ids[to] = id;
    return 0;
}

static bool same_id(const struct sql_val *x, const struct sql_val *y)
{
    if (x->type != y->type)
        return false;
    if (x->type == SQL_INT)
        return x->u.i == y->u.i;
    return x->type == SQL_TEXT && x->u.s.len == y->u.s.len &&
           memcmp(x->u.s.ptr, y->u.s.ptr, x->u.s.len) == 0;
}

/* The children in order: their ids (as read) and stored positions. */
struct children {
    struct sql_val *ids;
    int64_t *pos;
    size_t n;
};

static int load(struct store *st, struct arena *a, enum order_dense k, const struct sql_val *parent,
                size_t nparent, struct children *c)
{
    struct sql_rows r;
    int rc = store_query(st, a, dense[k].list, parent, nparent, &r);
    if (rc)
        return rc;
    c->ids = arena_calloc(a, r.nrows + 1, sizeof(*c->ids));
    c->pos = arena_calloc(a, r.nrows + 1, sizeof(*c->pos));
    if (!c->ids || !c->pos)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++) {
        c->ids[i] = *sql_cell(&r, i, 0);
        c->pos[i] = sql_int(&r, i, 1);
    }
    c->n = r.nrows;
    return RC_OK;
}

static long child_index(const struct children *c, const struct sql_val *id)
{
    for (size_t i = 0; i < c->n; i++)
        if (same_id(&c->ids[i], id))
            return (long)i;
    return -1;
}

/* Write position k to the child the permutation perm (1-based indexes into c, as
 * order_move_ids wants non-zero ids) puts at k, where it differs from the stored one. */
static int write_positions(struct store *st, enum order_dense k, const struct sql_val *parent,
                           size_t nparent, const struct children *c, const int64_t *perm)
{
    struct sql_val args[ORDER_PARENT_MAX + 2];
    if (nparent > ORDER_PARENT_MAX)
        return RC_INTERNAL;
    memcpy(args, parent, nparent * sizeof(*args));
    for (size_t at = 0; at < c->n; at++) {
        size_t i = (size_t)(perm[at] - 1);
        if (c->pos[i] == (int64_t)at)
            continue;
        args[nparent] = c->ids[i];
        args[nparent + 1] = SV_INT((int64_t)at);
        int rc = store_exec(st, dense[k].set, args, nparent + 2, NULL);
        if (rc)
            return rc;
    }
    return RC_OK;
}

static int64_t *identity(struct arena *a, size_t n)
{
    int64_t *perm = arena_alloc(a, (n + 1) * sizeof(*perm));
    for (size_t i = 0; perm && i < n; i++)
        perm[i] = (int64_t)i + 1;
    return perm;
}

int order_move(struct store *st, struct arena *a, enum order_dense k, const struct sql_val *parent,
               size_t nparent, struct sql_val id, const struct sql_val *target, bool after)
{
    struct children c;
    int rc = load(st, a, k, parent, nparent, &c);
    if (rc)
        return rc;
    int64_t *perm = identity(a, c.n);
    if (!perm)
        return RC_NOMEM;
    long from = child_index(&c, &id), to = target ? child_index(&c, target) : -1;
    if (from < 0 || (target && to < 0))
        return RC_NOTFOUND;
    order_move_ids(perm, c.n, from + 1, to + 1, after);
    return write_positions(st, k, parent, nparent, &c, perm);
}

int order_compact(struct store *st, struct arena *a, enum order_dense k,
                  const struct sql_val *parent, size_t nparent)
{
    struct children c;
    int rc = load(st, a, k, parent, nparent, &c);
    if (rc)
        return rc;
    int64_t *perm = identity(a, c.n);
    return perm ? write_positions(st, k, parent, nparent, &c, perm) : RC_NOMEM;
}

int order_move_after(struct store *st, struct arena *a, enum order_dense k, int64_t ws_id,
                     struct sql_val parent, struct sql_val id, struct sql_val after)
{
    struct sql_val args[] = {SV_INT(ws_id), parent};
    bool front = after.type == SQL_NULL;
    return order_move(st, a, k, args, 2, id, front ? NULL : &after, true);
}

int order_delete_child(struct store *st, struct arena *a, enum order_dense k, enum sql_id del,
                       int64_t ws_id, struct sql_val parent, struct sql_val id)
{
    struct sql_val args[] = {SV_INT(ws_id), id}, owner[] = {SV_INT(ws_id), parent};
    int rc = exec_one(st, del, args, 2);
    return rc ? rc : order_compact(st, a, k, owner, 2);
}

/* ---- sparse ------------------------------------------------------------------------------ */

/* One key from q (a NULL-free first row); *has false when it found none. */
static int key_query(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                     size_t nargs, bool *has, int64_t *key)
{
    struct sql_rows r;
    int rc = store_query(st, a, q, args, nargs, &r);
    if (rc)
        return rc;
    *has = r.nrows && sql_cell(&r, 0, 0)->type != SQL_NULL;
    *key = *has ? sql_int(&r, 0, 0) : 0;
    return RC_OK;
}

static int renumber(struct store *st, enum order_gap k, int64_t ws_id, struct sql_val parent)
{
    struct sql_val args[] = {SV_INT(ws_id), parent, SV_INT(ORDER_GAP)};
    return store_exec(st, gap[k].renumber, args, 3, NULL);
}

/* a self that names no child */
static struct sql_val nobody(enum order_gap k)
{
    return gap[k].text ? SV_TEXT("") : SV_INT(0);
}

void order_gap_edge_ahead(enum order_gap k, int64_t ws_id, struct sql_val parent,
                          struct sql_val self, bool top, struct sql_val *args,
                          struct store_prefetch *out)
{
    args[0] = SV_INT(ws_id);
    args[1] = parent;
    args[2] = self;
    *out = (struct store_prefetch){top ? gap[k].first : gap[k].last, args, 3};
}

int order_gap_edge(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                   struct sql_val parent, struct sql_val self, bool top, int64_t *key)
{
    for (int pass = 0; pass < 2; pass++) {
        struct sql_val args[] = {SV_INT(ws_id), parent, self};
        bool has;
        int64_t edge;
        int rc = key_query(st, a, top ? gap[k].first : gap[k].last, args, 3, &has, &edge);
        if (rc)
            return rc;
        if (!has) {
            *key = 0;
            return RC_OK;
        }
        if (top ? edge >= ORDER_FLOOR : edge <= -ORDER_FLOOR) {
            *key = top ? edge - ORDER_GAP : edge + ORDER_GAP;
            return RC_OK;
        }
        /* decades of tops (or ends) in one parent: start again from 0 */
        rc = renumber(st, k, ws_id, parent);
        if (rc)
            return rc;
    }
    return RC_INTERNAL; /* after a renumbering the edges are far from the limits */
}

int order_gap_beside(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                     struct sql_val parent, struct sql_val self, struct sql_val target, bool after,
                     int64_t *key)
{
    for (int pass = 0; pass < 2; pass++) {
        struct sql_val kargs[] = {SV_INT(ws_id), parent, target};
        bool has;
        int64_t pivot, other;
        int rc = key_query(st, a, gap[k].key, kargs, 3, &has, &pivot);
        if (!rc && !has)
            rc = RC_NOTFOUND;
        if (rc)
            return rc;
        struct sql_val args[] = {SV_INT(ws_id), parent, SV_INT(pivot), self};
        rc = key_query(st, a, after ? gap[k].next : gap[k].prev, args, 4, &has, &other);
        if (rc)
            return rc;
        bool full;
        if (!has) {
            *key = after ? pivot + ORDER_GAP : pivot - ORDER_GAP;
            full = after ? pivot > -ORDER_FLOOR : pivot < ORDER_FLOOR;
        } else {
            int64_t lo = after ? pivot : other, hi = after ? other : pivot;
            *key = lo + (hi - lo) / 2;
            full = hi - lo < 2;
        }
        if (!full)
            return RC_OK;
        rc = renumber(st, k, ws_id, parent);
        if (rc)
            return rc;
    }
    return RC_INTERNAL; /* after a renumbering every gap is ORDER_GAP wide */
}

int order_gap_move_all(struct store *st, struct arena *a, enum order_gap k, int64_t ws_id,
                       struct sql_val from, struct sql_val to)
{
    struct sql_val fargs[] = {SV_INT(ws_id), from, nobody(k)};
    struct sql_val targs[] = {SV_INT(ws_id), to, nobody(k)};
    bool has_from, has_to;
    int64_t first, last;
    int rc = key_query(st, a, gap[k].first, fargs, 3, &has_from, &first);
    if (!rc && has_from)
        rc = key_query(st, a, gap[k].last, targs, 3, &has_to, &last);
    if (rc || !has_from)
        return rc;
    /* the block keeps its order and lands ORDER_GAP past the last child of `to`; keys stay
     * within the int64 range (both within ORDER_FLOOR of 0, give or take a gap) */
    int64_t shift = has_to ? last + ORDER_GAP - first : 0;
    struct sql_val args[] = {SV_INT(ws_id), from, to, SV_INT(shift)};
    rc = store_exec(st, gap[k].move_all, args, 4, NULL);
    /* far apart keys could come close to the limits: start `to` afresh */
    return rc ? rc : renumber(st, k, ws_id, to);
}
