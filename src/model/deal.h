/* deal.h — CRM deals: the row, its place (funnel, status, and a sparse position key that
 * orders the status top first), its links (assignees, contacts, organizations, tags: ordered by
 * insertion) and its tasks (task-manager tasks, ordered within the deal). Every function
 * runs in the caller's transaction and checks nothing the api layer already checked;
 * everything returned lives in the arena. docs/internals/crm.md is the model. */
#ifndef MODEL_DEAL_H
#define MODEL_DEAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct arena;
struct list_query;
struct attachment;
struct task;
struct cf_entry;

#define DEAL_TITLE_MAX 255
#define DEAL_DESC_MAX  65535
#define DEAL_LIMIT_MAX 100

struct deal {
    const char *id, *funnel_id, *status_id, *creator_id;
    const char *title, *description, *win_status; /* each NULL when unset */
    bool has_amount;
    double amount;
    int64_t position, created_at, updated_at;
    /* filled by deal_fill_related */
    const char **assignees, **contacts, **organizations;
    size_t nassignees, ncontacts, norganizations;
    int64_t *tags;
    size_t ntags;
    struct task *tasks; /* live tasks in the deal's order, with their related arrays */
    size_t ntasks;
    struct attachment *attachments; /* metadata, upload order */
    size_t nattachments;
    struct cf_entry *custom_fields; /* its funnel's fields with values (model/cf_value.h) */
    size_t ncustom_fields;
};

/* The sets a deal links to; the index of each in deal_link_* calls. */
enum deal_link { DEAL_ASSIGNEES, DEAL_CONTACTS, DEAL_ORGANIZATIONS, DEAL_TAGS };

/* Filters of a status's deal list: NULL / 0 = not filtering. Sets are JSON array texts. */
struct deal_filter {
    const char *search; /* like_pattern() form */
    const char *assignees, *win_statuses, *tags, *organizations, *contacts;
    bool has_updated;
    int64_t updated_from, updated_to; /* Unix ms, [from, to) */
    const char *sort;                 /* NULL: the status's order */
    /* custom field pairs, JSON array text [{"f": fieldId, "v": value}, ...]: a deal
     * matches when, for every pair, its value of f equals v or (an array) contains it */
    const char *custom_fields;
    int64_t limit, offset;
};

/* A page of the status's deals with everything; *more tells whether more follow. Only the
 * filters f sets reach the query (sql/queries/deal_list.sql); deal_list_sql assembles it into
 * *q without running it (tests, EXPLAIN). */
int deal_list(struct store *st, struct arena *a, int64_t ws_id, const char *status_id,
              const struct deal_filter *f, struct deal **out, size_t *n, bool *more);
int deal_list_sql(struct store *st, struct arena *a, int64_t ws_id, const char *status_id,
                  const struct deal_filter *f, struct list_query *q);
/* The row only. RC_OK or RC_NOTFOUND (also for a string that is not a slug). */
int deal_get_row(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                 struct deal *out);
/* The deal with everything. */
int deal_get(struct store *st, struct arena *a, int64_t ws_id, const char *id, struct deal *out);
/* Load links and tasks of n deals. */
int deal_fill_related(struct store *st, struct arena *a, int64_t ws_id, struct deal *d, size_t n);

/* What a deal create (deal_id NULL) or move into status_id reads, ahead in one exchange
 * (PostgreSQL; store_prefetch): the status (status_find), its top key when the deal goes
 * on top (order_gap_edge) and the deal's row (deal_get_row); the reads then answer from
 * memory. Ids that are not slugs read nothing. */
int deal_place_ahead(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                     const char *status_id, bool top);
/* Insert d on top of d->status_id (funnel_id, creator_id and the fields set by the caller)
 * with its link arrays; d->id is set. */
int deal_create(struct store *st, struct arena *a, int64_t ws_id, struct deal *d);
/* Store title, description, amount, win_status; bump updated_at. */
int deal_update_fields(struct store *st, int64_t ws_id, const struct deal *d);
int deal_touch(struct store *st, int64_t ws_id, const char *id);
/* Put d into status_id of funnel_id just after deal `after` of that status (NULL = top).
 * RC_NOTFOUND when after is not another deal of that status. */
int deal_move(struct store *st, struct arena *a, int64_t ws_id, const struct deal *d,
              const char *funnel_id, const char *status_id, const char *after);
/* Delete d (links go with it; tasks stay in the task manager). */
int deal_delete(struct store *st, int64_t ws_id, const struct deal *d);

/* Links: v is SV_TEXT of an id (SV_INT for a tag). Add is idempotent (appends), remove of
 * an absent link a no-op; both touch the deal. Set replaces the whole set, keeping the
 * given order, and init inserts a new deal's link arrays: parts of a write of the deal
 * itself, which sets its updated_at, so they do not touch it. */
int deal_link_add(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  struct sql_val v);
int deal_link_remove(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                     struct sql_val v);
int deal_link_set(struct store *st, int64_t ws_id, const char *deal_id, enum deal_link k,
                  const struct sql_val *v, size_t n);
int deal_links_init(struct store *st, int64_t ws_id, const struct deal *d);
/* Whether an organization / contact id names one in the workspace (their tables belong to
 * another migration; weeekd checks them by these own queries). RC_OK or RC_NOTFOUND. */
int deal_ref_exists(struct store *st, struct arena *a, int64_t ws_id, enum deal_link k,
                    const char *id);

/* Tasks: append (idempotent), the live task ids in order, move task_id after `after` (0 =
 * first; RC_NOTFOUND when either is not a live task of the deal), and unlink. Append and
 * unlink touch the deal; a move only reorders. */
int deal_task_add(struct store *st, int64_t ws_id, const char *deal_id, int64_t task_id);
int deal_task_ids(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                  int64_t **ids, size_t *n);
int deal_task_move(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                   int64_t task_id, int64_t after);
int deal_task_remove(struct store *st, int64_t ws_id, const char *deal_id, int64_t task_id);

#endif
