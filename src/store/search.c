/* search.c — see search.h.
 * Decision: the folded text is kept in a column per row, written by the program, because
 * neither SQLite nor PostgreSQL folds case as one library does on every host (lower() is
 * ASCII-only on SQLite and locale-bound on PostgreSQL). Rows that predate the column are
 * folded by store_search_backfill when a pool opens, as SQL cannot call libunistring. */
#include "store/search.h"
#include "store/driver.h"
#include "core/arena.h"
#include "core/fold.h"
#include "core/rc.h"
#include "core/common.h"

#include <string.h>

/* Decision: the texts of a row are joined by U+001F (unit separator), which no searched
 * field is expected to hold, so a search never matches across two fields. */
#define SEARCH_SEP   "\x1f"
#define SEARCH_BATCH 256

static const struct {
    enum sql_id unfolded, source, set;
} kinds[] = {
    [SEARCH_TASK] = {Q_SEARCH_TASK_UNFOLDED, Q_SEARCH_TASK_SOURCE, Q_SEARCH_TASK_SET},
    [SEARCH_DEAL] = {Q_SEARCH_DEAL_UNFOLDED, Q_SEARCH_DEAL_SOURCE, Q_SEARCH_DEAL_SET},
    [SEARCH_CONTACT] = {Q_SEARCH_CONTACT_UNFOLDED, Q_SEARCH_CONTACT_SOURCE, Q_SEARCH_CONTACT_SET},
    [SEARCH_ORGANIZATION] = {Q_SEARCH_ORGANIZATION_UNFOLDED, Q_SEARCH_ORGANIZATION_SOURCE,
                             Q_SEARCH_ORGANIZATION_SET},
    [SEARCH_PORTFOLIO] = {Q_SEARCH_PORTFOLIO_UNFOLDED, Q_SEARCH_PORTFOLIO_SOURCE,
                          Q_SEARCH_PORTFOLIO_SET},
};

/* The texts folded and joined as search_text, in a; NULL when out of memory. */
static const char *fold_join(struct arena *a, const char *const *texts, size_t n)
{
    size_t total = 1;
    const char **parts = arena_calloc(a, n + 1, sizeof(*parts));
    if (!parts)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        if (!(parts[i] = fold_text(a, texts[i] ? texts[i] : "")))
            return NULL;
        total += strlen(parts[i]) + 1;
    }
    char *text = arena_alloc(a, total), *w = text;
    if (!text)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        size_t len = strlen(parts[i]);
        if (i)
            *w++ = SEARCH_SEP[0];
        memcpy(w, parts[i], len);
        w += len;
    }
    *w = '\0';
    return text;
}

static int refresh(struct store *st, struct arena *a, enum search_kind k, struct sql_val ws,
                   struct sql_val id)
{
    struct sql_val key[] = {ws, id};
    struct sql_rows r;
    int rc = store_query(st, a, kinds[k].source, key, ARRAY_LEN(key), &r);
    if (rc)
        return rc;
    const char **texts = arena_calloc(a, r.nrows + 1, sizeof(*texts));
    if (!texts)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++)
        texts[i] = sql_text(&r, i, 0);
    const char *text = fold_join(a, texts, r.nrows);
    if (!text)
        return RC_NOMEM;
    struct sql_val args[] = {ws, id, SV_TEXT(text)};
    return store_exec(st, kinds[k].set, args, ARRAY_LEN(args), NULL);
}

int store_search_set(struct store *st, enum search_kind k, int64_t ws_id, struct sql_val id,
                     const char *const *texts, size_t n)
{
    struct arena a;
    arena_init(&a, ARENA_DEFAULT_LIMIT);
    const char *text = fold_join(&a, texts, n);
    struct sql_val args[] = {SV_INT(ws_id), id, SV_TEXT_OR_NULL(text)};
    /* the queued write keeps a copy of the text */
    int rc = text ? store_exec_later(st, kinds[k].set, args, ARRAY_LEN(args), false) : RC_NOMEM;
    arena_reset(&a);
    return rc;
}

int store_search_refresh(struct store *st, enum search_kind k, int64_t ws_id, struct sql_val id)
{
    struct arena a;
    arena_init(&a, ARENA_DEFAULT_LIMIT);
    int rc = refresh(st, &a, k, SV_INT(ws_id), id);
    arena_reset(&a);
    return rc;
}

/* One batch of kind k: *done when no NULL row was left. A store with nothing to fold
 * (every open but the first after 0011) takes no write lock: a CLI command opening it
 * beside a busy server does not queue behind the server's writes. */
static int backfill_batch(struct store *st, struct arena *a, enum search_kind k, bool *done)
{
    struct sql_val lim[] = {SV_INT(SEARCH_BATCH)};
    struct sql_rows r;
    int rc = store_query(st, a, kinds[k].unfolded, lim, ARRAY_LEN(lim), &r);
    if (rc || (*done = r.nrows == 0))
        return rc;
    if ((rc = store_begin(st, TX_WRITE)))
        return rc;
    rc = store_query(st, a, kinds[k].unfolded, lim, ARRAY_LEN(lim), &r);
    for (size_t i = 0; !rc && i < r.nrows; i++)
        rc = refresh(st, a, k, *sql_cell(&r, i, 0), *sql_cell(&r, i, 1));
    if (rc) {
        store_rollback(st);
        return rc;
    }
    *done = r.nrows == 0;
    return store_commit(st);
}

int store_search_backfill(struct store *st)
{
    int rc = RC_OK;
    for (size_t k = 0; !rc && k < ARRAY_LEN(kinds); k++) {
        bool done = false;
        while (!rc && !done) {
            struct arena a;
            arena_init(&a, ARENA_DEFAULT_LIMIT);
            rc = backfill_batch(st, &a, (enum search_kind)k, &done);
            arena_reset(&a);
        }
    }
    return rc;
}
