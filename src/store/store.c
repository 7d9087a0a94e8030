/* store.c — the generic half of the store: URL dispatch to a driver, the fixed connection
 * pool, migrations, and the thin wrappers every model function calls.
 * Migrations are sql/schema/NNNN_*.sql, made into the driver's SQL and embedded at build
 * time (tools/schemagen.awk); each runs in
 * its own transaction together with its schema_version row, so a crash never leaves a
 * half-applied schema. */
#include "store/store.h"
#include "store/driver.h"
#include "core/embed.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/fault.h"
#include "core/rc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/common.h"

_Static_assert(STMT_CACHE_SIZE == STORE_SQL_CACHE, "the statement cache holds STORE_SQL_CACHE");

extern const struct embedded_file schema_sqlite[];
extern const struct embedded_file schema_pg[];

struct store_pool {
    const struct store_driver *drv;
    struct store **all;
    int n;
    struct store *free_list;
    pthread_mutex_t mu;
    pthread_cond_t cv;
};

static atomic_uint_fast64_t n_errors, n_busy, n_reconnects, n_pool_waits, pool_wait_ns,
    n_round_trips, n_write_txs, n_commits, n_write_waits;

void store_count_commit(void)
{
    atomic_fetch_add_explicit(&n_commits, 1, memory_order_relaxed);
}

void store_count_write_wait(void)
{
    atomic_fetch_add_explicit(&n_write_waits, 1, memory_order_relaxed);
}

void store_count_round_trip(void)
{
    atomic_fetch_add_explicit(&n_round_trips, 1, memory_order_relaxed);
}

void store_count_reconnect(void)
{
    atomic_fetch_add_explicit(&n_reconnects, 1, memory_order_relaxed);
}

void store_stats(struct store_stats *out)
{
    out->errors = atomic_load_explicit(&n_errors, memory_order_relaxed);
    out->busy = atomic_load_explicit(&n_busy, memory_order_relaxed);
    out->reconnects = atomic_load_explicit(&n_reconnects, memory_order_relaxed);
    out->pool_waits = atomic_load_explicit(&n_pool_waits, memory_order_relaxed);
    out->pool_wait_ns = atomic_load_explicit(&pool_wait_ns, memory_order_relaxed);
    out->round_trips = atomic_load_explicit(&n_round_trips, memory_order_relaxed);
    out->write_txs = atomic_load_explicit(&n_write_txs, memory_order_relaxed);
    out->commits = atomic_load_explicit(&n_commits, memory_order_relaxed);
    out->write_waits = atomic_load_explicit(&n_write_waits, memory_order_relaxed);
}

/* every public call's rc passes through here on its way out */
static int counted(int rc)
{
    if (rc == RC_BUSY)
        atomic_fetch_add_explicit(&n_busy, 1, memory_order_relaxed);
    else if (rc == RC_STORE || rc == RC_INTERNAL)
        atomic_fetch_add_explicit(&n_errors, 1, memory_order_relaxed);
    return rc;
}

#define SCHEMA_VERSION_DDL                                                     \
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, " \
    "name TEXT NOT NULL, applied_at BIGINT NOT NULL)"

bool store_url_is_memory(const char *url)
{
    return strcmp(url, "memory:") == 0 || strcmp(url, "sqlite::memory:") == 0;
}

static int parse_url(const char *url, const struct store_driver **drv, const char **target)
{
    if (store_url_is_memory(url)) {
        *drv = &sqlite_driver;
        *target = ":memory:";
        return RC_OK;
    }
    if (strncmp(url, "sqlite:", 7) == 0) {
        *drv = &sqlite_driver;
        *target = url + 7;
        if (strncmp(*target, "//", 2) == 0)
            *target += 2; /* sqlite:///abs/path and sqlite://rel both work */
        return **target ? RC_OK : RC_INVALID;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        *drv = &pg_driver;
        *target = url; /* libpq parses the whole URL */
        return RC_OK;
    }
    return RC_INVALID;
}

static int file_version(const char *name, int64_t *out)
{
    /* "0001_init.sql" -> 1 */
    size_t n = 0;
    while (name[n] >= '0' && name[n] <= '9')
        n++;
    if (n == 0 || name[n] != '_')
        return -1;
    return str_to_i64(name, n, out);
}

static int migrate(struct store *st, char *err, size_t errlen)
{
    const struct embedded_file *files =
        strcmp(st->drv->schema_dir, "pg") == 0 ? schema_pg : schema_sqlite;
    /* under the migration lock: CREATE TABLE IF NOT EXISTS alone races between two
     * processes starting at once on PostgreSQL */
    int rc = st->drv->migrate_begin(st);
    if (!rc) {
        rc = st->drv->script(st, SCHEMA_VERSION_DDL);
        if (!rc)
            rc = st->drv->commit(st);
        else
            st->drv->rollback(st);
    }
    if (!rc)
        rc = st->drv->prepare(st, Q_SCHEMA_VERSIONS);
    if (!rc)
        rc = st->drv->prepare(st, Q_SCHEMA_VERSION_ADD);
    if (rc) {
        snprintf(err, errlen, "cannot prepare the schema_version table: %s", st->errmsg);
        return rc;
    }
    for (const struct embedded_file *f = files; f->name; f++) {
        int64_t v;
        if (file_version(f->name, &v)) {
            snprintf(err, errlen, "bad migration file name %s", f->name);
            return RC_INTERNAL;
        }
        struct arena a;
        arena_init(&a, 0);
        rc = st->drv->migrate_begin(st);
        struct sql_rows rows = {0};
        if (!rc)
            rc = st->drv->query(st, &a, Q_SCHEMA_VERSIONS, NULL, 0, &rows, NULL);
        bool applied = false;
        for (size_t i = 0; !rc && i < rows.nrows; i++)
            if (sql_cell(&rows, i, 0)->u.i == v)
                applied = true;
        if (!rc && !applied) {
            char *sql = arena_strndup(&a, (const char *)f->data, f->len);
            rc = sql ? st->drv->script(st, sql) : RC_NOMEM;
            struct sql_val args[] = {SV_INT(v), SV_TEXT(f->name), SV_INT(clock_now_ms())};
            if (!rc)
                rc = st->drv->query(st, &a, Q_SCHEMA_VERSION_ADD, args, 3, NULL, NULL);
        }
        if (!rc)
            rc = st->drv->commit(st);
        if (rc) {
            snprintf(err, errlen, "migration %s failed: %s", f->name, st->errmsg);
            st->drv->rollback(st);
        }
        arena_reset(&a);
        if (rc)
            return rc;
    }
    return RC_OK;
}

static int prepare_all(struct store *st, char *err, size_t errlen)
{
    for (int q = 0; q < Q__COUNT; q++) {
        int rc = st->drv->prepare(st, (enum sql_id)q);
        if (rc) {
            snprintf(err, errlen, "%s", st->errmsg);
            return rc;
        }
    }
    return RC_OK;
}

int store_pool_open(struct store_pool **out, const char *url, const struct store_opts *o, char *err,
                    size_t errlen)
{
    const struct store_driver *drv;
    const char *target;
    struct store_opts opts = o ? *o : (struct store_opts){0};
    if (opts.nconn <= 0)
        opts.nconn = 1;
    if (parse_url(url, &drv, &target)) {
        snprintf(err, errlen,
                 "unsupported database URL '%s' (expected sqlite:PATH or postgresql://...)", url);
        return RC_INVALID;
    }
    /* Decision: an in-memory store is one SQLite ":memory:" connection, the only one of the
     * pool, so it lives exactly as long as the pool and every request thread shares it
     * (store_acquire queues them). Several connections would each see a database of their
     * own, and a shared-cache or memdb database makes readers fail or spin on a writer's
     * lock; one connection never waits on a lock. */
    if (store_url_is_memory(url))
        opts.nconn = 1;
    struct store_pool *p = calloc(1, sizeof(*p));
    if (!p || !(p->all = calloc((size_t)opts.nconn, sizeof(*p->all)))) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return RC_NOMEM;
    }
    p->drv = drv;
    pthread_mutex_init(&p->mu, NULL);
    pthread_cond_init(&p->cv, NULL);
    int rc = RC_OK;
    for (int i = 0; i < opts.nconn && !rc; i++) {
        struct store *st = NULL;
        rc = drv->open(&st, target, &opts, err, errlen);
        if (rc)
            break;
        p->all[p->n++] = st;
        arena_init(&st->later_mem, ARENA_DEFAULT_LIMIT);
        if (i == 0)
            rc = migrate(st, err, errlen);
        if (!rc)
            rc = prepare_all(st, err, errlen);
        if (!rc && i == 0 && (rc = store_search_backfill(st)))
            snprintf(err, errlen, "folding the search text of older rows failed: %s", st->errmsg);
        st->next_free = p->free_list;
        p->free_list = st;
    }
    if (rc) {
        store_pool_close(p);
        return rc;
    }
    *out = p;
    return RC_OK;
}

static void drop_sql(void *ctx, void *stmt)
{
    struct store *st = ctx;
    st->drv->drop_sql(st, stmt);
}

void store_pool_close(struct store_pool *p)
{
    if (!p)
        return;
    for (int i = 0; i < p->n; i++) {
        stmt_cache_clear(&p->all[i]->sql_cache, drop_sql, p->all[i]);
        arena_reset(&p->all[i]->later_mem);
        p->drv->close(p->all[i]);
    }
    pthread_mutex_destroy(&p->mu);
    pthread_cond_destroy(&p->cv);
    free(p->all);
    free(p);
}

const char *store_pool_driver(const struct store_pool *p)
{
    return p->drv->name;
}

struct store *store_acquire(struct store_pool *p)
{
    pthread_mutex_lock(&p->mu);
    if (!p->free_list) {
        int64_t t0 = clock_mono_ns();
        while (!p->free_list)
            pthread_cond_wait(&p->cv, &p->mu);
        atomic_fetch_add_explicit(&n_pool_waits, 1, memory_order_relaxed);
        atomic_fetch_add_explicit(&pool_wait_ns, (uint64_t)(clock_mono_ns() - t0),
                                  memory_order_relaxed);
    }
    struct store *st = p->free_list;
    p->free_list = st->next_free;
    pthread_mutex_unlock(&p->mu);
    return st;
}

/* What a transaction kept for later (prefetched rows, the read along, writes not sent
 * yet) ends with it. */
static void forget_tx(struct store *st)
{
    st->nprefetched = 0;
    st->along.state = ALONG_NONE;
    st->nlater = 0;
    arena_reset(&st->later_mem);
    st->tx_open = false;
}

void store_release(struct store_pool *p, struct store *st)
{
    forget_tx(st);
    pthread_mutex_lock(&p->mu);
    st->next_free = p->free_list;
    p->free_list = st;
    pthread_cond_signal(&p->cv);
    pthread_mutex_unlock(&p->mu);
}

/* An injected store fault (core/fault.h) fails the call as the driver would: with a
 * message for the log, nothing run, and for commit the transaction rolled back, as both
 * drivers leave it after a failed COMMIT. */
static int injected(struct store *st, int rc)
{
    snprintf(st->errmsg, sizeof(st->errmsg), "injected fault (%s)", rc_name(rc));
    return rc;
}

int store_begin_ws(struct store *st, enum tx_kind kind, int64_t ws_id)
{
    forget_tx(st);
    st->tx_rc = RC_OK;
    st->tx_kind = kind;
    int rc = fault_store();
    rc = rc ? injected(st, rc) : st->drv->begin(st, kind, ws_id > 0 ? ws_id : 0);
    st->tx_open = rc == RC_OK;
    return counted(rc);
}

int store_begin(struct store *st, enum tx_kind kind)
{
    return store_begin_ws(st, kind, 0);
}

int store_commit(struct store *st)
{
    st->nprefetched = 0;
    st->along.state = ALONG_NONE;
    int rc = fault_store();
    if (rc) {
        injected(st, rc);
        if (st->drv->commit_fail)
            rc = st->drv->commit_fail(st, rc);
        else
            st->drv->rollback(st);
        forget_tx(st);
        return counted(rc);
    }
    /* the driver sends the writes still queued with its COMMIT */
    rc = st->drv->commit(st);
    if (!rc && st->tx_kind == TX_WRITE)
        atomic_fetch_add_explicit(&n_write_txs, 1, memory_order_relaxed);
    forget_tx(st);
    return counted(rc);
}

void store_rollback(struct store *st)
{
    forget_tx(st);
    st->drv->rollback(st);
}

static bool same_args(const struct sql_val *x, const struct sql_val *y, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (x[i].type != y[i].type)
            return false;
        switch (x[i].type) {
        case SQL_NULL:
            break;
        case SQL_INT:
            if (x[i].u.i != y[i].u.i)
                return false;
            break;
        case SQL_REAL:
            if (x[i].u.d != y[i].u.d)
                return false;
            break;
        case SQL_TEXT:
        case SQL_BLOB:
            if (x[i].u.s.len != y[i].u.s.len ||
                (x[i].u.s.len && memcmp(x[i].u.s.ptr, y[i].u.s.ptr, x[i].u.s.len) != 0))
                return false;
            break;
        }
    }
    return true;
}

/* The prefetched rows of q with these arguments into out, taken out of the set; false
 * when there are none. */
static bool take_prefetched(struct store *st, enum sql_id q, const struct sql_val *args,
                            size_t nargs, struct sql_rows *out)
{
    for (size_t i = 0; i < st->nprefetched; i++) {
        struct prefetched *p = &st->prefetched[i];
        if (p->key.q == q && p->key.nargs == nargs && same_args(p->key.args, args, nargs)) {
            *out = p->rows;
            *p = st->prefetched[--st->nprefetched];
            return true;
        }
    }
    return false;
}

int store_prefetch(struct store *st, struct arena *a, const struct store_prefetch *p, size_t n)
{
    if (!st->drv->query_batch || n == 0)
        return RC_OK;
    if (n > STORE_PREFETCH_MAX)
        return RC_INTERNAL;
    int rc = fault_store();
    if (rc)
        return injected(st, rc);
    /* added to what is still unread (a deal's rows, then its tasks' rows) while room lasts */
    if (st->nprefetched + n > STORE_PREFETCH_MAX)
        st->nprefetched = 0;
    struct sql_rows *rows = arena_calloc(a, n, sizeof(*rows));
    if (!rows)
        return RC_NOMEM;
    rc = st->drv->query_batch(st, a, p, n, rows);
    if (rc)
        return counted(rc);
    for (size_t i = 0; i < n; i++) {
        rc = store_keep(st, a, &p[i], &rows[i]);
        if (rc)
            return rc;
    }
    return RC_OK;
}

bool store_remote(const struct store *st)
{
    return st->drv->query_batch != NULL;
}

int store_keep(struct store *st, struct arena *a, const struct store_prefetch *p,
               const struct sql_rows *rows)
{
    if (st->nprefetched == STORE_PREFETCH_MAX)
        return RC_OK;
    /* the caller's argument array is its own; the values it points at live in a */
    struct sql_val *args = arena_alloc(a, (p->nargs ? p->nargs : 1) * sizeof(*args));
    if (!args)
        return RC_NOMEM;
    if (p->nargs)
        memcpy(args, p->args, p->nargs * sizeof(*args));
    st->prefetched[st->nprefetched++] = (struct prefetched){{p->q, args, p->nargs}, *rows};
    return RC_OK;
}

int store_read_along(struct store *st, struct arena *a, const struct store_prefetch *p)
{
    st->along.state = ALONG_NONE;
    if (!st->drv->query_batch)
        return RC_OK;
    struct sql_val *args = arena_alloc(a, (p->nargs ? p->nargs : 1) * sizeof(*args));
    if (!args)
        return RC_NOMEM;
    if (p->nargs)
        memcpy(args, p->args, p->nargs * sizeof(*args));
    st->along = (struct store_along){{p->q, args, p->nargs}, a, {0}, ALONG_QUEUED};
    return RC_OK;
}

int store_tx_failure(const struct store *st)
{
    return st->tx_rc;
}

int store_columns(struct store *st, enum sql_id q, size_t *n)
{
    return st->drv->columns(st, q, n);
}

int store_query(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                size_t nargs, struct sql_rows *out)
{
    int rc = fault_store();
    if (rc)
        return counted(injected(st, rc));
    if (st->along.state != ALONG_NONE && st->along.key.q == q && st->along.key.nargs == nargs &&
        same_args(st->along.key.args, args, nargs)) {
        bool ready = st->along.state == ALONG_READY;
        st->along.state = ALONG_NONE; /* not sent yet: it runs now, as any query */
        if (ready) {
            *out = st->along.rows;
            return RC_OK;
        }
    }
    if (st->nprefetched) {
        if (take_prefetched(st, q, args, nargs, out))
            return RC_OK;
        /* an INSERT ... RETURNING is a write too: what was read ahead may be stale now */
        if (!query_texts[q].reads)
            st->nprefetched = 0;
    }
    return counted(st->drv->query(st, a, q, args, nargs, out, NULL));
}

int store_exec(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs,
               int64_t *changed)
{
    st->nprefetched = 0; /* a write may change what they would read now */
    int rc = fault_store();
    return counted(rc ? injected(st, rc) : st->drv->query(st, NULL, q, args, nargs, NULL, changed));
}

/* exec_one's rule for a write that must change one row */
static int exec_expect(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs,
                       bool expect_one)
{
    int64_t changed = 0;
    int rc = store_exec(st, q, args, nargs, &changed);
    return rc ? rc : expect_one && changed != 1 ? RC_NOTFOUND : RC_OK;
}

int store_exec_later(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs,
                     bool expect_one)
{
    /* outside a transaction no COMMIT would carry it: it runs now */
    if (!st->drv->defers_writes || !st->tx_open)
        return exec_expect(st, q, args, nargs, expect_one);
    st->nprefetched = 0; /* a write may change what they would read now */
    int rc = fault_store();
    if (rc)
        return counted(injected(st, rc));
    if (st->nlater == STORE_LATER_MAX) {
        /* full: this one goes now, with the queued ones ahead of it */
        return exec_expect(st, q, args, nargs, expect_one);
    }
    struct sql_val *copy = arena_alloc(&st->later_mem, (nargs ? nargs : 1) * sizeof(*copy));
    if (!copy)
        return RC_NOMEM;
    for (size_t i = 0; i < nargs; i++) {
        copy[i] = args[i];
        if ((args[i].type == SQL_TEXT || args[i].type == SQL_BLOB) && args[i].u.s.len) {
            char *b = arena_alloc(&st->later_mem, args[i].u.s.len);
            if (!b)
                return RC_NOMEM;
            memcpy(b, args[i].u.s.ptr, args[i].u.s.len);
            copy[i].u.s.ptr = b;
        }
    }
    st->later[st->nlater++] = (struct store_later){q, copy, nargs, expect_one};
    return RC_OK;
}

const char *store_errmsg(const struct store *st)
{
    return st->errmsg;
}

int store_query_sql(struct store *st, struct arena *a, const char *sql, const struct sql_val *args,
                    size_t nargs, struct sql_rows *out)
{
    int frc = fault_store();
    if (frc)
        return injected(st, frc);
    void *stmt = stmt_cache_get(&st->sql_cache, sql);
    if (!stmt) {
        int rc = st->drv->prepare_sql(st, sql, &stmt);
        if (rc)
            return counted(rc);
        if (stmt_cache_put(&st->sql_cache, sql, stmt, drop_sql, st)) {
            st->drv->drop_sql(st, stmt);
            return RC_NOMEM;
        }
    }
    return counted(st->drv->query_sql(st, a, stmt, args, nargs, out));
}

static int64_t latest_migration(const struct store_driver *drv)
{
    const struct embedded_file *f = strcmp(drv->schema_dir, "pg") == 0 ? schema_pg : schema_sqlite;
    int64_t v = 0, latest = 0;
    for (; f->name; f++)
        if (file_version(f->name, &v) == 0 && v > latest)
            latest = v;
    return latest;
}

int store_ready(struct store_pool *p, char *why, size_t whylen)
{
    struct store *st = store_acquire(p);
    struct arena a;
    arena_init(&a, 0);
    struct sql_rows rows = {0};
    int rc = store_begin(st, TX_READ);
    if (!rc)
        rc = store_query(st, &a, Q_SCHEMA_VERSIONS, NULL, 0, &rows);
    if (rc) {
        snprintf(why, whylen, "the store does not answer: %s", st->errmsg);
    } else {
        int64_t have = 0, want = latest_migration(p->drv);
        for (size_t i = 0; i < rows.nrows; i++)
            if (sql_cell(&rows, i, 0)->u.i > have)
                have = sql_cell(&rows, i, 0)->u.i;
        if (have != want) {
            snprintf(why, whylen, "schema version %lld, this binary needs %lld", (long long)have,
                     (long long)want);
            rc = RC_BUSY;
        }
    }
    store_rollback(st);
    arena_reset(&a);
    store_release(p, st);
    return rc;
}

bool store_sqlite_path(const char *url, char *path, size_t pathlen)
{
    const struct store_driver *drv;
    const char *target;
    if (parse_url(url, &drv, &target) || drv != &sqlite_driver || strlen(target) >= pathlen)
        return false;
    snprintf(path, pathlen, "%s", target);
    return true;
}

static int copy_sqlite(const char *url, const char *file, bool restore, char *err, size_t errlen)
{
    char path[4096];
    if (!store_sqlite_path(url, path, sizeof(path))) {
        snprintf(err, errlen, "not an SQLite store URL: '%s'", url);
        return RC_INVALID;
    }
    return restore ? sqlite_copy(file, path, true, err, errlen)
                   : sqlite_copy(path, file, true, err, errlen);
}

int store_backup(const char *url, const char *file, char *err, size_t errlen)
{
    return copy_sqlite(url, file, false, err, errlen);
}

int store_restore(const char *url, const char *file, char *err, size_t errlen)
{
    return copy_sqlite(url, file, true, err, errlen);
}

const char *store_fragment(const struct store *st, enum sql_frag_id f)
{
    return st->drv == &pg_driver ? frag_texts[f].pg : frag_texts[f].sqlite;
}

void store_sql_cache_stats(const struct store *st, struct store_sql_cache_stats *out)
{
    const struct stmt_cache *c = &st->sql_cache;
    *out = (struct store_sql_cache_stats){
        .entries = c->n, .hits = c->hits, .misses = c->misses, .evictions = c->evictions};
}
