/* sqlite.c — the SQLite driver: the only file that includes <sqlite3.h>.
 * One sqlite3 connection per struct store, every named query prepared once with
 * SQLITE_PREPARE_PERSISTENT, WAL journal, foreign keys on. Writers are serialised inside
 * the process by a mutex held from BEGIN IMMEDIATE to COMMIT/ROLLBACK (two writers that
 * rely on the busy timeout alone stall for hundreds of ms); other processes on the same
 * file are handled by the busy timeout. */
#include "store/driver.h"
#include "core/arena.h"
#include "core/fault.h"
#include "core/rc.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

struct sqlite_store {
    struct store base;
    sqlite3 *db;
    sqlite3_stmt *stmt[Q__COUNT];
    sqlite3_stmt *begin_read, *begin_write, *commit, *rollback;
    bool holds_write_lock;
};

static pthread_mutex_t write_mu = PTHREAD_MUTEX_INITIALIZER;

static struct sqlite_store *S(struct store *st)
{
    return (struct sqlite_store *)st;
}

static int map_error(struct sqlite_store *s, int code)
{
    snprintf(s->base.errmsg, sizeof(s->base.errmsg), "sqlite: %s (%d)", sqlite3_errmsg(s->db),
             sqlite3_extended_errcode(s->db));
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
    int code = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, out, NULL);
    return code == SQLITE_OK ? RC_OK : map_error(s, code);
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
    sqlite3_extended_result_codes(s->db, 1);
    sqlite3_busy_timeout(s->db, o->busy_ms > 0 ? o->busy_ms : 5000);
    char pragmas[256];
    snprintf(pragmas, sizeof(pragmas),
             "PRAGMA journal_mode=WAL; PRAGMA synchronous=%s; PRAGMA foreign_keys=ON;",
             o->sync_full ? "FULL" : "NORMAL");
    char *msg = NULL;
    code = sqlite3_exec(s->db, pragmas, NULL, NULL, &msg);
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
    if (rc) {
        if (!err[0])
            snprintf(err, errlen, "%s", s->base.errmsg);
        sq_close(&s->base);
        return rc;
    }
    *out = &s->base;
    return RC_OK;
}

static int sq_script(struct store *st, const char *sql)
{
    struct sqlite_store *s = S(st);
    char *msg = NULL;
    int code = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
    if (code != SQLITE_OK) {
        int rc = map_error(s, code);
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

static int sq_begin(struct store *st, enum tx_kind kind, int64_t ws_id)
{
    struct sqlite_store *s = S(st);
    (void)ws_id; /* one writer at a time whatever the workspace: SQLite has one write lock */
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

static int sq_commit(struct store *st)
{
    struct sqlite_store *s = S(st);
    int rc = step_once(s, s->commit);
    if (rc) {
        /* a failed COMMIT leaves the transaction open: roll it back so the connection is
         * clean for the next request */
        step_once(s, s->rollback);
    }
    release_write_lock(s);
    return rc;
}

static void sq_rollback(struct store *st)
{
    struct sqlite_store *s = S(st);
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
        *changed = sqlite3_changes64(s->db);
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
    return run(s, stmt, query_texts[q].name, a, args, nargs, out, changed);
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

static int sq_query_sql(struct store *st, struct arena *a, void *stmt, const struct sql_val *args,
                        size_t nargs, struct sql_rows *out)
{
    return run(S(st), stmt, "(dynamic)", a, args, nargs, out, NULL);
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
    .rollback = sq_rollback,
    .query = sq_query,
    .columns = sq_columns,
    .migrate_begin = migrate_begin,
    .prepare_sql = sq_prepare_sql,
    .drop_sql = sq_drop_sql,
    .query_sql = sq_query_sql,
    .schema_dir = "sqlite",
};
