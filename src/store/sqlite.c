/* sqlite.c — the SQLite driver: the only file that includes <sqlite3.h>.
 * One sqlite3 connection per struct store for reads, every named query prepared once with
 * SQLITE_PREPARE_PERSISTENT, WAL journal, foreign keys on. Writes of every connection to
 * one database file run on one more connection, the file's writer (struct sq_writer,
 * shared and reference-counted, its statements prepared on first use), one at a time
 * under its mutex: each request's write transaction is a SAVEPOINT inside a batch
 * transaction that one COMMIT ends for every request in it (group commit,
 * docs/internals/store.md "Group commit"); a thread per writer checkpoints the WAL. Other
 * processes on the same file are handled by the busy timeout. An in-memory store has no
 * writer: its one connection writes itself, under a process-wide mutex. */
#include "store/driver.h"
#include "core/arena.h"
#include "core/fault.h"
#include "core/rc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

/* A batch ends (COMMIT) when the request that finishes finds no writer waiting, or when
 * it holds this many requests. With the thread pool a batch rarely exceeds --threads:
 * a request waiting for its batch's COMMIT keeps its thread. */
#define SQ_BATCH_MAX 64
/* SQLite's own auto-checkpoint threshold (wal_autocheckpoint's default) */
#define CKPT_FRAMES     1000
#define CKPT_FRAMES_MAX (8 * CKPT_FRAMES)

/* A request whose writes are in the open batch, waiting for its COMMIT (on its thread's
 * stack; the list is the writer's, under its mutex). */
struct sq_waiter {
    struct store *st; /* gets the failure's message */
    struct sq_waiter *next;
    int rc;
    bool done;
};

/* The writer of one database file: the connection every write transaction of this
 * process runs on, and the batch open on it. Everything below mu is guarded by it. */
struct sq_writer {
    pthread_mutex_t mu;  /* the write lock: held from a request's SAVEPOINT to its end */
    pthread_cond_t done; /* a batch ended (waiters check their done flag) */
    atomic_int waiting;  /* writers blocked on mu, about to join the batch */
    sqlite3 *db;
    sqlite3_stmt *stmt[Q__COUNT]; /* prepared on first use */
    sqlite3_stmt *begin, *commit, *rollback, *savepoint, *release, *rollback_to;
    struct stmt_cache sql_cache; /* store_query_sql statements, by text */
    bool open;                   /* a batch transaction is open */
    int batch_n;                 /* requests released into it */
    int dead_rc;                 /* a statement failed and SQLite rolled the batch back */
    struct sq_waiter *waiters;
    /* the checkpointer: a thread with a connection of its own copies the WAL back into the
     * database when a COMMIT left it over CKPT_FRAMES frames (ckpt_mu guards the flags) */
    sqlite3 *ckpt_db;
    int ckpt_at; /* wake it when the WAL reaches this many frames (under mu) */
    pthread_t ckpt_thread;
    bool ckpt_started, ckpt_due, ckpt_stop;
    pthread_mutex_t ckpt_mu;
    pthread_cond_t ckpt_cv;
    /* the registry (writers_mu) */
    char *path;
    int refs;
    struct sq_writer *next;
};

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    sqlite3_stmt *stmt[Q__COUNT];
    sqlite3_stmt *begin_read, *begin_write, *commit, *rollback;
    bool holds_write_lock; /* in-memory store: its own connection writes */
    struct sq_writer *w;   /* NULL for an in-memory store */
    bool writing;          /* inside a write transaction on w */
    /* it joined an open batch as SAVEPOINT wk; the request that opens a batch is alone in
     * it until it ends, so it needs none (a failure rolls the whole batch back) */
    bool savepoint;
};

/* the in-memory store's write lock */
static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;
/* the writers of every open database file */
static pthread_mutex_t writers_mu = PTHREAD_MUTEX_INITIALIZER;
static struct sq_writer *writers;

static struct sqlite_store *S(struct store *st)
{
    return (struct sqlite_store *)st;
}

/* the connection s's statements run on now */
static sqlite3 *db_of(const struct sqlite_store *s)
{
    return s->writing ? s->w->db : s->db;
}

static int map_error(struct sqlite_store *s, int code)
{
    sqlite3 *db = db_of(s);
    snprintf(s->base.errmsg, sizeof(s->base.errmsg), "sqlite: %s (%d)", sqlite3_errmsg(db),
             sqlite3_extended_errcode(db));
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return RC_BUSY;
    case SQLITE_NOMEM:
        return RC_NOMEM;
    case SQLITE_TOOBIG:
        return RC_TOOBIG;
    case SQLITE_CONSTRAINT:
        if (code == SQLITE_CONSTRAINT_FOREIGNKEY)
            return RC_INVALID;
        if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY)
            return RC_CONFLICT;
        return RC_STORE;
    default:
        return RC_STORE;
    }
}

static int prep(struct sqlite_store *s, const char *sql, sqlite3_stmt **out)
{
    int code = sqlite3_prepare_v3(db_of(s), sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    return code == SQLITE_OK ? RC_OK : map_error(s, code);
}

/* The pragmas every connection gets; SQLITE_OK or SQLite's code with *msg to free. */
static int configure(sqlite3 *db, const struct store_opts *o, char **msg)
{
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, o->busy_ms > 0 ? o->busy_ms : 5000);
    char pragmas[256];
    snprintf(pragmas, sizeof(pragmas),
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;",
             o->sync_full ? "FULL" : "NORMAL");
    return sqlite3_exec(db, pragmas, NULL, NULL, msg);
}

static void finalize_stmt(void *ctx, void *stmt)
{
    (void)ctx;
    sqlite3_finalize(stmt);
}

static void writer_free(struct sq_writer *w)
{
    if (w->ckpt_started) {
        pthread_mutex_lock(&w->ckpt_mu);
        w->ckpt_stop = true;
        pthread_cond_signal(&w->ckpt_cv);
        pthread_mutex_unlock(&w->ckpt_mu);
        pthread_join(w->ckpt_thread, NULL);
    }
    sqlite3_close_v2(w->ckpt_db);
    pthread_mutex_destroy(&w->ckpt_mu);
    pthread_cond_destroy(&w->ckpt_cv);
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(w->stmt[i]);
    sqlite3_stmt *fixed[] = {w->begin,     w->commit,  w->rollback,
                             w->savepoint, w->release, w->rollback_to};
    for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
        sqlite3_finalize(fixed[i]);
    stmt_cache_clear(&w->sql_cache, finalize_stmt, NULL);
    sqlite3_close_v2(w->db);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->done);
    free(w->path);
    free(w);
}

/* Decision: the writer checkpoints in a thread of its own, not in the COMMIT that crosses
 * the threshold (SQLite's auto-checkpoint): a checkpoint copies hundreds of pages and syncs
 * the file twice, and inside a COMMIT it would hold the write lock, and every writer behind
 * it, for all of that. PASSIVE: it never waits for readers or the writer; what it cannot
 * copy yet waits for the next one. */
static void *checkpointer(void *arg)
{
    struct sq_writer *w = arg;
    pthread_mutex_lock(&w->ckpt_mu);
    for (;;) {
        while (!w->ckpt_due && !w->ckpt_stop)
            pthread_cond_wait(&w->ckpt_cv, &w->ckpt_mu);
        if (w->ckpt_stop)
            break;
        w->ckpt_due = false;
        pthread_mutex_unlock(&w->ckpt_mu);
        sqlite3_wal_checkpoint_v2(w->ckpt_db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        pthread_mutex_lock(&w->ckpt_mu);
    }
    pthread_mutex_unlock(&w->ckpt_mu);
    return NULL;
}

/* After every COMMIT on the writer (under its mutex), with the WAL's length in frames: the
 * checkpointer is woken each time the WAL grew by CKPT_FRAMES. Under a steady stream of
 * batches its checkpoints never catch up with the last frame, so the WAL never starts
 * over; past CKPT_FRAMES_MAX the COMMIT checkpoints itself, as SQLite's would, with every
 * writer held, and the next batch starts the WAL again. */
static int wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
    struct sq_writer *w = arg;
    if (frames < w->ckpt_at - CKPT_FRAMES)
        w->ckpt_at = CKPT_FRAMES; /* the WAL started over */
    if (frames >= CKPT_FRAMES_MAX) {
        sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
        w->ckpt_at = CKPT_FRAMES;
    } else if (frames >= w->ckpt_at) {
        w->ckpt_at = frames + CKPT_FRAMES;
        pthread_mutex_lock(&w->ckpt_mu);
        w->ckpt_due = true;
        pthread_cond_signal(&w->ckpt_cv);
        pthread_mutex_unlock(&w->ckpt_mu);
    }
    return SQLITE_OK;
}

static struct sq_writer *writer_open(const char *path, const struct store_opts *o, char *err,
                                     size_t errlen)
{
    struct sq_writer *w = calloc(1, sizeof(*w));
    if (!w || !(w->path = strdup(path))) {
        free(w);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->done, NULL);
    pthread_mutex_init(&w->ckpt_mu, NULL);
    pthread_cond_init(&w->ckpt_cv, NULL);
    w->ckpt_at = CKPT_FRAMES;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    char *msg = NULL;
    int code = sqlite3_open_v2(path, &w->db, flags, NULL);
    if (code == SQLITE_OK)
        code = configure(w->db, o, &msg);
    /* ROLLBACK TO needs the pages a request's savepoint changed: kept in memory, a
     * temporary file would be created, written and removed per request */
    if (code == SQLITE_OK)
        code = sqlite3_exec(w->db, "PRAGMA temp_store=MEMORY", NULL, NULL, &msg);
    const char *fixed[] = {"BEGIN IMMEDIATE", "COMMIT",     "ROLLBACK",
                           "SAVEPOINT wk",    "RELEASE wk", "ROLLBACK TO wk"};
    sqlite3_stmt **out[] = {&w->begin,     &w->commit,  &w->rollback,
                            &w->savepoint, &w->release, &w->rollback_to};
    for (size_t i = 0; code == SQLITE_OK && i < sizeof(fixed) / sizeof(fixed[0]); i++)
        code = sqlite3_prepare_v3(w->db, fixed[i], -1, SQLITE_PREPARE_PERSISTENT, out[i], NULL);
    if (code == SQLITE_OK)
        code = sqlite3_open_v2(path, &w->ckpt_db, flags, NULL);
    if (code == SQLITE_OK)
        code = configure(w->ckpt_db, o, &msg);
    if (code == SQLITE_OK) {
        w->ckpt_started = pthread_create(&w->ckpt_thread, NULL, checkpointer, w) == 0;
        if (!w->ckpt_started)
            code = SQLITE_NOMEM;
    }
    if (code != SQLITE_OK) {
        snprintf(err, errlen, "cannot open the writer of '%s': %s", path,
                 msg     ? msg
                 : w->db ? sqlite3_errmsg(w->db)
                         : sqlite3_errstr(code));
        sqlite3_free(msg);
        writer_free(w);
        return NULL;
    }
    /* replaces SQLite's auto-checkpoint on this connection (checkpointer above) */
    sqlite3_wal_hook(w->db, wal_hook, w);
    return w;
}

/* The writer of the file s is open on, shared by every connection to it (by the full path
 * SQLite resolved); none for an in-memory or temporary database. */
static int writer_attach(struct sqlite_store *s, const struct store_opts *o, char *err,
                         size_t errlen)
{
    const char *path = sqlite3_db_filename(s->db, "main");
    if (!path || !*path)
        return RC_OK;
    pthread_mutex_lock(&writers_mu);
    struct sq_writer *w = writers;
    while (w && strcmp(w->path, path) != 0)
        w = w->next;
    if (!w && (w = writer_open(path, o, err, errlen))) {
        w->next = writers;
        writers = w;
    }
    if (w)
        w->refs++;
    pthread_mutex_unlock(&writers_mu);
    s->w = w;
    return w ? RC_OK : RC_STORE;
}

static void writer_detach(struct sq_writer *w)
{
    pthread_mutex_lock(&writers_mu);
    bool last = --w->refs == 0;
    if (last) {
        struct sq_writer **pp = &writers;
        while (*pp != w)
            pp = &(*pp)->next;
        *pp = w->next;
    }
    pthread_mutex_unlock(&writers_mu);
    if (last)
        writer_free(w);
}

static void sq_close(struct store *st)
{
    struct sqlite_store *s = S(st);
    if (!s)
        return;
    for (int i = 0; i < Q__COUNT; i++)
        sqlite3_finalize(s->stmt[i]);
    sqlite3_finalize(s->begin_read);
    sqlite3_finalize(s->begin_write);
    sqlite3_finalize(s->commit);
    sqlite3_finalize(s->rollback);
    sqlite3_close_v2(s->db);
    if (s->w)
        writer_detach(s->w);
    free(s);
}

/* Before SQLite's first use: no memory statistics. They cost a process-wide mutex on
 * every allocation (a profile of a task read: ~290 lock calls, 9k instructions), and
 * weeekd reads none of them. Too late once SQLite is initialised: then it is a no-op. */
static pthread_once_t config_once = PTHREAD_ONCE_INIT;
static void configure_library(void)
{
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

static int sq_open(struct store **out, const char *target, const struct store_opts *o, char *err,
                   size_t errlen)
{
    pthread_once(&config_once, configure_library);
    struct sqlite_store *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return RC_NOMEM;
    }
    s->base.drv = &sqlite_driver;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int code = sqlite3_open_v2(target, &s->db, flags, NULL);
    if (code != SQLITE_OK) {
        snprintf(err, errlen, "cannot open SQLite database '%s': %s", target,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(code));
        sq_close(&s->base);
        return RC_STORE;
    }
    char *msg = NULL;
    code = configure(s->db, o, &msg);
    int rc = RC_OK;
    if (code != SQLITE_OK) {
        snprintf(err, errlen, "cannot configure SQLite database '%s': %s", target,
                 msg ? msg : sqlite3_errstr(code));
        rc = RC_STORE;
    }
    sqlite3_free(msg);
    if (!rc)
        rc = prep(s, "BEGIN", &s->begin_read);
    if (!rc)
        rc = prep(s, "BEGIN IMMEDIATE", &s->begin_write);
    if (!rc)
        rc = prep(s, "COMMIT", &s->commit);
    if (!rc)
        rc = prep(s, "ROLLBACK", &s->rollback);
    if (!rc)
        rc = writer_attach(s, o, err, errlen);
    if (rc) {
        if (!err[0])
            snprintf(err, errlen, "%s", s->base.errmsg);
        sq_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return RC_OK;
}

/* Inside a write transaction: RC_OK while the batch transaction is open. A statement that
 * failed may have made SQLite roll the whole transaction back (an I/O error, a full disk,
 * out of memory): then nothing more of the request may run, or it would autocommit
 * statement by statement. */
static int batch_alive(struct sqlite_store *s)
{
    if (!s->writing || !sqlite3_get_autocommit(s->w->db))
        return RC_OK;
    snprintf(s->base.errmsg, sizeof(s->base.errmsg),
             "sqlite: the write transaction was rolled back by an earlier error");
    return s->w->dead_rc ? s->w->dead_rc : RC_STORE;
}

/* rc of a statement that failed on s; records whether it ended the batch transaction */
static int batch_failed(struct sqlite_store *s, int rc)
{
    if (s->writing && !s->w->dead_rc && sqlite3_get_autocommit(s->w->db))
        s->w->dead_rc = rc == RC_CONFLICT || rc == RC_INVALID ? RC_STORE : rc;
    return rc;
}

static int sq_script(struct store *st, const char *sql)
{
    struct sqlite_store *s = S(st);
    char *msg = NULL;
    int rc = batch_alive(s);
    if (rc)
        return rc;
    int code = sqlite3_exec(db_of(s), sql, NULL, NULL, &msg);
    if (code != SQLITE_OK) {
        rc = batch_failed(s, map_error(s, code));
        if (msg)
            snprintf(st->errmsg, sizeof(st->errmsg), "sqlite: %s", msg);
        sqlite3_free(msg);
        return rc;
    }
    return RC_OK;
}

static int sq_prepare(struct store *st, enum sql_id q)
{
    struct sqlite_store *s = S(st);
    if (s->stmt[q])
        return RC_OK;
    int rc = prep(s, query_texts[q].sqlite, &s->stmt[q]);
    if (rc) {
        char msg[sizeof(st->errmsg)];
        snprintf(msg, sizeof(msg), "%s", st->errmsg);
        snprintf(st->errmsg, sizeof(st->errmsg), "query %s: %s", query_texts[q].name, msg);
    }
    return rc;
}

static int step_once(struct sqlite_store *s, sqlite3_stmt *stmt)
{
    int code = sqlite3_step(stmt);
    int rc = code == SQLITE_DONE || code == SQLITE_ROW ? RC_OK : map_error(s, code);
    sqlite3_reset(stmt);
    return rc;
}

/* Ends s's part in the batch (w->mu held; released on return). me: the request's writes
 * were released into the batch and it waits for the batch's COMMIT (NULL: it rolled back,
 * or never began). fail_rc: the batch must fail now with this rc (an injected COMMIT
 * failure, a savepoint that could not be undone). The batch is committed now when no
 * writer waits to join it, when it is full, or it is failed; else the last writer to join
 * commits it, and a waiting request answers only after that COMMIT. A COMMIT that fails,
 * or a batch SQLite already rolled back, fails every request in it. */
static int finish(struct sqlite_store *s, struct sq_waiter *me, int fail_rc)
{
    struct sq_writer *w = s->w;
    s->writing = false;
    if (me) {
        me->next = w->waiters;
        w->waiters = me;
        w->batch_n++;
    }
    if (w->open && sqlite3_get_autocommit(w->db) && !fail_rc) {
        fail_rc = w->dead_rc ? w->dead_rc : RC_STORE;
        snprintf(s->base.errmsg, sizeof(s->base.errmsg),
                 "sqlite: the batch transaction was rolled back by an error");
    }
    if (fail_rc || w->batch_n >= SQ_BATCH_MAX ||
        atomic_load_explicit(&w->waiting, memory_order_relaxed) == 0) {
        int rc = fail_rc;
        if (!rc && w->open) {
            /* the COMMIT runs on the writer: s->writing again for map_error's message */
            s->writing = true;
            rc = step_once(s, w->commit);
            s->writing = false;
            if (!rc && w->batch_n)
                store_count_commit();
        }
        if (w->open && !sqlite3_get_autocommit(w->db)) {
            sqlite3_step(w->rollback);
            sqlite3_reset(w->rollback);
        }
        for (struct sq_waiter *q = w->waiters; q; q = q->next) {
            q->rc = rc;
            if (rc && q->st != &s->base)
                snprintf(q->st->errmsg, sizeof(q->st->errmsg), "group commit: %s", s->base.errmsg);
            q->done = true;
        }
        w->waiters = NULL;
        w->open = false;
        w->batch_n = 0;
        w->dead_rc = 0;
        pthread_cond_broadcast(&w->done);
    } else {
        while (me && !me->done)
            pthread_cond_wait(&w->done, &w->mu);
    }
    int rc = me ? me->rc : RC_OK;
    pthread_mutex_unlock(&w->mu);
    return rc;
}

/* A write transaction on the file's writer: join the open batch, or open one. */
static int writer_begin(struct sqlite_store *s)
{
    struct sq_writer *w = s->w;
    if (pthread_mutex_trylock(&w->mu) != 0) {
        atomic_fetch_add_explicit(&w->waiting, 1, memory_order_relaxed);
        store_count_write_wait();
        pthread_mutex_lock(&w->mu);
        atomic_fetch_sub_explicit(&w->waiting, 1, memory_order_relaxed);
    }
    s->writing = true;
    s->savepoint = w->open;
    int rc = step_once(s, w->open ? w->savepoint : w->begin);
    if (!w->open)
        w->open = !rc;
    if (rc) {
        finish(s, NULL, 0);
        return rc;
    }
    return RC_OK;
}

static int sq_begin(struct store *st, enum tx_kind kind, int64_t ws_id)
{
    struct sqlite_store *s = S(st);
    (void)ws_id; /* one writer at a time whatever the workspace: SQLite has one write lock */
    if (kind == TX_WRITE && s->w)
        return writer_begin(s);
    if (kind == TX_WRITE) {
        pthread_mutex_lock(&write_mu);
        s->holds_write_lock = true;
    }
    int rc = step_once(s, kind == TX_WRITE ? s->begin_write : s->begin_read);
    if (rc && s->holds_write_lock) {
        s->holds_write_lock = false;
        pthread_mutex_unlock(&write_mu);
    }
    return rc;
}

static void release_write_lock(struct sqlite_store *s)
{
    if (s->holds_write_lock) {
        s->holds_write_lock = false;
        pthread_mutex_unlock(&write_mu);
    }
}

/* The request's writes undone; false when they could not be (the batch must fail). */
static bool undo_request(struct sqlite_store *s)
{
    struct sq_writer *w = s->w;
    if (sqlite3_get_autocommit(w->db))
        return true; /* the batch is gone already: finish fails it */
    if (!s->savepoint) {
        /* it opened the batch, and nobody joined it since */
        w->open = false;
        return step_once(s, w->rollback) == RC_OK;
    }
    return step_once(s, w->rollback_to) == RC_OK && step_once(s, w->release) == RC_OK;
}

/* The request's writes kept in the batch. */
static int keep_request(struct sqlite_store *s)
{
    int rc = batch_alive(s);
    if (!rc && s->savepoint)
        rc = step_once(s, s->w->release);
    return rc;
}

static int sq_commit(struct store *st)
{
    struct sqlite_store *s = S(st);
    if (s->writing) {
        int rc = keep_request(s);
        if (rc) {
            finish(s, NULL, undo_request(s) ? 0 : rc);
            return rc;
        }
        struct sq_waiter me = {.st = st};
        return finish(s, &me, 0);
    }
    bool wrote = s->holds_write_lock;
    int rc = step_once(s, s->commit);
    if (rc) {
        /* a failed COMMIT leaves the transaction open: roll it back so the connection is
         * clean for the next request */
        step_once(s, s->rollback);
    } else if (wrote) {
        store_count_commit();
    }
    release_write_lock(s);
    return rc;
}

/* The COMMIT covering this transaction fails with rc (store_commit's injected fault): on
 * the writer the whole batch fails, as it would if SQLite's COMMIT had failed. */
static int sq_commit_fail(struct store *st, int rc)
{
    struct sqlite_store *s = S(st);
    if (!s->writing) {
        if (!sqlite3_get_autocommit(s->db))
            step_once(s, s->rollback);
        release_write_lock(s);
        return rc;
    }
    struct sq_waiter me = {.st = st};
    char msg[sizeof(st->errmsg)];
    snprintf(msg, sizeof(msg), "%s", st->errmsg);
    bool released = keep_request(s) == RC_OK;
    snprintf(st->errmsg, sizeof(st->errmsg), "%s", msg);
    finish(s, released ? &me : NULL, rc);
    return rc;
}

static void sq_rollback(struct store *st)
{
    struct sqlite_store *s = S(st);
    if (s->writing) {
        finish(s, NULL, undo_request(s) ? 0 : RC_STORE);
        return;
    }
    if (!sqlite3_get_autocommit(s->db))
        step_once(s, s->rollback);
    release_write_lock(s);
}

static int migrate_begin(struct store *st)
{
    return sq_begin(st, TX_WRITE, 0);
}

static int bind_args(struct sqlite_store *s, sqlite3_stmt *stmt, const struct sql_val *args,
                     size_t nargs)
{
    for (size_t i = 0; i < nargs; i++) {
        int idx = (int)i + 1, code;
        switch (args[i].type) {
        case SQL_INT:
            code = sqlite3_bind_int64(stmt, idx, args[i].u.i);
            break;
        case SQL_REAL:
            code = sqlite3_bind_double(stmt, idx, args[i].u.d);
            break;
        case SQL_TEXT:
            code = sqlite3_bind_text64(stmt, idx, args[i].u.s.ptr ? args[i].u.s.ptr : "",
                                       args[i].u.s.len, SQLITE_STATIC, SQLITE_UTF8);
            break;
        case SQL_BLOB:
            /* a NULL pointer would bind SQL NULL, not an empty blob */
            code = sqlite3_bind_blob64(stmt, idx, args[i].u.s.ptr ? args[i].u.s.ptr : "",
                                       args[i].u.s.len, SQLITE_STATIC);
            break;
        default:
            code = sqlite3_bind_null(stmt, idx);
            break;
        }
        if (code != SQLITE_OK)
            return map_error(s, code);
    }
    return RC_OK;
}

static int copy_row(struct sqlite_store *s, sqlite3_stmt *stmt, struct arena *a,
                    struct sql_rows *out, size_t *cap)
{
    size_t nc = out->ncols;
    if (out->nrows == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        struct sql_val *cells = arena_alloc(a, ncap * nc * sizeof(*cells));
        if (!cells)
            return RC_NOMEM;
        if (out->nrows)
            memcpy(cells, out->cell, out->nrows * nc * sizeof(*cells));
        out->cell = cells;
        *cap = ncap;
    }
    struct sql_val *row = &out->cell[out->nrows * nc];
    for (size_t c = 0; c < nc; c++) {
        int col = (int)c;
        switch (sqlite3_column_type(stmt, col)) {
        case SQLITE_INTEGER:
            row[c] = SV_INT(sqlite3_column_int64(stmt, col));
            break;
        case SQLITE_FLOAT:
            row[c] = SV_REAL(sqlite3_column_double(stmt, col));
            break;
        case SQLITE_NULL:
            row[c] = SV_NULL;
            break;
        case SQLITE_BLOB: {
            const void *b = sqlite3_column_blob(stmt, col);
            size_t n = (size_t)sqlite3_column_bytes(stmt, col);
            char *p = arena_alloc(a, n + 1);
            if (!p)
                return map_error(s, SQLITE_NOMEM);
            if (n)
                memcpy(p, b, n);
            p[n] = '\0';
            row[c] = SV_BLOB(p, n);
            break;
        }
        default: {
            const unsigned char *t = sqlite3_column_text(stmt, col);
            size_t n = (size_t)sqlite3_column_bytes(stmt, col);
            char *p = t ? arena_strndup(a, (const char *)t, n) : NULL;
            if (!p)
                return map_error(s, SQLITE_NOMEM);
            row[c] = SV_STR(((struct str){p, n}));
        }
        }
    }
    out->nrows++;
    return RC_OK;
}

/* Bind, step every row into out (when given) and reset. label names the statement in
 * errors. */
static int run(struct sqlite_store *s, sqlite3_stmt *stmt, const char *label, struct arena *a,
               const struct sql_val *args, size_t nargs, struct sql_rows *out, int64_t *changed)
{
    if ((size_t)sqlite3_bind_parameter_count(stmt) != nargs) {
        snprintf(s->base.errmsg, sizeof(s->base.errmsg),
                 "query %s: %zu arguments for %d parameters", label, nargs,
                 sqlite3_bind_parameter_count(stmt));
        return RC_INTERNAL;
    }
    int rc = bind_args(s, stmt, args, nargs);
    size_t cap = 0;
    if (out) {
        out->nrows = 0;
        out->ncols = (size_t)sqlite3_column_count(stmt);
        out->cell = NULL;
    }
    while (!rc) {
        int code = sqlite3_step(stmt);
        if (code == SQLITE_DONE)
            break;
        if (code != SQLITE_ROW) {
            rc = map_error(s, code);
            break;
        }
        if (out && a)
            rc = copy_row(s, stmt, a, out, &cap);
    }
    if (!rc && changed)
        *changed = sqlite3_changes64(db_of(s));
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    return rc;
}

static int sq_query(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
                    size_t nargs, struct sql_rows *out, int64_t *changed)
{
    struct sqlite_store *s = S(st);
    sqlite3_stmt *stmt = s->stmt[q];
    if (!stmt) {
        snprintf(st->errmsg, sizeof(st->errmsg), "query %s not prepared", query_texts[q].name);
        return RC_INTERNAL;
    }
    if (s->writing) {
        int rc = batch_alive(s);
        if (!rc && !s->w->stmt[q])
            rc = prep(s, query_texts[q].sqlite, &s->w->stmt[q]);
        if (rc)
            return rc;
        stmt = s->w->stmt[q];
    }
    return batch_failed(s, run(s, stmt, query_texts[q].name, a, args, nargs, out, changed));
}

/* $N -> ?N outside string literals, as tools/sqlgen.awk does for the named queries
 * (SQLite would number "$1" parameters by first appearance, not by N) */
static char *to_sqlite(const char *sql)
{
    size_t n = strlen(sql);
    char *out = fault_malloc(n + 1);
    if (!out)
        return NULL;
    bool in_quote = false;
    for (size_t i = 0; i <= n; i++) {
        char ch = sql[i];
        if (ch == '\'')
            in_quote = !in_quote;
        if (ch == '$' && !in_quote && sql[i + 1] >= '0' && sql[i + 1] <= '9')
            ch = '?';
        out[i] = ch;
    }
    return out;
}

static int sq_prepare_sql(struct store *st, const char *sql, void **out)
{
    struct sqlite_store *s = S(st);
    char *text = to_sqlite(sql);
    if (!text)
        return RC_NOMEM;
    sqlite3_stmt *stmt = NULL;
    int rc = prep(s, text, &stmt);
    free(text);
    if (rc) {
        char msg[sizeof(st->errmsg)];
        snprintf(msg, sizeof(msg), "%s", st->errmsg);
        snprintf(st->errmsg, sizeof(st->errmsg), "dynamic query: %s", msg);
        return rc;
    }
    *out = stmt;
    return RC_OK;
}

static void sq_drop_sql(struct store *st, void *stmt)
{
    (void)st;
    sqlite3_finalize(stmt);
}

/* stmt was prepared on st's own connection; inside a write transaction the same text runs
 * on the writer, from the writer's cache */
static int sq_query_sql(struct store *st, struct arena *a, void *stmt, const struct sql_val *args,
                        size_t nargs, struct sql_rows *out)
{
    struct sqlite_store *s = S(st);
    if (s->writing) {
        int rc = batch_alive(s);
        if (rc)
            return rc;
        const char *text = sqlite3_sql(stmt);
        sqlite3_stmt *ws = stmt_cache_get(&s->w->sql_cache, text);
        if (!ws) {
            sqlite3_stmt *fresh = NULL;
            rc = prep(s, text, &fresh);
            if (rc)
                return rc;
            if (stmt_cache_put(&s->w->sql_cache, text, fresh, finalize_stmt, NULL)) {
                sqlite3_finalize(fresh);
                return RC_NOMEM;
            }
            ws = fresh;
        }
        stmt = ws;
    }
    return batch_failed(s, run(s, stmt, "(dynamic)", a, args, nargs, out, NULL));
}

static int sq_columns(struct store *st, enum sql_id q, size_t *n)
{
    struct sqlite_store *s = S(st);
    if (!s->stmt[q])
        return RC_STORE;
    *n = (size_t)sqlite3_column_count(s->stmt[q]);
    return RC_OK;
}

/* Copy the database file `from` into `to` with SQLite's online backup API: a consistent
 * snapshot even while other connections write (in WAL mode the copy is one read
 * transaction, so writers are not held up), and the copy is checked afterwards. */
int sqlite_copy(const char *from, const char *to, bool need_weeekd, char *err, size_t errlen)
{
    sqlite3 *src = NULL, *dst = NULL;
    int rc = RC_STORE;
    if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open '%s': %s", from,
                 src ? sqlite3_errmsg(src) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(src, 5000);
    if (need_weeekd) {
        sqlite3_stmt *st = NULL;
        bool ok = sqlite3_prepare_v2(src, "SELECT max(version) FROM schema_version", -1, &st,
                                     NULL) == SQLITE_OK &&
                  sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) > 0;
        sqlite3_finalize(st);
        if (!ok) {
            snprintf(err, errlen, "'%s' is not a weeekd SQLite store", from);
            goto out;
        }
    }
    if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "cannot open '%s': %s", to,
                 dst ? sqlite3_errmsg(dst) : "out of memory");
        goto out;
    }
    sqlite3_busy_timeout(dst, 5000);
    sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
    if (!b) {
        snprintf(err, errlen, "cannot copy into '%s': %s", to, sqlite3_errmsg(dst));
        goto out;
    }
    int code;
    for (int tries = 0; tries < 100; tries++) {
        code = sqlite3_backup_step(b, -1);
        if (code != SQLITE_BUSY && code != SQLITE_LOCKED)
            break;
        sqlite3_sleep(50);
    }
    sqlite3_backup_finish(b);
    if (code != SQLITE_DONE) {
        snprintf(err, errlen, "copying '%s' into '%s' failed: %s", from, to, sqlite3_errstr(code));
        goto out;
    }
    sqlite3_stmt *chk = NULL;
    bool ok = sqlite3_prepare_v2(dst, "PRAGMA quick_check", -1, &chk, NULL) == SQLITE_OK &&
              sqlite3_step(chk) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(chk, 0), "ok") == 0;
    sqlite3_finalize(chk);
    if (!ok) {
        snprintf(err, errlen, "the copy in '%s' fails SQLite's quick_check", to);
        goto out;
    }
    rc = RC_OK;
out:
    sqlite3_close_v2(src);
    sqlite3_close_v2(dst);
    return rc;
}

const struct store_driver sqlite_driver = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .script = sq_script,
    .prepare = sq_prepare,
    .begin = sq_begin,
    .commit = sq_commit,
    .commit_fail = sq_commit_fail,
    .rollback = sq_rollback,
    .query = sq_query,
    .columns = sq_columns,
    .migrate_begin = migrate_begin,
    .prepare_sql = sq_prepare_sql,
    .drop_sql = sq_drop_sql,
    .query_sql = sq_query_sql,
    .schema_dir = "sqlite",
};
