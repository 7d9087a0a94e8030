/* comment.h — comments on tasks (docs/internals/tasks.md "Comments"). A comment belongs to
 * one task of one workspace; every function filters on both, so another task's or another
 * workspace's comment is simply not found. The caller checks the task (live for writes)
 * and runs everything in its transaction. */
#ifndef MODEL_COMMENT_H
#define MODEL_COMMENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

/* Decision: at most this many comments per task (a create beyond is refused), so a task's
 * comments stay readable page by page and one task cannot grow without bound. */
#define COMMENT_MAX_PER_TASK 10000
/* Decision: a comment's markdown is at most this many characters, as a task description */
#define COMMENT_MARKDOWN_MAX 65535
/* the comment list's page size: 1..COMMENT_LIMIT_MAX, default COMMENT_LIMIT_DEFAULT */
#define COMMENT_LIMIT_DEFAULT 50
#define COMMENT_LIMIT_MAX     100
/* an absent parent */
#define COMMENT_NONE INT64_MIN

struct comment {
    int64_t id;
    int64_t task_id;
    int64_t parent_id; /* COMMENT_NONE at the top level */
    const char *author_id;
    const char *markdown; /* as sent, byte for byte */
    int64_t created_at, updated_at;
};

/* A page of task_id's comments, newest first (ties by id, the newer first): limit rows
 * from offset; *more says whether a further comment exists. */
int comment_list(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t limit,
                 int64_t offset, struct comment **out, size_t *n, bool *more);
/* One comment of task_id. RC_OK or RC_NOTFOUND. */
int comment_get(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t id,
                struct comment *out);
/* How many comments task_id has. */
int comment_count(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id, int64_t *n);
/* What a comment create reads, read ahead in one exchange (PostgreSQL; store_prefetch):
 * task task_id's row (task_get_live) and its comment count. */
int comment_create_ahead(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id);
/* Insert c (task_id, parent_id, author_id, markdown set and checked by the caller, who read
 * the task in this transaction); c->id and the times are set. The task is touched. */
int comment_create(struct store *st, struct arena *a, int64_t ws_id, struct comment *c);
/* Delete comment id of task_id; its replies move to the top level. The task is touched.
 * RC_OK or RC_NOTFOUND. */
int comment_delete(struct store *st, int64_t ws_id, int64_t task_id, int64_t id);

#endif
