/* list_query.h — the one builder of the filtered lists (tasks, deals, contacts,
 * organizations, portfolios). A list's SQL is assembled for the request's shape — which
 * filters are present, which sort — from the "-- fragment:" blocks of
 * sql/queries/<kind>_list.sql, so each WHERE clause is written once and only the filters a
 * request uses reach the planner (a catch-all "CAST($n AS ..) IS NULL OR ..." query gets
 * one plan for every shape, and no one plan serves them all). Values always travel as
 * parameters, never as text, so the distinct texts are bounded by the shapes and
 * store_query_sql prepares each once per connection. docs/internals/lists.md.
 *
 * Use: lq_init (or lq_begin), then lq_put* in the order the SQL reads, then lq_page (or
 * lq_end) and lq_run (or lq_page_all). A failure is kept in q->rc and makes every later call a
 * no-op, so the assembly needs no error checks until the run. Everything lives in the arena. */
#ifndef MODEL_LIST_QUERY_H
#define MODEL_LIST_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "store/store.h"

struct arena;

/* the longest text: the task list's every fragment in each of 8 union arms */
#define LIST_QUERY_SQL_MAX 16384

struct list_query {
    struct store *st; /* runs the query; its database picks each fragment's text */
    struct arena *a;
    struct buf b;
    struct sql_val *args;
    size_t nargs, cap;
    int rc; /* the first failure (RC_NOMEM, RC_TOOBIG, RC_INTERNAL for a miscount) */
};

/* Start a query whose fragments read $1 as ws_id, with room for max_args parameters in
 * all (ws_id included). RC_OK or RC_NOMEM (also kept in q->rc). */
int lq_init(struct list_query *q, struct store *st, struct arena *a, int64_t ws_id,
            size_t max_args);

/* lq_init and the list's head fragment (no parameters but $1); lq_end: lq_page, then the
 * assembly's rc. A list's builder is lq_begin, its filters and order, lq_end. */
void lq_begin(struct list_query *q, struct store *st, struct arena *a, int64_t ws_id,
              size_t max_args, enum sql_frag_id head);
int lq_end(struct list_query *q, int64_t limit, int64_t offset);

/* Append fragment f, numbering each "$_" in it as the next parameter, bound to vals[0],
 * vals[1] ... in turn: f must hold exactly n of them (else RC_INTERNAL). "$=" after a
 * "$_" of the same fragment is that parameter again (a pattern matched against several
 * columns). */
void lq_put(struct list_query *q, enum sql_frag_id f, const struct sql_val *vals, size_t n);
void lq_put0(struct list_query *q, enum sql_frag_id f);
void lq_put1(struct list_query *q, enum sql_frag_id f, struct sql_val v);
/* The same for a fixed text of the program (punctuation and keywords between fragments,
 * never input). */
void lq_text(struct list_query *q, const char *text, const struct sql_val *vals, size_t n);
/* A set filter, "any of these": fragment f, which ends with the column and opens one
 * parenthesis ("AND EXISTS (SELECT ... AND x.member_id"), then the set as one parameter
 * (list_in_json, or list_in_json_int for integers: sql/queries/list.sql), then ")".
 * Nothing when the set is NULL / empty. json: a JSON array text. */
void lq_any(struct list_query *q, enum sql_frag_id f, const char *json, bool ints);
void lq_any_texts(struct list_query *q, enum sql_frag_id f, const char *const *v, size_t n);
void lq_any_ints(struct list_query *q, enum sql_frag_id f, const int64_t *v, size_t n);
/* A substring search: fragment f, whose "$_" (and "$=") get text as a LIKE pattern
 * (like_pattern(): case-folded, escaped). Nothing when text is NULL. */
void lq_search(struct list_query *q, enum sql_frag_id f, const char *text);
/* "LIMIT $_ OFFSET $_" for limit + 1 rows: the extra row says whether more follow. */
void lq_page(struct list_query *q, int64_t limit, int64_t offset);

/* The SQL text so far (in the arena); NULL after a failure. */
const char *lq_sql(const struct list_query *q);
/* Run the query: RC_OK, q->rc, or the store's rc. */
int lq_run(struct list_query *q, struct sql_rows *out);
/* Run a query that ends with lq_page(q, limit, ...): the first limit rows go to a new
 * array (never NULL on RC_OK) of elem_size items filled by from_row, *n their count,
 * *has_more whether another row followed. */
int lq_page_all(struct list_query *q, int64_t limit, size_t elem_size,
                void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n,
                bool *has_more);

/* The JSON array text of v[0..n) ("[\"a\",\"b\"]", "[1,2]"): a set as one parameter, as
 * lq_any_* and the *_for queries (a page's related rows) take it. NULL when the arena is
 * exhausted. */
const char *lq_json_texts(struct arena *a, const char *const *v, size_t n);
const char *lq_json_ints(struct arena *a, const int64_t *v, size_t n);

#endif
