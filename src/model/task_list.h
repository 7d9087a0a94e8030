/* task_list.h — GET /tm/tasks: one page of a workspace's tasks, filtered and sorted.
 * The query is assembled for the filter's shape from the fragments in
 * sql/queries/task_list.sql and run with store_query_sql (prepared once per connection and
 * shape); docs/internals/tasks.md, "The task list", is the contract. Ids in the filter are
 * checked by the caller (an id of another workspace simply matches nothing here). */
#ifndef MODEL_TASK_LIST_H
#define MODEL_TASK_LIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/task.h"

struct arena;
struct store;

#define TASK_LIST_PER_PAGE_DEFAULT 50
#define TASK_LIST_PER_PAGE_MAX     100
#define TASK_LIST_TAGS_MAX         100 /* tags[] in one request */

enum task_list_state {
    TL_OPEN,      /* not deleted, not completed (the default) */
    TL_COMPLETED, /* not deleted, completed */
    TL_EVERY,     /* all=1: deleted and completed too */
};

enum task_list_sort {
    TL_SORT_DEFAULT, /* column position with a column filter, else id */
    TL_SORT_NAME,
    TL_SORT_TYPE,
    TL_SORT_PRIORITY,
    TL_SORT_DURATION,
    TL_SORT_OVERDUE,
    TL_SORT_CREATED,
    TL_SORT_DATE,
    TL_SORT_START,
};

struct task_filter {
    enum task_list_state state;
    int64_t project_id, board_id, column_id; /* 0 = any */
    const char *user_id;                     /* any assignee; NULL = any */
    const char *type;                        /* NULL = any */
    int64_t priority;                        /* TASK_NONE = any */
    const int64_t *tags;                     /* any of them; ntags 0 = any */
    size_t ntags;
    const char *search;          /* substring of title or description; NULL = any */
    int64_t span_from, span_to;  /* day numbers: [start, due] overlaps; TASK_NONE = any */
    int64_t completed_from_ms;   /* completed_at >= this; TASK_NONE = any */
    int64_t completed_before_ms; /* completed_at < this; TASK_NONE = any */
    enum task_list_sort sort;
    bool desc;      /* descending (NULLs stay last; ties stay by id ascending) */
    int64_t today;  /* day number, for the overdue sort */
    int64_t limit;  /* 1..TASK_LIST_PER_PAGE_MAX */
    int64_t offset; /* >= 0 */
};

/* The filter with nothing set: every field "any", state TL_OPEN, default sort. */
void task_filter_init(struct task_filter *f);

/* One page: *out (in a, never NULL on RC_OK) holds *n tasks, rows only (related arrays
 * not loaded), in the filter's order; *has_more says whether a further task exists.
 * RC_OK, RC_NOMEM, RC_INVALID (more than TASK_LIST_TAGS_MAX tags), or the store's rc. */
int task_list(struct store *st, struct arena *a, int64_t ws_id, const struct task_filter *f,
              struct task **out, size_t *n, bool *has_more);

/* The query task_list would run, assembled into *q (lq_sql(q), q->args, q->nargs), for
 * tests and EXPLAIN. RC_OK or task_list's rcs. */
struct list_query;
int task_list_sql(struct store *st, struct arena *a, int64_t ws_id, const struct task_filter *f,
                  struct list_query *q);

#endif
