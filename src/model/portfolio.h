/* portfolio.h — project portfolios: named groups of projects that may nest (parentId).
 * Deleting a portfolio detaches its projects and makes its children top-level; nothing
 * else is deleted. */
#ifndef MODEL_PORTFOLIO_H
#define MODEL_PORTFOLIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;
struct list_query;

#define PORTFOLIO_NAME_MAX 255

struct portfolio {
    int64_t id;
    const char *name;
    int64_t parent_id; /* 0 = top level */
    bool is_private;
};

struct portfolio_filter {
    int64_t parent_id;  /* 0 = any */
    const char *search; /* substring of the name, case-insensitive (ASCII); NULL = any */
    int64_t limit, offset;
};

/* One page, in id order; *has_more says whether rows follow it. Only the filters f sets reach
 * the query (sql/queries/portfolio_list.sql); portfolio_list_sql assembles it into *q without
 * running it (tests, EXPLAIN). */
int portfolio_list(struct store *st, struct arena *a, int64_t ws_id,
                   const struct portfolio_filter *f, struct portfolio **out, size_t *n,
                   bool *has_more);
int portfolio_list_sql(struct store *st, struct arena *a, int64_t ws_id,
                       const struct portfolio_filter *f, struct list_query *q);
/* RC_OK or RC_NOTFOUND. */
int portfolio_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
                  struct portfolio *out);
/* p->id is filled in; p->parent_id must name a portfolio of ws (checked by the caller). */
int portfolio_create(struct store *st, struct arena *a, int64_t ws_id, struct portfolio *p);
/* Store p's name and privacy. RC_OK or RC_NOTFOUND. */
int portfolio_update(struct store *st, int64_t ws_id, const struct portfolio *p);
int portfolio_delete(struct store *st, int64_t ws_id, int64_t id);

#endif
