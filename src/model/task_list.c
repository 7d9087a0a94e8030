/* task_list.c — see task_list.h. The query is assembled by model/list_query.c from the
 * fragments of sql/queries/task_list.sql: the distinct texts are bounded by the shapes
 * (filters present x sort x direction x number of tags), which the per-connection
 * statement cache of store_query_sql absorbs. */
#include "model/task_list.h"
#include "model/list_query.h"
#include "model/util.h"
#include "core/rc.h"
#include "core/common.h"

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

static int sort_key(const struct task_filter *f)
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
        return -1;
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
static void put_body(struct list_query *q, const struct task_filter *f, int64_t one_tag,
                     const char *pattern)
{
    if (f->project_id)
        lq_put1(q, SQLF_TASK_LIST_JOIN_PROJECT, SV_INT(f->project_id));
    if (f->board_id)
        lq_put1(q, SQLF_TASK_LIST_JOIN_BOARD, SV_INT(f->board_id));
    if (f->column_id)
        lq_put1(q, SQLF_TASK_LIST_JOIN_COLUMN, SV_INT(f->column_id));
    if (f->user_id)
        lq_put1(q, SQLF_TASK_LIST_JOIN_USER, SV_TEXT(f->user_id));
    if (one_tag)
        lq_put1(q, SQLF_TASK_LIST_JOIN_TAG, SV_INT(one_tag));
    lq_put0(q, SQLF_TASK_LIST_WHERE);
    if (f->state == TL_OPEN)
        lq_put0(q, SQLF_TASK_LIST_OPEN);
    else if (f->state == TL_COMPLETED)
        lq_put0(q, SQLF_TASK_LIST_COMPLETED);
    if (!one_tag && f->ntags > 1)
        lq_any_ints(q, SQLF_TASK_LIST_TAGS_ANY, f->tags, f->ntags);
    if (f->type)
        lq_put1(q, SQLF_TASK_LIST_TYPE, SV_TEXT(f->type));
    if (f->priority != TASK_NONE)
        lq_put1(q, SQLF_TASK_LIST_PRIORITY, SV_INT(f->priority));
    if (pattern)
        lq_put1(q, SQLF_TASK_LIST_SEARCH, SV_TEXT(pattern));
    if (f->span_from != TASK_NONE) {
        struct sql_val v[] = {SV_INT(f->span_to), SV_INT(f->span_from)};
        lq_put(q, SQLF_TASK_LIST_SPAN, v, 2);
    }
    if (f->completed_from_ms != TASK_NONE)
        lq_put1(q, SQLF_TASK_LIST_COMPLETED_FROM, SV_INT(f->completed_from_ms));
    if (f->completed_before_ms != TASK_NONE)
        lq_put1(q, SQLF_TASK_LIST_COMPLETED_BEFORE, SV_INT(f->completed_before_ms));
}

/* Several tags in id order: the union of one index walk per tag, each in task order and
 * cut after offset + limit + 1 rows, then the page of that union. "Any of the tags" as one
 * IN (...) instead makes SQLite collect every tagged task of the workspace and sort them
 * (cost: all the tags' rows, per request); this costs ntags x (offset + limit) rows at
 * most, and never more than those rows exist. */
static void put_tag_union(struct list_query *q, const struct task_filter *f, const char *pattern)
{
    lq_put0(q, SQLF_TASK_LIST_UNION_HEAD);
    for (size_t i = 0; i < f->ntags; i++) {
        if (i)
            lq_text(q, "UNION", NULL, 0);
        lq_put0(q, SQLF_TASK_LIST_ARM_HEAD);
        put_body(q, f, f->tags[i], pattern);
        lq_text(q, "ORDER BY", NULL, 0);
        lq_text(q, driving_id(f, f->tags[i]), NULL, 0);
        lq_put1(q, SQLF_TASK_LIST_ARM_TAIL, SV_INT(f->offset + f->limit + 1));
    }
    lq_put0(q, SQLF_TASK_LIST_UNION_TAIL);
}

/* Assemble the whole query into q (started by the caller with ws_id as $1). */
static void build(struct list_query *q, const struct task_filter *f, const char *pattern)
{
    int key = sort_key(f);
    bool by_position = key < 0 && f->column_id;
    bool tag_union = key < 0 && !by_position && f->ntags > 1 && f->ntags <= TASK_LIST_UNION_MAX;
    int64_t one_tag = f->ntags == 1 ? f->tags[0] : 0;

    /* inner (the outer SELECT's head is in already): the page's ids and sort keys */
    if (tag_union) {
        put_tag_union(q, f, pattern);
    } else {
        lq_put0(q, SQLF_TASK_LIST_INNER_HEAD);
        if (f->sort == TL_SORT_OVERDUE) {
            struct sql_val today[] = {SV_INT(f->today), SV_INT(f->today)};
            lq_put(q, (enum sql_frag_id)key, today, 2);
        } else if (key >= 0) {
            lq_put0(q, (enum sql_frag_id)key);
        } else if (by_position) {
            lq_put0(q, SQLF_TASK_LIST_KEY_POSITION);
        } else {
            lq_text(q, driving_id(f, one_tag), NULL, 0);
        }
        lq_put0(q, SQLF_TASK_LIST_INNER_FROM);
        put_body(q, f, one_tag, pattern);
    }
    /* NULLs last in both directions (SQLite puts them first in ascending order by
     * default). Decision: ties by id in the sort's direction (docs/internals/tasks.md), so
     * the order is total, paging never skips, and tasks created in the same millisecond
     * list newest first under -created as they would with distinct stamps */
    bool desc = key >= 0 && f->desc;
    const char *dir = key < 0 ? "" : desc ? "DESC NULLS LAST" : "ASC NULLS LAST";
    lq_text(q, "ORDER BY psk", NULL, 0);
    lq_text(q, dir, NULL, 0);
    if (key >= 0 || by_position)
        lq_text(q, desc ? ", t.id DESC" : ", t.id", NULL, 0);
    lq_page(q, f->limit, f->offset);
    /* outer: the full rows of those ids, in the same order */
    lq_put0(q, SQLF_TASK_LIST_OUTER);
    lq_text(q, dir, NULL, 0);
    lq_text(q, desc ? ", p.pid DESC" : ", p.pid", NULL, 0);
}

int task_list_sql(struct store *st, struct arena *a, int64_t ws_id, const struct task_filter *f,
                  struct list_query *q)
{
    if (f->ntags > TASK_LIST_TAGS_MAX)
        return RC_INVALID;
    const char *pattern = NULL;
    if (f->search && !(pattern = like_pattern(a, f->search)))
        return RC_NOMEM;
    /* every filter once (per union arm), with room */
    size_t cap = f->ntags > 1 && f->ntags <= TASK_LIST_UNION_MAX ? 8 + 20 * f->ntags : 24;
    lq_begin(q, st, a, ws_id, cap, SQLF_TASK_LIST_HEAD);
    build(q, f, pattern);
    return q->rc;
}

int task_list(struct store *st, struct arena *a, int64_t ws_id, const struct task_filter *f,
              struct task **out, size_t *n, bool *has_more)
{
    struct list_query q;
    int rc = task_list_sql(st, a, ws_id, f, &q);
    return rc ? rc
              : lq_page_all(&q, f->limit, sizeof(**out), task_from_row, (void **)out, n, has_more);
}
