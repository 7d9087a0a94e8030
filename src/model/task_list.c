/* task_list.c — see task_list.h. The query text is assembled from the fragments of
 * sql/queries/task_list.sql (SQLF_*) and nothing else: values only ever travel as
 * parameters, so the number of distinct texts is bounded by the number of shapes (filters
 * present x sort x direction x number of tags), which the per-connection statement cache
 * of store_query_sql absorbs. */
#include "model/task_list.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

/* the longest text: every fragment once plus TASK_LIST_TAGS_MAX "$NNN, ", or
 * TASK_LIST_UNION_MAX union arms of every fragment each */
#define TASK_LIST_SQL_MAX 16384
/* up to this many tags, the default order uses one index walk per tag (put_tag_union) */
#define TASK_LIST_UNION_MAX 8

void task_filter_init(struct task_filter *f)
{
    *f = (struct task_filter){
        .state = TL_OPEN,
        .priority = TASK_NONE,
        .span_from = TASK_NONE,
        .span_to = TASK_NONE,
        .completed_from_ms = TASK_NONE,
        .completed_before_ms = TASK_NONE,
        .sort = TL_SORT_DEFAULT,
        .limit = TASK_LIST_PER_PAGE_DEFAULT,
    };
}

struct qb {
    struct buf b;
    struct sql_val *args;
    size_t nargs, cap;
    int rc;
};

/* Append frag, numbering each "$_" in it as the next parameter, bound to vals[0], vals[1]
 * ... in turn; frag must hold exactly nvals of them. */
static void put(struct qb *q, const char *frag, const struct sql_val *vals, size_t nvals)
{
    size_t used = 0;
    if (q->rc)
        return;
    if (q->b.len)
        q->rc = buf_puts(&q->b, " ");
    for (const char *p = frag; !q->rc && *p;) {
        const char *mark = strstr(p, "$_");
        size_t n = mark ? (size_t)(mark - p) : strlen(p);
        q->rc = buf_append(&q->b, p, n);
        p += n;
        if (!mark || q->rc)
            break;
        if (used == nvals || q->nargs == q->cap) {
            q->rc = RC_INTERNAL;
            break;
        }
        q->args[q->nargs++] = vals[used++];
        q->rc = buf_printf(&q->b, "$%zu", q->nargs);
        p += 2;
    }
    if (!q->rc && used != nvals)
        q->rc = RC_INTERNAL;
}

static void put1(struct qb *q, const char *frag, struct sql_val v)
{
    put(q, frag, &v, 1);
}

static void put0(struct qb *q, const char *frag)
{
    put(q, frag, NULL, 0);
}

static const char *sort_key(const struct task_filter *f)
{
    switch (f->sort) {
    case TL_SORT_NAME:
        return SQLF_TASK_LIST_KEY_NAME;
    case TL_SORT_TYPE:
        return SQLF_TASK_LIST_KEY_TYPE;
    case TL_SORT_PRIORITY:
        return SQLF_TASK_LIST_KEY_PRIORITY;
    case TL_SORT_DURATION:
        return SQLF_TASK_LIST_KEY_DURATION;
    case TL_SORT_OVERDUE:
        return SQLF_TASK_LIST_KEY_OVERDUE;
    case TL_SORT_CREATED:
        return SQLF_TASK_LIST_KEY_CREATED;
    case TL_SORT_DATE:
        return SQLF_TASK_LIST_KEY_DATE;
    case TL_SORT_START:
        return SQLF_TASK_LIST_KEY_START;
    default:
        return NULL;
    }
}

/* The id column that drives the default order: a joined table's task_id makes the planner
 * walk that join's index in id order and stop after one page, instead of scanning the
 * workspace's tasks and probing the join for each (tasks.id equals it, so the order is the
 * same). Boards and members before projects and tags: usually the fewer rows. one_tag:
 * the tag joined in this (part of the) query, 0 for none. */
static const char *driving_id(const struct task_filter *f, int64_t one_tag)
{
    if (f->board_id)
        return "lb.task_id";
    if (f->user_id)
        return "ua.task_id";
    if (one_tag)
        return "tg.task_id";
    if (f->project_id)
        return "lp.task_id";
    return "t.id";
}

/* The inner query's joins and WHERE clause: every filter of f, with one_tag joined
 * (0: f's tags, if several, as "any of"). pattern: the search's LIKE pattern or NULL. */
static void put_body(struct qb *q, const struct task_filter *f, int64_t one_tag,
                     const char *pattern)
{
    if (f->project_id)
        put1(q, SQLF_TASK_LIST_JOIN_PROJECT, SV_INT(f->project_id));
    if (f->board_id)
        put1(q, SQLF_TASK_LIST_JOIN_BOARD, SV_INT(f->board_id));
    if (f->column_id)
        put1(q, SQLF_TASK_LIST_JOIN_COLUMN, SV_INT(f->column_id));
    if (f->user_id)
        put1(q, SQLF_TASK_LIST_JOIN_USER, SV_TEXT(f->user_id));
    if (one_tag)
        put1(q, SQLF_TASK_LIST_JOIN_TAG, SV_INT(one_tag));
    put0(q, SQLF_TASK_LIST_WHERE);
    if (f->state == TL_OPEN)
        put0(q, SQLF_TASK_LIST_OPEN);
    else if (f->state == TL_COMPLETED)
        put0(q, SQLF_TASK_LIST_COMPLETED);
    if (!one_tag && f->ntags > 1) {
        put0(q, SQLF_TASK_LIST_TAGS_ANY);
        for (size_t i = 0; i < f->ntags; i++)
            put1(q, i + 1 < f->ntags ? "$_," : "$_))", SV_INT(f->tags[i]));
    }
    if (f->type)
        put1(q, SQLF_TASK_LIST_TYPE, SV_TEXT(f->type));
    if (f->priority != TASK_NONE)
        put1(q, SQLF_TASK_LIST_PRIORITY, SV_INT(f->priority));
    if (pattern) {
        struct sql_val v[] = {SV_TEXT(pattern), SV_TEXT(pattern)};
        put(q, SQLF_TASK_LIST_SEARCH, v, 2);
    }
    if (f->span_from != TASK_NONE) {
        struct sql_val v[] = {SV_INT(f->span_to), SV_INT(f->span_from)};
        put(q, SQLF_TASK_LIST_SPAN, v, 2);
    }
    if (f->completed_from_ms != TASK_NONE)
        put1(q, SQLF_TASK_LIST_COMPLETED_FROM, SV_INT(f->completed_from_ms));
    if (f->completed_before_ms != TASK_NONE)
        put1(q, SQLF_TASK_LIST_COMPLETED_BEFORE, SV_INT(f->completed_before_ms));
}

/* Several tags in id order: the union of one index walk per tag, each in task order and
 * cut after offset + limit + 1 rows, then the page of that union. "Any of the tags" as one
 * IN (...) instead makes SQLite collect every tagged task of the workspace and sort them
 * (cost: all the tags' rows, per request); this costs ntags x (offset + limit) rows at
 * most, and never more than those rows exist. */
static void put_tag_union(struct qb *q, const struct task_filter *f, const char *pattern)
{
    put0(q, SQLF_TASK_LIST_UNION_HEAD);
    for (size_t i = 0; i < f->ntags; i++) {
        if (i)
            put0(q, "UNION");
        put0(q, SQLF_TASK_LIST_ARM_HEAD);
        put_body(q, f, f->tags[i], pattern);
        if (!q->rc)
            q->rc = buf_printf(&q->b, " ORDER BY %s", driving_id(f, f->tags[i]));
        put1(q, SQLF_TASK_LIST_ARM_TAIL, SV_INT(f->offset + f->limit + 1));
    }
    put0(q, SQLF_TASK_LIST_UNION_TAIL);
}

int task_list_sql(struct arena *a, int64_t ws_id, const struct task_filter *f, const char **sql,
                  struct sql_val **args, size_t *nargs)
{
    if (f->ntags > TASK_LIST_TAGS_MAX)
        return RC_INVALID;
    const char *key = sort_key(f);
    bool by_position = !key && f->column_id;
    bool tag_union = !key && !by_position && f->ntags > 1 && f->ntags <= TASK_LIST_UNION_MAX;
    /* every scalar filter once (per union arm), with room */
    struct qb q = {.cap = tag_union ? 8 + 20 * f->ntags : 24 + f->ntags};
    q.args = arena_alloc(a, q.cap * sizeof(*q.args));
    if (!q.args)
        return RC_NOMEM;
    buf_init(&q.b, a, TASK_LIST_SQL_MAX);
    q.args[q.nargs++] = SV_INT(ws_id); /* $1 in every fragment */
    const char *pattern = NULL;
    if (f->search && !(pattern = like_pattern(a, f->search)))
        return RC_NOMEM;
    int64_t one_tag = f->ntags == 1 ? f->tags[0] : 0;

    /* inner: the page's ids and sort keys */
    if (tag_union) {
        put_tag_union(&q, f, pattern);
    } else {
        put0(&q, SQLF_TASK_LIST_INNER_HEAD);
        if (f->sort == TL_SORT_OVERDUE) {
            struct sql_val today[] = {SV_INT(f->today), SV_INT(f->today)};
            put(&q, key, today, 2);
        } else {
            put0(&q, key           ? key
                     : by_position ? SQLF_TASK_LIST_KEY_POSITION
                                   : driving_id(f, one_tag));
        }
        put0(&q, SQLF_TASK_LIST_INNER_FROM);
        put_body(&q, f, one_tag, pattern);
    }
    /* NULLs last in both directions (SQLite puts them first in ascending order by
     * default); ties by id ascending, so the order is total and paging never skips */
    const char *dir = !key ? "" : f->desc ? " DESC NULLS LAST" : " ASC NULLS LAST";
    if (!q.rc)
        q.rc = buf_printf(&q.b, " ORDER BY psk%s%s", dir, key || by_position ? ", t.id" : "");
    /* one row past the page says whether another page follows */
    struct sql_val page[] = {SV_INT(f->limit + 1), SV_INT(f->offset)};
    put(&q, "LIMIT $_ OFFSET $_", page, 2);
    if (q.rc)
        return q.rc;

    /* outer: the full rows of those ids, in the same order */
    struct buf whole;
    buf_init(&whole, a, TASK_LIST_SQL_MAX + 512);
    int rc = buf_printf(&whole, "SELECT %s FROM tasks JOIN (%s) p %s p.psk%s, p.pid", TASK_COLUMNS,
                        q.b.ptr, SQLF_TASK_LIST_OUTER, dir);
    if (rc)
        return rc;
    *sql = whole.ptr;
    *args = q.args;
    *nargs = q.nargs;
    return RC_OK;
}

int task_list(struct store *st, struct arena *a, int64_t ws_id, const struct task_filter *f,
              struct task **out, size_t *n, bool *has_more)
{
    const char *sql;
    struct sql_val *args;
    size_t nargs;
    int rc = task_list_sql(a, ws_id, f, &sql, &args, &nargs);
    if (rc)
        return rc;
    struct sql_rows r;
    rc = store_query_sql(st, a, sql, args, nargs, &r);
    if (rc)
        return rc;
    size_t rows = r.nrows;
    *has_more = rows > (size_t)f->limit;
    if (*has_more)
        rows = (size_t)f->limit;
    struct task *items = arena_calloc(a, rows ? rows : 1, sizeof(*items));
    if (!items)
        return RC_NOMEM;
    for (size_t i = 0; i < rows; i++)
        task_from_row(&r, i, &items[i]);
    *out = items;
    *n = rows;
    return RC_OK;
}
