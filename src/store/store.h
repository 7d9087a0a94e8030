/* store.h — the storage interface: a pool of connections to one database, each used by
 * one request at a time, with named queries from sql/queries/ prepared at open.
 * Drivers (sqlite.c, pg.c) sit behind struct store_driver; nothing above this layer
 * knows which database it talks to. Rows are copied into the caller's arena.
 * See docs/internals/store.md. */
#ifndef STORE_STORE_H
#define STORE_STORE_H

#include <stdbool.h>
#include <assert.h>
#include <stddef.h>
#include <stdint.h>

#include "core/str.h"
#include "queries.h"

struct arena;

/* SQL_BLOB: bytes (SQLite BLOB, PostgreSQL BYTEA) in u.s, bound and read without any
 * text conversion; a blob read back is also NUL-terminated in the arena, like text. */
enum sql_type { SQL_NULL, SQL_INT, SQL_REAL, SQL_TEXT, SQL_BLOB };

struct sql_val {
    enum sql_type type;
    union {
        int64_t i;
        double d;
        struct str s;
    } u;
};

#define SV_NULL     ((struct sql_val){.type = SQL_NULL})
#define SV_INT(x)   ((struct sql_val){.type = SQL_INT, .u.i = (x)})
#define SV_REAL(x)  ((struct sql_val){.type = SQL_REAL, .u.d = (x)})
#define SV_STR(x)   ((struct sql_val){.type = SQL_TEXT, .u.s = (x)})
#define SV_TEXT(cs) ((struct sql_val){.type = SQL_TEXT, .u.s = str_from(cs)})
#define SV_BLOB(p, n) \
    ((struct sql_val){.type = SQL_BLOB, .u.s = (struct str){(const char *)(p), (n)}})
/* a C string that may be NULL */
#define SV_TEXT_OR_NULL(cs) ((cs) ? SV_TEXT(cs) : SV_NULL)

/* Row-major result: cell[r * ncols + c]. Text cells are NUL-terminated in the arena. */
struct sql_rows {
    size_t nrows, ncols;
    struct sql_val *cell;
};

static inline const struct sql_val *sql_cell(const struct sql_rows *r, size_t row, size_t col)
{
    /* a reader that reads past its query's columns is a bug of this program, never input */
    assert(row < r->nrows && col < r->ncols);
    return &r->cell[row * r->ncols + col];
}

/* A cell as a C string (NULL for SQL NULL) or an integer (0 for NULL); sql_blob gives a
 * blob cell (SQL_BLOB) as a slice, {NULL, 0} for anything else. */
static inline const char *sql_text(const struct sql_rows *r, size_t row, size_t col)
{
    const struct sql_val *v = sql_cell(r, row, col);
    return v->type == SQL_TEXT ? v->u.s.ptr : NULL;
}

static inline struct str sql_blob(const struct sql_rows *r, size_t row, size_t col)
{
    const struct sql_val *v = sql_cell(r, row, col);
    return v->type == SQL_BLOB ? v->u.s : (struct str){NULL, 0};
}

static inline int64_t sql_int(const struct sql_rows *r, size_t row, size_t col)
{
    const struct sql_val *v = sql_cell(r, row, col);
    return v->type == SQL_INT ? v->u.i : v->type == SQL_REAL ? (int64_t)v->u.d : 0;
}

enum tx_kind { TX_READ, TX_WRITE };

/* Settings shared by every driver; zero values mean the documented default. */
struct store_opts {
    int nconn;       /* connections in the pool (default 1) */
    int busy_ms;     /* SQLite busy timeout (default 5000) */
    bool sync_full;  /* SQLite synchronous=FULL instead of NORMAL */
    bool no_migrate; /* refuse to start on a schema that needs migrations */
};

struct store;
struct store_pool;

/* Open a pool for url ("sqlite:PATH", "postgresql://..." or "memory:"), apply pending migrations
 * and prepare every named query. On failure returns an rc and writes a reason into err. */
int store_pool_open(struct store_pool **out, const char *url, const struct store_opts *o, char *err,
                    size_t errlen);
void store_pool_close(struct store_pool *p);
/* "memory:" or "sqlite::memory:": an empty SQLite store that lives as long as its pool (one
 * connection, shared by every thread that acquires it); nothing outside the process sees it. */
bool store_url_is_memory(const char *url);
/* Take a connection (waits while all are in use); give it back when the request ends. */
struct store *store_acquire(struct store_pool *p);
void store_release(struct store_pool *p, struct store *st);
/* Name of the driver behind the pool: "sqlite" or "postgresql". */
const char *store_pool_driver(const struct store_pool *p);

/* Transactions. begin: RC_OK, RC_BUSY, RC_STORE. A TX_WRITE transaction holds the write
 * lock (SQLite: BEGIN IMMEDIATE under a process mutex) until commit or rollback.
 * store_begin's write lock covers the whole store: for writes that touch several
 * workspaces or none in particular (workspace create/delete, members from the CLI, import,
 * snapshot restore, the admin API). store_begin_ws(st, TX_WRITE, ws_id) promises that the
 * transaction reads and writes only rows of workspace ws_id: on PostgreSQL it then waits
 * only for writers of that workspace (and for whole-store writers), so writes of different
 * workspaces run side by side; SQLite has one writer whatever the workspace. ws_id <= 0 is
 * the whole store. TX_READ ignores ws_id. */
int store_begin(struct store *st, enum tx_kind kind);
int store_begin_ws(struct store *st, enum tx_kind kind, int64_t ws_id);
int store_commit(struct store *st);
void store_rollback(struct store *st);

/* How many columns named query q answers on this connection's backend (0: no rows). A
 * reader of q reads columns 0..n-1 (sql_cell asserts it in debug builds); the test suite
 * checks both backends' texts of every query agree. RC_OK or RC_STORE. */
int store_columns(struct store *st, enum sql_id q, size_t *n);
/* Run a named query and copy its rows into a. RC_OK, RC_NOMEM, RC_BUSY, RC_CONFLICT
 * (unique violation), RC_INVALID (foreign-key violation), RC_STORE. */
int store_query(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                size_t nargs, struct sql_rows *out);
/* Run a named statement for its effect; *changed (may be NULL) gets the row count. */
int store_exec(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs,
               int64_t *changed);
/* Prefetch: run named queries now, as one exchange where the driver can (PostgreSQL:
 * pipeline mode, one round trip for all of them), and keep their rows for the next
 * store_query of the same query with equal arguments, which then answers from memory.
 * Meant for reads a caller is about to make anyway and whose arguments do not depend on
 * each other's rows (a task's related rows): the code that reads them stays as it is. On
 * SQLite, where a statement costs no round trip, it does nothing. Rows are kept in a (the
 * request's arena) until used once, until the next write statement, or until the
 * transaction ends; a prefetch adds to the unread ones while STORE_PREFETCH_MAX allows. Inside a
 * transaction only; rcs as store_query. */
struct store_prefetch {
    enum sql_id q;
    const struct sql_val *args;
    size_t nargs;
};
#define STORE_PREFETCH_MAX 24
int store_prefetch(struct store *st, struct arena *a, const struct store_prefetch *p, size_t n);
/* Whether statements go to a server (PostgreSQL: each exchange a round trip, each statement
 * a fixed cost there) rather than being function calls (SQLite), for reads that one
 * statement can do at some extra work (task_get). */
bool store_remote(const struct store *st);
/* Rows of a query read some other way, kept as if prefetched: the next store_query of p's
 * query and arguments answers them (once, and never after a write, as a prefetch). For
 * one statement that reads a row with its related rows as JSON columns (model/task.c):
 * the code that reads each relation stays as it is. A full set keeps nothing (the query
 * then runs). RC_OK or RC_NOMEM. */
int store_keep(struct store *st, struct arena *a, const struct store_prefetch *p,
               const struct sql_rows *rows);
/* Decode json, an array of rows each a JSON array or object of exactly ncols scalars (an
 * object's values in order, its keys ignored), as the database's JSON functions make them
 * (SQLite json_group_array(json_array(...)), PostgreSQL json_agg(row)), into rows in a:
 * strings as text cells, integers as SQL_INT, other numbers SQL_REAL, true/false 1/0,
 * null SQL_NULL. NULL json is no rows. RC_OK, RC_NOMEM, RC_INTERNAL (any other shape). */
int store_rows_from_json(struct arena *a, const char *json, size_t ncols, struct sql_rows *out);

/* Read along: queue the read p to go out with the transaction's next exchange with the
 * database (PostgreSQL: in one pipeline with BEGIN, the write locks and the first
 * statement, so it costs no round trip of its own), its rows kept for the next store_query
 * of the same query and arguments. Unlike a prefetch the rows survive the transaction's
 * writes: for rows the transaction never writes (the router's token check). SQLite does
 * nothing (the store_query runs it). At most one at a time; inside a transaction only. */
int store_read_along(struct store *st, struct arena *a, const struct store_prefetch *p);
/* Write later: queue the named write q to go out ahead of the transaction's next exchange
 * with the database (PostgreSQL: first in the pipeline of the next store_query, prefetch,
 * store_query_sql or COMMIT), for a write whose result the caller does not need before
 * then. Its failure is the rc of that next call (or of store_commit), exactly as its own
 * would have been, and the request rolls back as after any failure: only for writes whose
 * caller would pass the rc on unchanged. expect_one: a write that must change exactly one
 * row, else RC_NOTFOUND (exec_one's rule); such a write is never sent with the COMMIT.
 * SQLite runs it at once, and so does PostgreSQL outside a transaction. Arguments are
 * copied. At most STORE_LATER_MAX queued (a full queue is flushed first). */
#define STORE_LATER_MAX 16
int store_exec_later(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs,
                     bool expect_one);
/* Non-zero when the transaction is dead since its start (on PostgreSQL the start rides with
 * the first statement: a lock wait that timed out, a connection lost): the rc the request
 * should answer (RC_BUSY) whatever the handler made of the failure it saw. */
int store_tx_failure(const struct store *st);

/* Run SQL text assembled at run time, for queries whose shape depends on the request (the
 * filtered lists). The text must come from fixed fragments of the program, never from input:
 * every value is a $N parameter in args. Each connection prepares a text once and keeps
 * up to STORE_SQL_CACHE statements, the least recently used dropped first (PostgreSQL:
 * named server-side statements, forgotten when the connection is re-established). Rows
 * and rcs as store_query. */
int store_query_sql(struct store *st, struct arena *a, const char *sql, const struct sql_val *args,
                    size_t nargs, struct sql_rows *out);
/* The text of fragment f (sql/queries, "-- fragment:") for st's database: the PostgreSQL
 * override when there is one and st is PostgreSQL, else the shared text. The model builds
 * run-time queries from these (model/list_query.h) without knowing which database it is. */
const char *store_fragment(const struct store *st, enum sql_frag_id f);
struct store_sql_cache_stats {
    size_t entries;
    uint64_t hits, misses, evictions;
};
/* The counters of st's statement cache (tests, diagnostics). */
void store_sql_cache_stats(const struct store *st, struct store_sql_cache_stats *out);
#define STORE_SQL_CACHE 64

/* The driver's message for the last failure on st, for logs only (never for clients). */
const char *store_errmsg(const struct store *st);

/* Process-wide counters for /metrics, since start. errors: calls that failed with
 * RC_STORE or RC_INTERNAL; busy: RC_BUSY (lock or connection contention); reconnects:
 * attempts to re-establish a lost PostgreSQL connection; pool_waits: store_acquire calls
 * that found every connection in use, and the time they waited in total. */
struct store_stats {
    uint64_t errors, busy, reconnects, pool_waits, pool_wait_ns;
    uint64_t round_trips; /* PostgreSQL exchanges waited for (a pipeline counts once) */
    /* write transactions committed (store_commit of a TX_WRITE that succeeded), and the
     * database COMMITs that made them durable: on SQLite one COMMIT covers every write
     * transaction of a batch (group commit), on PostgreSQL one each; write_waits: writers
     * of this process that found the write lock taken (SQLite) and waited */
    uint64_t write_txs, commits, write_waits;
};
void store_stats(struct store_stats *out);

/* Whether the store serves requests: a connection answers a read and the schema has every
 * migration this binary knows. RC_OK, or an rc with the reason in why (for logs only). */
int store_ready(struct store_pool *p, char *why, size_t whylen);

/* The path of a "sqlite:PATH" URL into path; false for any other URL. */
bool store_sqlite_path(const char *url, char *path, size_t pathlen);

/* A consistent copy of the SQLite store at url into the new file `file` (the online backup
 * API: safe while weeekd serves), or back (restore: file must be a weeekd store; the store
 * at url is replaced). RC_INVALID for a PostgreSQL URL (pg_dump's job); else RC_OK or
 * an rc with a message in err. */
int store_backup(const char *url, const char *file, char *err, size_t errlen);
int store_restore(const char *url, const char *file, char *err, size_t errlen);

#endif
