/* driver.h — what a storage driver provides to store.c. Private to src/store/. */
#ifndef STORE_DRIVER_H
#define STORE_DRIVER_H

#include "store/store.h"
#include "store/stmt_cache.h"
#include "core/arena.h"

struct store_driver {
    const char *name;
    /* open one connection to target (the URL without its scheme for SQLite, the whole URL
     * for PostgreSQL); no queries prepared yet */
    int (*open)(struct store **out, const char *target, const struct store_opts *o, char *err,
                size_t errlen);
    void (*close)(struct store *st);
    /* run a multi-statement SQL script outside any prepared statement (migrations) */
    int (*script)(struct store *st, const char *sql);
    /* prepare named query q; a failure names the query in errmsg */
    int (*prepare)(struct store *st, enum sql_id q);
    /* ws_id > 0: a TX_WRITE that touches only that workspace's rows (PostgreSQL locks
     * just that workspace); 0: the whole store */
    int (*begin)(struct store *st, enum tx_kind kind, int64_t ws_id);
    int (*commit)(struct store *st);
    /* optional: end the transaction as a COMMIT that failed with rc would (store_commit's
     * injected fault); without it, a rollback */
    int (*commit_fail)(struct store *st, int rc);
    void (*rollback)(struct store *st);
    int (*query)(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                 size_t nargs, struct sql_rows *out, int64_t *changed);
    /* how many columns named query q answers (0 for a statement without rows) */
    int (*columns)(struct store *st, enum sql_id q, size_t *n);
    /* begin the migration transaction, serialised across processes (also across
     * connections of one process); store.c creates schema_version inside it too */
    int (*migrate_begin)(struct store *st);
    /* SQL text built at run time (store_query_sql): prepare sql ($N placeholders) into a
     * handle for the connection's stmt_cache, drop a handle leaving it, and run one */
    int (*prepare_sql)(struct store *st, const char *sql, void **stmt);
    void (*drop_sql)(struct store *st, void *stmt);
    int (*query_sql)(struct store *st, struct arena *a, void *stmt, const struct sql_val *args,
                     size_t nargs, struct sql_rows *out);
    /* optional: run n named queries as one exchange (store_prefetch); out[i] gets the rows
     * of p[i]; the first failure's rc */
    int (*query_batch)(struct store *st, struct arena *a, const struct store_prefetch *p, size_t n,
                       struct sql_rows *out);
    /* optional: the driver sends st->later with its next exchange (store_exec_later); else
     * store.c runs each write at once */
    bool defers_writes;
    /* which migration set this driver uses: "sqlite" or "pg" */
    const char *schema_dir;
};

/* Every driver's connection struct starts with this. */
struct store {
    const struct store_driver *drv;
    struct store *next_free; /* pool free list */
    char errmsg[256];
    struct stmt_cache sql_cache; /* statements of store_query_sql, by text */
    /* rows fetched ahead by store_prefetch, each answered once */
    struct prefetched {
        struct store_prefetch key;
        struct sql_rows rows;
    } prefetched[STORE_PREFETCH_MAX];
    size_t nprefetched;
    /* store_read_along: one read that rides with the transaction's next exchange */
    struct store_along {
        struct store_prefetch key;
        struct arena *a;
        struct sql_rows rows;
        enum { ALONG_NONE, ALONG_QUEUED, ALONG_READY } state;
    } along;
    /* store_exec_later: writes waiting for the next exchange, their arguments copied into
     * later_mem (reset when the transaction ends) */
    struct store_later {
        enum sql_id q;
        const struct sql_val *args;
        size_t nargs;
        bool expect_one;
    } later[STORE_LATER_MAX];
    size_t nlater;
    struct arena later_mem;
    bool tx_open; /* between a successful store_begin and its commit or rollback */
    /* the failure of the transaction's deferred start (store_tx_failure) */
    int tx_rc;
    enum tx_kind tx_kind; /* of the open (or last) transaction */
};

extern const struct store_driver sqlite_driver;
extern const struct store_driver pg_driver;

/* sqlite.c: copy one SQLite database file into another (store_backup, store_restore);
 * need_weeekd refuses a source without weeekd's schema_version table */
int sqlite_copy(const char *from, const char *to, bool need_weeekd, char *err, size_t errlen);

/* store.c: process-wide counters the drivers add to (store_stats) */
void store_count_reconnect(void);
/* one exchange with the database server that the caller waited for (store_stats) */
void store_count_round_trip(void);
/* a COMMIT of a write transaction that succeeded (SQLite: of a batch); a writer that found
 * the write lock taken and waited (store_stats) */
void store_count_commit(void);
void store_count_write_wait(void);

/* Fold every row whose search_text is NULL (rows written before migration 0011), in
 * write transactions of a bounded batch each (search.c). store_pool_open runs it after
 * migrating. */
int store_search_backfill(struct store *st);

#endif
