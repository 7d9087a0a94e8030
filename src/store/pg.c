/* pg.c — the PostgreSQL driver: the only file that includes <libpq-fe.h>.
 * One PGconn per struct store; every named query is prepared on it at open (PQprepare,
 * named by the query name) and run with PQexecPrepared, text parameters and text results
 * converted by column type. Rows are copied into the caller's arena and the PGresult is
 * cleared at once. Bytes (SQL_BLOB, BYTEA) travel in binary format both ways: a blob
 * parameter is passed as is (no copy, no escaping), and a query whose result has a BYTEA
 * column (known from PQdescribePrepared) asks for binary results, because text results
 * would hex-encode the bytes and so hold twice their size in libpq's memory.
 *
 * Isolation and locking, chosen so that behaviour matches the SQLite driver exactly:
 * - TX_WRITE is READ COMMITTED plus transaction-scoped advisory locks: one writer at a time
 *   per workspace, across every weeekd process. A workspace's writer (store_begin_ws: every
 *   API route, whose rows all carry its token's ws_id) takes WRITE_LOCK_KEY shared, then
 *   the two-key lock (WS_LOCK_CLASS, ws_id) exclusive; a whole-store writer (store_begin:
 *   workspace create/delete/reset, snapshot restore, import, the CLI, search backfill)
 *   takes WRITE_LOCK_KEY exclusive, so it waits for every workspace writer and they for it.
 *   Within a workspace this is SQLite's single writer: read-modify-write code (tag update
 *   reads the row, then writes it; positions and per-workspace MAX()+1 numbers rewritten in
 *   one transaction) needs no row locks and never loses an update. Writers of different
 *   workspaces share no row (tenancy: every query filters on ws_id) except through
 *   identity sequences, which never hand a number out twice, and unique keys that span
 *   workspaces (workspace titles, token hashes), written by whole-store writers only or
 *   random. The locks are taken in that order by everyone, so writers never deadlock.
 *   READ COMMITTED is required here, not a nicety: each statement takes its snapshot after
 *   the lock was granted, so it sees every write of the previous lock holder (REPEATABLE
 *   READ would keep the snapshot taken while waiting for the lock). SERIALIZABLE was
 *   rejected: it aborts under contention, and the router retries only once. The lock wait
 *   is bounded by lock_timeout (the store's busy_ms, as SQLite's busy timeout); a timeout
 *   is RC_BUSY. An older weeekd, which takes WRITE_LOCK_KEY exclusive for every write, is a
 *   whole-store writer to a newer one, so a rolling upgrade stays correct.
 * - TX_READ is REPEATABLE READ READ ONLY: one snapshot for the whole transaction (as an
 *   SQLite read transaction in WAL mode), taken at its first statement, so a read started
 *   after a write committed sees it. Read-only snapshots never fail with serialization
 *   errors, and a write in a read route fails loudly (RC_INTERNAL) instead of racing.
 * - Statements outside a transaction (authentication of a token not yet remembered) run
 *   in autocommit.
 * - Round trips (counted by store_count_round_trip: weeekd_store_round_trips_total): a
 *   transaction's start (BEGIN, the write locks) is not sent by begin but rides with its
 *   first exchange, in one pipeline with the read along (the router's token check) and
 *   the first statement or prefetch (pipeline()); a transaction that runs nothing costs
 *   nothing. A lock wait that times out there is RC_BUSY for that statement and is kept in
 *   tx_rc (store_tx_failure), so the request answers 503 whatever the handler made of it.
 * - A failed statement aborts a PostgreSQL transaction (SQLite's does not): every later
 *   statement fails, and committing such a transaction returns RC_STORE rather than
 *   committing part of it. Model code must not carry on after an error.
 *
 * Connection loss (server restart, admin shutdown, network): the connection is reset
 * (PQreset, session settings, every statement prepared again) and the call returns
 * RC_BUSY, so the request gets a clean 503 and the router's single retry runs on the new
 * connection. A transaction's first exchange (which carries its start), and a SELECT
 * outside a transaction, are retried once on the fresh connection at once, since nothing
 * was done yet. A lost COMMIT of a write transaction is
 * RC_STORE instead: its outcome is unknown, so it must not be retried blindly. A reset that
 * fails leaves the connection marked broken; the next begin or query tries again, at most
 * once per RESET_INTERVAL_MS, so an outage costs a fast 503, never a hang (connect_timeout
 * and TCP keepalives bound every wait on the network). */
#include "store/driver.h"
#include "core/clock.h"
#include "core/arena.h"
#include "core/fault.h"
#include "core/rc.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/common.h"

/* Fixed advisory-lock keys, "weeekd" in ASCII then a number; advisory locks are per
 * database, so deployments in other databases of one server never share them. */
#define MIGRATE_LOCK_KEY "8603394149429018625" /* 0x776565656b640001 */
#define WRITE_LOCK_KEY   "8603394149429018626" /* 0x776565656b640002 */
/* The class (first key) of the two-key workspace write locks, "week" in ASCII: the
 * two-int4 advisory keys are a space apart from the bigint ones above. */
#define WS_LOCK_CLASS     "2003133803" /* 0x7765656b */
#define RESET_INTERVAL_MS 1000
/* idle in a transaction for this long means a stuck process; the server then ends the
 * session and so releases the write lock */
#define IDLE_TX_TIMEOUT_MS 60000

/* Built-in type OIDs (catalog/pg_type_d.h is not part of libpq's public headers; these
 * numbers are fixed forever). */
enum {
    OID_BOOL = 16,
    OID_BYTEA = 17,
    OID_NAME = 19,
    OID_INT8 = 20,
    OID_INT2 = 21,
    OID_INT4 = 23,
    OID_TEXT = 25,
    OID_FLOAT4 = 700,
    OID_FLOAT8 = 701,
    OID_BPCHAR = 1042,
    OID_VARCHAR = 1043,
    OID_NUMERIC = 1700,
};

struct pg_store {
    struct store base;
    PGconn *conn;
    int lock_ms;             /* lock_timeout */
    bool prepared[Q__COUNT]; /* prepared on this connection: prepared again after reset */
    int nparams[Q__COUNT];   /* parameter count, from PQdescribePrepared */
    int ncols[Q__COUNT];     /* result columns of each prepared named query */
    bool binary[Q__COUNT];   /* a BYTEA result column: ask for binary results */
    bool in_tx;              /* between a successful begin and commit/rollback */
    bool tx_write;           /* the open transaction is TX_WRITE */
    bool begin_pending;      /* begun, but its start not sent: it rides with the first exchange */
    int nstart;              /* statements of that start: BEGIN and the write locks */
    char start[3][128];
    bool tx_lost;          /* the connection died inside the open transaction */
    bool broken;           /* lost and not yet re-established */
    bool resetting;        /* inside try_reset: failures there do not reset again */
    int64_t next_reset_ms; /* monotonic ms before which no reset is tried */
    char lost_msg[160];    /* why the last reconnect failed */
    char *pbuf;            /* parameter text scratch, reused */
    size_t pcap;
    const char **pvals; /* parameter pointers, reused */
    int *plens;         /* parameter lengths and formats (binary for blobs), reused */
    int *pfmts;
    size_t pvcap;
    uint64_t dyn_seq; /* names the statements of store_query_sql: wk_dq_<n> */
};

/* A statement of store_query_sql as the connection's stmt_cache holds it. */
struct pg_dyn {
    int nparams;
    char name[32];
};

/* One statement of a pipeline: prepared statement name with args, or (name NULL) sql, a
 * fixed text without parameters. Rows go to out (when not NULL) in arena a. */
struct pl_item {
    const char *name, *sql;
    const struct sql_val *args;
    size_t nargs;
    bool binary;
    struct arena *a;
    struct sql_rows *out;
    int64_t *changed;
    bool expect_one;   /* a write queued by store_exec_later that must change one row */
    bool *rolled_back; /* COMMIT: set when the server answered ROLLBACK */
};

/* the start, the read along, the writes queued for later, then a prefetch or a COMMIT */
#define PL_MAX (3 + 1 + STORE_LATER_MAX + STORE_PREFETCH_MAX)

/* Every libpq call that sends and then waits for the answer goes through one of these, so
 * store_stats counts the round trips a request costs (tests/pg/test_round_trips.py). */
static PGresult *rt_exec(PGconn *c, const char *sql)
{
    store_count_round_trip();
    return PQexec(c, sql);
}

static PGresult *rt_prepare(PGconn *c, const char *name, const char *sql)
{
    store_count_round_trip();
    return PQprepare(c, name, sql, 0, NULL);
}

static PGresult *rt_describe(PGconn *c, const char *name)
{
    store_count_round_trip();
    return PQdescribePrepared(c, name);
}

static PGresult *rt_exec_prepared(PGconn *c, const char *name, int n, const char *const *vals,
                                  const int *lens, const int *fmts, int binary)
{
    store_count_round_trip();
    return PQexecPrepared(c, name, n, vals, lens, fmts, binary);
}

static void free_dyn(void *ctx, void *stmt)
{
    (void)ctx;
    free(stmt);
}

static struct pg_store *P(struct store *st)
{
    return (struct pg_store *)st;
}

static int64_t mono_ms(void)
{
    return (int64_t)(clock_mono_ns() / 1000000);
}

/* libpq messages end in a newline and may span lines: one line for the log, into e */
static void oneline(char *e, size_t cap, const char *prefix, const char *msg, const char *state)
{
    int n = snprintf(e, cap, "%s", prefix);
    size_t i = n < 0 ? 0 : (size_t)n >= cap ? cap - 1 : (size_t)n;
    for (const char *p = msg ? msg : ""; *p && i + 1 < cap; p++) {
        bool space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t';
        if (!space)
            e[i++] = *p;
        else if (i > 0 && e[i - 1] != ' ')
            e[i++] = ' ';
    }
    while (i > 0 && e[i - 1] == ' ')
        i--;
    e[i] = '\0';
    if (state && *state)
        snprintf(e + i, cap - i, " [%s]", state);
}

static void set_msg(struct pg_store *s, const char *what, const char *msg, const char *state)
{
    char prefix[128];
    snprintf(prefix, sizeof(prefix), "postgresql: %s", what);
    oneline(s->base.errmsg, sizeof(s->base.errmsg), prefix, msg, state);
}

static void no_notices(void *arg, const char *msg)
{
    (void)arg;
    (void)msg; /* "relation ... already exists, skipping" and friends: not worth a log line */
}

static bool is_connection_state(const char *state)
{
    return state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
                     strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0);
}

static int map_state(const char *state)
{
    if (!state)
        return RC_STORE; /* client-side failure, e.g. libpq out of memory */
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0)
        return RC_BUSY; /* serialization failure, deadlock */
    if (strncmp(state, "53", 2) == 0)
        return RC_BUSY; /* insufficient resources: too many connections, disk full, OOM */
    if (strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0)
        return RC_BUSY; /* lock_timeout, statement_timeout */
    if (strcmp(state, "23505") == 0)
        return RC_CONFLICT;
    if (strcmp(state, "23503") == 0)
        return RC_INVALID;
    if (strcmp(state, "22003") == 0 || strcmp(state, "22021") == 0 || strcmp(state, "22P05") == 0)
        return RC_INVALID; /* number out of range, bytes the database cannot store */
    if (strncmp(state, "54", 2) == 0)
        return RC_TOOBIG; /* program limit exceeded, e.g. an index row too large */
    if (strcmp(state, "25006") == 0)
        return RC_INTERNAL; /* a write inside a TX_READ transaction: a bug */
    return RC_STORE;
}

static int setup_session(struct pg_store *s);
static int prepare_one(struct pg_store *s, enum sql_id q);

/* Reset a lost connection; true when it works again. Throttled so that an outage costs
 * each request one fast failure, not a connect attempt per statement. errmsg keeps the
 * failure that got us here and gets the outcome of the reconnect appended. */
static bool try_reset(struct pg_store *s)
{
    int64_t now = mono_ms();
    s->in_tx = false;
    s->broken = true;
    if (s->resetting)
        return false; /* a failure while re-preparing: the outer try_reset reports it */
    if (now < s->next_reset_ms) {
        snprintf(s->base.errmsg, sizeof(s->base.errmsg),
                 "postgresql: not connected; the last reconnect failed: %s", s->lost_msg);
        return false;
    }
    char cause[sizeof(s->base.errmsg)];
    snprintf(cause, sizeof(cause), "%s", s->base.errmsg);
    s->resetting = true;
    /* server-side statements die with the session: forget the dynamic ones (the named
     * queries are prepared again below) */
    stmt_cache_clear(&s->base.sql_cache, free_dyn, NULL);
    PQreset(s->conn);
    store_count_reconnect();
    bool ok = PQstatus(s->conn) == CONNECTION_OK;
    if (ok)
        ok = setup_session(s) == RC_OK;
    else
        set_msg(s, "", PQerrorMessage(s->conn), NULL);
    for (int q = 0; ok && q < Q__COUNT; q++)
        if (s->prepared[q])
            ok = prepare_one(s, (enum sql_id)q) == RC_OK;
    s->resetting = false;
    s->broken = !ok;
    s->next_reset_ms = ok ? 0 : now + RESET_INTERVAL_MS;
    if (!ok) {
        const char *why = s->base.errmsg;
        if (strncmp(why, "postgresql: ", 12) == 0)
            why += 12;
        snprintf(s->lost_msg, sizeof(s->lost_msg), "%s", why);
    }
    snprintf(s->base.errmsg, sizeof(s->base.errmsg), "%s; %s%s", cause,
             ok ? "reconnected" : "reconnect failed: ", ok ? "" : s->lost_msg);
    return ok;
}

/* Turn a failed result into an rc (clearing res). Sets *lost when the connection died; it
 * has then been reset (or marked broken) and the rc is RC_BUSY. */
static int fail(struct pg_store *s, PGresult *res, const char *what, bool *lost)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
    char buf[sizeof(s->base.errmsg)];
    if (msg && detail) {
        snprintf(buf, sizeof(buf), "%s (%s)", msg, detail);
        msg = buf;
    }
    if (!msg || !*msg)
        msg = res ? PQresultErrorMessage(res) : NULL;
    if (!msg || !*msg)
        msg = PQerrorMessage(s->conn);
    set_msg(s, what, msg, state);
    int rc = map_state(state);
    bool is_lost = PQstatus(s->conn) == CONNECTION_BAD || is_connection_state(state);
    PQclear(res);
    if (lost)
        *lost = is_lost;
    if (is_lost) {
        if (s->in_tx)
            s->tx_lost = true;
        try_reset(s);
        rc = RC_BUSY;
    }
    return rc;
}

/* Before a begin or a query: make sure the connection is usable. Inside a transaction a
 * lost connection is RC_BUSY even when the reset works: the transaction is gone. */
static int ensure_conn(struct pg_store *s)
{
    if (!s->broken && PQstatus(s->conn) == CONNECTION_OK)
        return RC_OK;
    bool was_in_tx = s->in_tx;
    if (was_in_tx)
        s->tx_lost = true;
    if (!s->broken)
        set_msg(s, "connection lost", "", NULL);
    if (!try_reset(s))
        return RC_BUSY;
    if (was_in_tx)
        return RC_BUSY; /* the transaction died with the old connection */
    return RC_OK;
}

/* Run one or more statements that return no rows we need. */
static int exec_simple(struct pg_store *s, const char *sql, const char *what, bool *lost)
{
    PGresult *res = rt_exec(s->conn, sql);
    ExecStatusType r = PQresultStatus(res);
    if (r == PGRES_COMMAND_OK || r == PGRES_TUPLES_OK || r == PGRES_EMPTY_QUERY) {
        PQclear(res);
        if (lost)
            *lost = false;
        return RC_OK;
    }
    return fail(s, res, what, lost);
}

static int setup_session(struct pg_store *s)
{
    char sql[160];
    snprintf(sql, sizeof(sql),
             "SET lock_timeout = %d; SET idle_in_transaction_session_timeout = %d", s->lock_ms,
             IDLE_TX_TIMEOUT_MS);
    PGresult *res = rt_exec(s->conn, sql);
    int rc = PQresultStatus(res) == PGRES_COMMAND_OK ? RC_OK : RC_STORE;
    if (rc)
        set_msg(s, "session setup: ", PQresultErrorMessage(res), NULL);
    PQclear(res);
    return rc;
}

static void pg_close(struct store *st)
{
    struct pg_store *s = P(st);
    if (!s)
        return;
    PQfinish(s->conn);
    free(s->pbuf);
    free(s->pvals);
    free(s->plens);
    free(s->pfmts);
    free(s);
}

static int pg_open(struct store **out, const char *target, const struct store_opts *o, char *err,
                   size_t errlen)
{
    struct pg_store *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return RC_NOMEM;
    }
    s->base.drv = &pg_driver;
    s->lock_ms = o->busy_ms > 0 ? o->busy_ms : 5000;
    /* Defaults before dbname, so the URL's own settings win (expand_dbname); the client
     * encoding after it, so it is always UTF-8. */
    const char *const keys[] = {"connect_timeout",           "keepalives",
                                "keepalives_idle",           "keepalives_interval",
                                "keepalives_count",          "tcp_user_timeout",
                                "fallback_application_name", "dbname",
                                "client_encoding",           NULL};
    const char *const vals[] = {"5", "1", "30", "10", "3", "60000", "weeekd", target, "UTF8", NULL};
    s->conn = PQconnectdbParams(keys, vals, 1);
    if (!s->conn) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return RC_NOMEM;
    }
    if (PQstatus(s->conn) != CONNECTION_OK) {
        oneline(err, errlen, "cannot connect to PostgreSQL: ", PQerrorMessage(s->conn), NULL);
        pg_close(&s->base);
        return RC_STORE;
    }
    PQsetNoticeProcessor(s->conn, no_notices, NULL);
    if (setup_session(s)) {
        snprintf(err, errlen, "%s", s->base.errmsg);
        pg_close(&s->base);
        return RC_STORE;
    }
    *out = &s->base;
    return RC_OK;
}

static int pg_script(struct store *st, const char *sql)
{
    struct pg_store *s = P(st);
    int rc = ensure_conn(s);
    if (rc)
        return rc;
    return exec_simple(s, sql, "", NULL);
}

static int prepare_one(struct pg_store *s, enum sql_id q)
{
    const char *name = query_texts[q].name;
    char what[96];
    snprintf(what, sizeof(what), "query %s: ", name);
    PGresult *res = rt_prepare(s->conn, name, query_texts[q].pg);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        return fail(s, res, what, NULL);
    PQclear(res);
    res = rt_describe(s->conn, name);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        return fail(s, res, what, NULL);
    s->nparams[q] = PQnparams(res);
    s->ncols[q] = PQnfields(res);
    s->binary[q] = false;
    for (int i = 0; i < PQnfields(res); i++)
        if (PQftype(res, i) == OID_BYTEA)
            s->binary[q] = true;
    PQclear(res);
    s->prepared[q] = true;
    return RC_OK;
}

static int pg_prepare(struct store *st, enum sql_id q)
{
    struct pg_store *s = P(st);
    if (s->prepared[q])
        return RC_OK;
    int rc = ensure_conn(s);
    return rc ? rc : prepare_one(s, q);
}

static void rollback_quietly(struct pg_store *s)
{
    PGTransactionStatusType ts = PQtransactionStatus(s->conn);
    if (ts == PQTRANS_INTRANS || ts == PQTRANS_INERROR) {
        PGresult *res = rt_exec(s->conn, "ROLLBACK");
        PQclear(res);
    }
    if (PQstatus(s->conn) == CONNECTION_BAD)
        s->broken = true; /* reset at the next begin */
}

static int begin_sql(struct pg_store *s, const char *sql)
{
    int rc = RC_OK;
    s->in_tx = false;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
            rollback_quietly(s); /* never inherit a transaction a caller left open */
        rc = ensure_conn(s);
        if (rc)
            return rc;
        bool lost = false;
        rc = exec_simple(s, sql, "begin: ", &lost);
        if (!rc) {
            s->in_tx = true;
            return RC_OK;
        }
        /* a lock timeout leaves BEGIN's transaction open and aborted */
        rollback_quietly(s);
        /* nothing had happened yet: once reconnected, begin again at once */
        if (!lost || s->broken)
            break;
    }
    s->tx_lost = false;
    return rc;
}

/* The int4 key of workspace ws_id's write lock: the id itself while it fits (every
 * realistic deployment), else a fold of its halves. Two workspaces sharing a key only wait
 * for each other, as every writer did before locks were per workspace. */
static int32_t ws_lock_key(int64_t ws_id)
{
    if (ws_id <= INT32_MAX)
        return (int32_t)ws_id;
    uint64_t u = (uint64_t)ws_id;
    return (int32_t)(uint32_t)((u ^ (u >> 32)) & 0x7fffffffu);
}

/* The transaction's start is not sent here: it waits in s->start and rides with the first
 * statement (pipeline()), so BEGIN and the locks cost no round trip of their own; a
 * transaction that runs no statement costs none at all. */
static int pg_begin(struct store *st, enum tx_kind kind, int64_t ws_id)
{
    struct pg_store *s = P(st);
    s->tx_lost = false;
    s->in_tx = false;
    s->begin_pending = false;
    s->tx_write = kind == TX_WRITE;
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        rollback_quietly(s); /* never inherit a transaction a caller left open */
    int rc = ensure_conn(s);
    if (rc)
        return rc;
    s->nstart = 0;
    if (kind != TX_WRITE) {
        snprintf(s->start[s->nstart++], sizeof(s->start[0]), "%s",
                 "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    } else {
        snprintf(s->start[s->nstart++], sizeof(s->start[0]), "%s",
                 "BEGIN ISOLATION LEVEL READ COMMITTED");
        if (ws_id <= 0) {
            snprintf(s->start[s->nstart++], sizeof(s->start[0]), "%s",
                     "SELECT pg_advisory_xact_lock(" WRITE_LOCK_KEY ")");
        } else {
            /* the shared store lock first, then the workspace's: every writer takes them in
             * this order, so two writers never wait for each other in a circle */
            snprintf(s->start[s->nstart++], sizeof(s->start[0]), "%s",
                     "SELECT pg_advisory_xact_lock_shared(" WRITE_LOCK_KEY ")");
            snprintf(s->start[s->nstart++], sizeof(s->start[0]),
                     "SELECT pg_advisory_xact_lock(" WS_LOCK_CLASS ", %" PRId32 ")",
                     ws_lock_key(ws_id));
        }
    }
    s->in_tx = true;
    s->begin_pending = true;
    return RC_OK;
}

static int migrate_begin(struct store *st)
{
    struct pg_store *s = P(st);
    s->tx_lost = false;
    s->tx_write = true;
    s->begin_pending = false;
    /* two processes starting at once: the second waits here until the first has applied
     * and committed the migration, then finds it recorded in schema_version */
    return begin_sql(s, "BEGIN ISOLATION LEVEL READ COMMITTED; "
                        "SET LOCAL lock_timeout = '5min'; "
                        "SELECT pg_advisory_xact_lock(" MIGRATE_LOCK_KEY ")");
}

static int pipeline(struct pg_store *s, const struct pl_item *items, size_t n, bool may_retry,
                    const char *what);

/* COMMIT with the writes still queued (store_exec_later), in one pipeline: a failure of one
 * of them skips the COMMIT, and the request answers that failure as its own. A write that
 * must change one row goes in an exchange of its own first: its count is only known after
 * it ran, and by then the COMMIT would have run too. */
static int commit_later(struct pg_store *s)
{
    bool expect = false;
    for (size_t i = 0; i < s->base.nlater; i++)
        expect = expect || s->base.later[i].expect_one;
    bool rolled_back = false;
    const struct pl_item commit = {.sql = "COMMIT", .rolled_back = &rolled_back};
    int rc = expect ? pipeline(s, NULL, 0, true, "queued writes: ") : RC_OK;
    /* never sent again after a lost connection: it may have committed */
    bool sent = !rc;
    if (sent)
        rc = pipeline(s, &commit, 1, false, "commit: ");
    bool lost = s->tx_lost;
    s->in_tx = false;
    s->begin_pending = false;
    s->tx_lost = false;
    if (!rc && !rolled_back)
        return RC_OK;
    if (!rc) {
        set_msg(s, "commit: the server rolled the transaction back", "", NULL);
        rc = RC_STORE;
    }
    rollback_quietly(s);
    if (lost && s->tx_write && sent) {
        char msg[sizeof(s->base.errmsg)];
        snprintf(msg, sizeof(msg), "%s", s->base.errmsg);
        snprintf(s->base.errmsg, sizeof(s->base.errmsg), "outcome unknown: %s", msg);
        return RC_STORE;
    }
    return rc;
}

static int pg_commit(struct store *st)
{
    struct pg_store *s = P(st);
    if (s->tx_lost) {
        s->tx_lost = false;
        s->in_tx = false;
        set_msg(s, "connection lost inside the transaction; nothing committed", "", NULL);
        return RC_BUSY;
    }
    if (!s->in_tx) {
        set_msg(s, "commit without an open transaction", "", NULL);
        return RC_INTERNAL;
    }
    if (s->base.nlater)
        return commit_later(s);
    s->in_tx = false;
    if (s->begin_pending) {
        s->begin_pending = false; /* nothing was sent: nothing to commit */
        return RC_OK;
    }
    if (PQtransactionStatus(s->conn) == PQTRANS_INERROR) {
        rollback_quietly(s);
        set_msg(s, "commit of a transaction aborted by an earlier error; rolled back", "", NULL);
        return RC_STORE;
    }
    PGresult *res = rt_exec(s->conn, "COMMIT");
    if (PQresultStatus(res) == PGRES_COMMAND_OK) {
        bool rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
        PQclear(res);
        if (!rolled_back) {
            if (s->tx_write)
                store_count_commit();
            return RC_OK;
        }
        set_msg(s, "commit: the server rolled the transaction back", "", NULL);
        return RC_STORE;
    }
    bool lost = false;
    int rc = fail(s, res, "commit: ", &lost);
    rollback_quietly(s); /* a failed COMMIT has ended the transaction; this is a no-op */
    s->tx_lost = false;
    if (lost && s->tx_write) {
        /* the commit may or may not have happened: never let the caller retry it */
        char msg[sizeof(s->base.errmsg)];
        snprintf(msg, sizeof(msg), "%s", s->base.errmsg);
        snprintf(s->base.errmsg, sizeof(s->base.errmsg), "outcome unknown: %s", msg);
        return RC_STORE;
    }
    return rc;
}

static void pg_rollback(struct store *st)
{
    struct pg_store *s = P(st);
    s->in_tx = false;
    s->begin_pending = false;
    s->tx_lost = false;
    if (!s->broken)
        rollback_quietly(s);
}

/* Text parameters: NULL for SQL NULL, decimal integers, %.17g doubles (which round-trip),
 * text copied with a terminating NUL. All in one reused buffer. A blob is a binary
 * parameter pointing at the caller's bytes: never copied here (it may be megabytes). */
static int build_params(struct pg_store *s, const struct sql_val *args, size_t nargs)
{
    size_t need = 0;
    for (size_t i = 0; i < nargs; i++) {
        if (args[i].type == SQL_TEXT) {
            if (args[i].u.s.len && memchr(args[i].u.s.ptr, '\0', args[i].u.s.len)) {
                set_msg(s, "a text argument holds a NUL byte", "", NULL);
                return RC_INVALID;
            }
            need += args[i].u.s.len + 1;
        } else {
            need += 32;
        }
    }
    if (need > s->pcap) {
        size_t cap = need < 1024 ? 1024 : need;
        char *p = fault_realloc(s->pbuf, cap);
        if (!p)
            return RC_NOMEM;
        s->pbuf = p;
        s->pcap = cap;
    }
    if (nargs > s->pvcap) {
        const char **v = fault_realloc(s->pvals, nargs * sizeof(*v));
        if (v)
            s->pvals = v;
        int *l = v ? fault_realloc(s->plens, nargs * sizeof(*l)) : NULL;
        if (l)
            s->plens = l;
        int *f = l ? fault_realloc(s->pfmts, nargs * sizeof(*f)) : NULL;
        if (!f)
            return RC_NOMEM;
        s->pfmts = f;
        s->pvcap = nargs;
    }
    size_t off = 0;
    for (size_t i = 0; i < nargs; i++) {
        char *p = s->pbuf + off;
        int n = 0;
        s->plens[i] = 0;
        s->pfmts[i] = 0;
        switch (args[i].type) {
        case SQL_BLOB:
            if (args[i].u.s.len > INT32_MAX) {
                set_msg(s, "a blob argument is larger than 2 GiB", "", NULL);
                return RC_TOOBIG;
            }
            /* a NULL pointer would be SQL NULL, not an empty value */
            s->pvals[i] = args[i].u.s.ptr ? args[i].u.s.ptr : "";
            s->plens[i] = (int)args[i].u.s.len;
            s->pfmts[i] = 1;
            continue;
        case SQL_INT:
            n = snprintf(p, 32, "%" PRId64, args[i].u.i);
            break;
        case SQL_REAL:
            n = snprintf(p, 32, "%.17g", args[i].u.d);
            break;
        case SQL_TEXT:
            if (args[i].u.s.len)
                memcpy(p, args[i].u.s.ptr, args[i].u.s.len);
            p[args[i].u.s.len] = '\0';
            n = (int)args[i].u.s.len;
            break;
        default:
            s->pvals[i] = NULL;
            continue;
        }
        s->pvals[i] = p;
        off += (size_t)n + 1;
    }
    return RC_OK;
}

static uint64_t be_uint(const unsigned char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

/* One cell of a binary-format result. Only the types the queries that read blobs use are
 * decoded; any other is a bug in a query, reported rather than guessed. */
static int binary_cell(struct pg_store *s, struct arena *a, Oid type, const char *t, size_t n,
                       struct sql_val *v)
{
    const unsigned char *u = (const unsigned char *)t;
    switch (type) {
    case OID_INT2:
    case OID_INT4:
    case OID_INT8:
        if (n != 2 && n != 4 && n != 8)
            break;
        {
            uint64_t raw = be_uint(u, n);
            unsigned shift = (unsigned)(64 - 8 * n);
            /* sign-extend the n-byte two's complement value */
            int64_t i = (int64_t)(raw << shift) >> shift;
            *v = SV_INT(i);
        }
        return RC_OK;
    case OID_BOOL:
        if (n != 1)
            break;
        *v = SV_INT(u[0] ? 1 : 0);
        return RC_OK;
    case OID_FLOAT8:
        if (n != 8)
            break;
        {
            uint64_t raw = be_uint(u, 8);
            double d;
            memcpy(&d, &raw, sizeof(d));
            *v = SV_REAL(d);
        }
        return RC_OK;
    case OID_BYTEA:
    case OID_TEXT:
    case OID_VARCHAR:
    case OID_BPCHAR:
    case OID_NAME: {
        char *p = arena_alloc(a, n + 1);
        if (!p)
            return RC_NOMEM;
        if (n)
            memcpy(p, t, n);
        p[n] = '\0';
        *v = type == OID_BYTEA ? SV_BLOB(p, n) : SV_STR(((struct str){p, n}));
        return RC_OK;
    }
    default:
        break;
    }
    char msg[64];
    snprintf(msg, sizeof(msg), "type %u (%zu bytes)", (unsigned)type, n);
    set_msg(s, "cannot decode a binary result column of ", msg, NULL);
    return RC_INTERNAL;
}

static int copy_rows(struct pg_store *s, PGresult *res, struct arena *a, struct sql_rows *out,
                     bool binary)
{
    size_t nr = (size_t)PQntuples(res), nc = (size_t)PQnfields(res);
    out->nrows = 0;
    out->ncols = nc;
    out->cell = NULL;
    if (nr == 0 || nc == 0)
        return RC_OK;
    if (nr > SIZE_MAX / nc / sizeof(*out->cell))
        return RC_NOMEM;
    struct sql_val *cells = arena_alloc(a, nr * nc * sizeof(*cells));
    if (!cells)
        return RC_NOMEM;
    for (size_t c = 0; c < nc; c++) {
        int col = (int)c;
        Oid type = PQftype(res, col);
        for (size_t r = 0; r < nr; r++) {
            int row = (int)r;
            struct sql_val *v = &cells[r * nc + c];
            if (PQgetisnull(res, row, col)) {
                *v = SV_NULL;
                continue;
            }
            const char *t = PQgetvalue(res, row, col);
            size_t n = (size_t)PQgetlength(res, row, col);
            if (binary) {
                int rc = binary_cell(s, a, type, t, n, v);
                if (rc)
                    return rc;
                continue;
            }
            switch (type) {
            case OID_INT2:
            case OID_INT4:
            case OID_INT8: {
                int64_t i;
                if (str_to_i64(t, n, &i)) {
                    set_msg(s, "bad integer in a result: ", t, NULL);
                    return RC_STORE;
                }
                *v = SV_INT(i);
                break;
            }
            case OID_NUMERIC: {
                /* sum() and friends of integers are NUMERIC here but INTEGER in SQLite:
                 * an integral value that fits stays an integer */
                int64_t i;
                *v = str_to_i64(t, n, &i) ? SV_REAL(strtod(t, NULL)) : SV_INT(i);
                break;
            }
            case OID_FLOAT4:
            case OID_FLOAT8:
                *v = SV_REAL(strtod(t, NULL));
                break;
            case OID_BOOL:
                *v = SV_INT(t[0] == 't' ? 1 : 0);
                break;
            default: {
                char *p = arena_strndup(a, t, n);
                if (!p)
                    return RC_NOMEM;
                *v = SV_STR(((struct str){p, n}));
            }
            }
        }
    }
    out->cell = cells;
    out->nrows = nr;
    return RC_OK;
}

/* A statement that only reads may run again after a reconnect when it ran outside a
 * transaction (authentication): it had no effect. */
static bool is_select(enum sql_id q)
{
    return query_texts[q].reads;
}

/* Send one statement: RC_OK; a parameter's own rc (RC_INVALID, RC_NOMEM, ...) with nothing
 * sent; RC_STORE when libpq refused (the connection). */
static int pl_send(struct pg_store *s, const struct pl_item *it)
{
    if (!it->name)
        return PQsendQueryParams(s->conn, it->sql, 0, NULL, NULL, NULL, NULL, 0) == 1 ? RC_OK
                                                                                      : RC_STORE;
    int rc = build_params(s, it->args, it->nargs);
    if (rc)
        return rc;
    return PQsendQueryPrepared(s->conn, it->name, (int)it->nargs, s->pvals, s->plens, s->pfmts,
                               it->binary ? 1 : 0) == 1
               ? RC_OK
               : RC_STORE;
}

/* Run items as one pipeline (libpq pipeline mode: every statement, then one sync: one round
 * trip), after what waits to go out with the transaction's next exchange: its start (BEGIN
 * and the write locks, when begin_pending) and the read along (store_read_along). After
 * the first failure the server skips the rest (PGRES_PIPELINE_ABORTED); that failure is
 * reported as a single query's would be, once the pipeline is drained. A failure of the
 * start, or a lost connection, is also kept in tx_rc: the transaction is dead. A connection
 * found lost by the exchange that carried the start is re-established and the exchange
 * sent once more at once (nothing had happened), when may_retry (named statements only:
 * dynamic ones die with the session). */
static int pipeline(struct pg_store *s, const struct pl_item *items, size_t n, bool may_retry,
                    const char *what)
{
    struct pl_item all[PL_MAX];
    struct store_along *al = &s->base.along;
    for (int attempt = 0;; attempt++) {
        size_t k = 0, nstart = 0, along = SIZE_MAX;
        if (s->begin_pending)
            for (int i = 0; i < s->nstart; i++)
                all[k++] = (struct pl_item){.sql = s->start[i]};
        nstart = k;
        if (al->state == ALONG_QUEUED && s->prepared[al->key.q]) {
            along = k;
            all[k++] = (struct pl_item){.name = query_texts[al->key.q].name,
                                        .args = al->key.args,
                                        .nargs = al->key.nargs,
                                        .binary = s->binary[al->key.q],
                                        .a = al->a,
                                        .out = &al->rows};
        }
        size_t later_at = k;
        for (size_t i = 0; i < s->base.nlater; i++) {
            const struct store_later *w = &s->base.later[i];
            all[k++] = (struct pl_item){.name = query_texts[w->q].name,
                                        .args = w->args,
                                        .nargs = w->nargs,
                                        .expect_one = w->expect_one};
        }
        size_t later_end = k;
        /* sent (or failed) once, whatever happens next: the request rolls back on failure */
        s->base.nlater = 0;
        if (n > PL_MAX - k)
            return RC_INTERNAL;
        for (size_t i = 0; i < n; i++)
            all[k++] = items[i];
        for (size_t i = 0; i < k; i++)
            if (all[i].out)
                *all[i].out = (struct sql_rows){0};
        int rc = ensure_conn(s);
        if (rc) {
            s->base.tx_rc = rc;
            return rc;
        }
        if (PQenterPipelineMode(s->conn) != 1) {
            set_msg(s, "cannot enter pipeline mode: ", PQerrorMessage(s->conn), NULL);
            return RC_STORE;
        }
        size_t sent = 0;
        int prc = RC_OK;
        while (sent < k && !(prc = pl_send(s, &all[sent])))
            sent++;
        bool send_failed = prc == RC_STORE; /* else a parameter of ours: nothing went wrong */
        bool synced = PQpipelineSync(s->conn) == 1;
        store_count_round_trip();
        PGresult *first_err = NULL;
        size_t err_at = SIZE_MAX, ok_upto = 0;
        int xrc = RC_OK; /* a queued write that did not change its one row */
        for (size_t i = 0; i < sent; i++) {
            PGresult *res;
            bool got = false;
            while ((res = PQgetResult(s->conn)) != NULL) {
                ExecStatusType r = PQresultStatus(res);
                got = true;
                if (r == PGRES_TUPLES_OK || r == PGRES_COMMAND_OK) {
                    if (!rc && !first_err && all[i].out && all[i].a)
                        rc = copy_rows(s, res, all[i].a, all[i].out, all[i].binary);
                    if (!rc && !first_err && all[i].changed) {
                        const char *t = PQcmdTuples(res);
                        int64_t v = 0;
                        *all[i].changed = *t && !str_to_i64(t, strlen(t), &v) ? v : 0;
                    }
                    if (all[i].expect_one && !xrc && strcmp(PQcmdTuples(res), "1") != 0) {
                        snprintf(s->base.errmsg, sizeof(s->base.errmsg),
                                 "query %s (queued): changed %s rows, not one", all[i].name,
                                 PQcmdTuples(res));
                        xrc = RC_NOTFOUND;
                    }
                    if (all[i].rolled_back)
                        *all[i].rolled_back = strcmp(PQcmdStatus(res), "ROLLBACK") == 0;
                } else if (r != PGRES_PIPELINE_ABORTED && !first_err) {
                    first_err = res;
                    err_at = i;
                    continue; /* kept for fail() below */
                }
                PQclear(res);
            }
            if (!got)
                break; /* the connection went away: nothing more will come */
            if (!first_err)
                ok_upto = i + 1; /* items before it all ran and their rows arrived */
        }
        if (synced && PQstatus(s->conn) == CONNECTION_OK) {
            PGresult *res;
            while ((res = PQgetResult(s->conn)) != NULL) {
                ExecStatusType r = PQresultStatus(res);
                PQclear(res);
                if (r == PGRES_PIPELINE_SYNC)
                    break;
            }
        }
        bool left = PQexitPipelineMode(s->conn) == 1;
        bool had_start = nstart > 0;
        if (!first_err && left && synced && !send_failed) {
            /* what was sent ran; rc: copying rows failed, prc: a parameter was refused */
            if (sent >= nstart)
                s->begin_pending = false;
            if (along != SIZE_MAX)
                al->state = along < ok_upto && !rc ? ALONG_READY : ALONG_NONE;
            return xrc ? xrc : rc ? rc : prc;
        }
        bool along_ok = along < ok_upto && !rc; /* it ran before the failure */
        bool lost = false;
        char label[96];
        if (err_at >= later_at && err_at < later_end) {
            /* a write queued earlier: the log names it, the caller answers its rc */
            snprintf(label, sizeof(label), "query %s (queued): ", all[err_at].name);
            what = label;
        }
        int frc = fail(s, first_err, what, &lost);
        rc = rc ? rc : frc ? frc : RC_STORE;
        if (lost && had_start && may_retry && attempt == 0 && !s->broken) {
            /* reconnected before anything happened: start the transaction again (the read
             * along is still queued, and so are the writes queued for later) */
            s->base.nlater = later_end - later_at;
            s->in_tx = true;
            s->tx_lost = false;
            s->begin_pending = true;
            continue;
        }
        if (along != SIZE_MAX)
            al->state = along_ok && !lost ? ALONG_READY : ALONG_NONE;
        if (lost || err_at < nstart) {
            if (err_at < nstart && PQtransactionStatus(s->conn) != PQTRANS_IDLE)
                s->begin_pending = false; /* BEGIN ran: the transaction is there, aborted */
            s->base.tx_rc = rc;
        }
        return rc;
    }
}

/* Execute prepared statement name with args; label names it in errors. A SELECT outside
 * a transaction is retried once on a fresh connection when the old one was lost (may_retry
 * says whether the statement survives a reset: the named queries do, dynamic ones not).
 * binary asks for binary results (a query reading a BYTEA column). */
static int exec_prepared(struct pg_store *s, const char *name, const char *label, int nparams,
                         bool may_retry, bool binary, struct arena *a, const struct sql_val *args,
                         size_t nargs, struct sql_rows *out, int64_t *changed)
{
    if ((size_t)nparams != nargs) {
        snprintf(s->base.errmsg, sizeof(s->base.errmsg),
                 "query %s: %zu arguments for %d parameters", label, nargs, nparams);
        return RC_INTERNAL;
    }
    if (s->tx_lost) {
        set_msg(s, "connection lost inside the transaction", "", NULL);
        return RC_BUSY;
    }
    if (out) {
        out->nrows = out->ncols = 0;
        out->cell = NULL;
    }
    char what[96];
    snprintf(what, sizeof(what), "query %s: ", label);
    if (s->in_tx && (s->begin_pending || s->base.nlater)) {
        const struct pl_item it = {.name = name,
                                   .args = args,
                                   .nargs = nargs,
                                   .binary = binary,
                                   .a = a,
                                   .out = out,
                                   .changed = changed};
        return pipeline(s, &it, 1, may_retry, what);
    }
    int rc = build_params(s, args, nargs);
    if (rc)
        return rc;
    for (int attempt = 0; attempt < 2; attempt++) {
        bool was_in_tx = s->in_tx;
        rc = ensure_conn(s);
        if (rc)
            return rc;
        PGresult *res = rt_exec_prepared(s->conn, name, (int)nargs, s->pvals, s->plens, s->pfmts,
                                         binary ? 1 : 0);
        ExecStatusType r = PQresultStatus(res);
        if (r == PGRES_TUPLES_OK || r == PGRES_COMMAND_OK) {
            if (out && a)
                rc = copy_rows(s, res, a, out, binary);
            if (!rc && changed) {
                const char *n = PQcmdTuples(res);
                int64_t v = 0;
                *changed = *n && !str_to_i64(n, strlen(n), &v) ? v : 0;
            }
            PQclear(res);
            return rc;
        }
        bool lost = false;
        rc = fail(s, res, what, &lost);
        if (!lost || was_in_tx || s->broken || !may_retry)
            break;
    }
    return rc;
}

static int pg_query(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                    size_t nargs, struct sql_rows *out, int64_t *changed)
{
    struct pg_store *s = P(st);
    const char *name = query_texts[q].name;
    if (!s->prepared[q]) {
        snprintf(st->errmsg, sizeof(st->errmsg), "query %s not prepared", name);
        return RC_INTERNAL;
    }
    return exec_prepared(s, name, name, s->nparams[q], is_select(q), s->binary[q], a, args, nargs,
                         out, changed);
}

static int pg_prepare_sql(struct store *st, const char *sql, void **out)
{
    struct pg_store *s = P(st);
    if (s->tx_lost) {
        set_msg(s, "connection lost inside the transaction", "", NULL);
        return RC_BUSY;
    }
    int rc = ensure_conn(s);
    if (rc)
        return rc;
    struct pg_dyn *d = fault_calloc(1, sizeof(*d));
    if (!d)
        return RC_NOMEM;
    snprintf(d->name, sizeof(d->name), "wk_dq_%" PRIu64, ++s->dyn_seq);
    PGresult *res = rt_prepare(s->conn, d->name, sql);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        free(d);
        return fail(s, res, "dynamic query: ", NULL);
    }
    PQclear(res);
    res = rt_describe(s->conn, d->name);
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        /* the statement exists on the server (unless the connection went, which reset
         * it): it leaks until the session ends, which a describe failure ends anyway */
        free(d);
        return fail(s, res, "dynamic query: ", NULL);
    }
    d->nparams = PQnparams(res);
    PQclear(res);
    *out = d;
    return RC_OK;
}

static void pg_drop_sql(struct store *st, void *stmt)
{
    struct pg_store *s = P(st);
    struct pg_dyn *d = stmt;
    /* DEALLOCATE is not transactional and is allowed in a read-only transaction; on a
     * broken connection the statement is gone already */
    if (!s->broken && PQstatus(s->conn) == CONNECTION_OK) {
        char sql[64];
        snprintf(sql, sizeof(sql), "DEALLOCATE %s", d->name);
        PQclear(rt_exec(s->conn, sql));
    }
    free(d);
}

static int pg_query_sql(struct store *st, struct arena *a, void *stmt, const struct sql_val *args,
                        size_t nargs, struct sql_rows *out)
{
    struct pg_store *s = P(st);
    const struct pg_dyn *d = stmt;
    if (s->broken || PQstatus(s->conn) != CONNECTION_OK) {
        /* reconnecting forgets d: answer busy, the router's retry prepares it again */
        ensure_conn(s);
        set_msg(s, "connection lost before a dynamic query", "", NULL);
        return RC_BUSY;
    }
    /* a reset inside frees d: work on a copy of the name */
    char name[sizeof(d->name)];
    memcpy(name, d->name, sizeof(name));
    return exec_prepared(s, name, name, d->nparams, false, false, a, args, nargs, out, NULL);
}

/* store_prefetch: the queries go out in one pipeline (pipeline() above), so n statements
 * cost one round trip instead of n, and the first of a transaction carries its start too.
 * Only inside a transaction, whose snapshot makes the order of reads immaterial; outside
 * one, or on a connection in trouble, they run one by one through pg_query, which knows
 * how to recover. */
static int pg_query_batch(struct store *st, struct arena *a, const struct store_prefetch *p,
                          size_t n, struct sql_rows *out)
{
    struct pg_store *s = P(st);
    for (size_t i = 0; i < n; i++) {
        out[i] = (struct sql_rows){0};
        if (!s->prepared[p[i].q] || (size_t)s->nparams[p[i].q] != p[i].nargs) {
            snprintf(st->errmsg, sizeof(st->errmsg),
                     "prefetch of %s: not prepared or %zu arguments", query_texts[p[i].q].name,
                     p[i].nargs);
            return RC_INTERNAL;
        }
    }
    if (!s->in_tx || s->tx_lost || s->broken || PQstatus(s->conn) != CONNECTION_OK ||
        n > STORE_PREFETCH_MAX) {
        int rc = RC_OK;
        for (size_t i = 0; i < n && !rc; i++)
            rc = pg_query(st, a, p[i].q, p[i].args, p[i].nargs, &out[i], NULL);
        return rc;
    }
    struct pl_item items[STORE_PREFETCH_MAX];
    for (size_t i = 0; i < n; i++)
        items[i] = (struct pl_item){.name = query_texts[p[i].q].name,
                                    .args = p[i].args,
                                    .nargs = p[i].nargs,
                                    .binary = s->binary[p[i].q],
                                    .a = a,
                                    .out = &out[i]};
    return pipeline(s, items, n, true, "prefetch: ");
}

static int pg_columns(struct store *st, enum sql_id q, size_t *n)
{
    struct pg_store *s = P(st);
    if (!s->prepared[q])
        return RC_STORE;
    *n = (size_t)s->ncols[q];
    return RC_OK;
}

const struct store_driver pg_driver = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .script = pg_script,
    .prepare = pg_prepare,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .query = pg_query,
    .columns = pg_columns,
    .migrate_begin = migrate_begin,
    .prepare_sql = pg_prepare_sql,
    .drop_sql = pg_drop_sql,
    .query_sql = pg_query_sql,
    .query_batch = pg_query_batch,
    .defers_writes = true,
    .schema_dir = "pg",
};
