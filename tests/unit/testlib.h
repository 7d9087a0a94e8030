/* testlib.h — fixtures shared by the unit tests: a temporary SQLite store seeded with one
 * workspace, member and token, and an in-process request builder around router_dispatch().
 * Header-only (static inline) because the Makefile compiles each test_*.c on its own.
 * Helpers return rc values and leave the asserting to the tests, so the fuzz targets can
 * use the same code without cmocka. Every fixture is released by its *_close/_release. */
#ifndef TESTLIB_H
#define TESTLIB_H

#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "api/pipeline/jsonmem.h"
#include "api/pipeline/router.h"
#include "core/arena.h"
#include "core/rand.h"
#include "core/rc.h"
#include "http/request.h"
#include "model/token.h"
#include "model/workspace.h"
#include "store/store.h"
#include "core/common.h"

/* ---- PostgreSQL (tests that also run there when WEEEKD_TEST_PG_URL names an admin URL) ---- */

/* postgresql://u@h:p/db?x -> the same URL naming database db */
static inline void tl_pg_url_with_db(const char *admin, const char *db, char *out, size_t n)
{
    const char *q = strchr(admin, '?');
    const char *auth = strstr(admin, "://");
    auth = auth ? auth + 3 : admin;
    const char *slash = strchr(auth, '/');
    if (slash && q && slash > q)
        slash = NULL;
    size_t base = slash ? (size_t)(slash - admin) : q ? (size_t)(q - admin) : strlen(admin);
    snprintf(out, n, "%.*s/%s%s", (int)base, admin, db, q ? q : "");
}

static inline bool tl_pg_admin_exec(const char *admin, const char *sql)
{
    PGconn *conn = PQconnectdb(admin);
    bool ok = PQstatus(conn) == CONNECTION_OK;
    if (ok) {
        PGresult *res = PQexec(conn, sql);
        ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        if (!ok)
            fprintf(stderr, "testlib: %s: %s", sql, PQerrorMessage(conn));
        PQclear(res);
    } else {
        fprintf(stderr, "testlib: %s", PQerrorMessage(conn));
    }
    PQfinish(conn);
    return ok;
}

/* ---- temporary store ------------------------------------------------------------------ */

struct tl_store {
    char dir[256]; /* mkdtemp directory holding t.db */
    char url[300]; /* "sqlite:<dir>/t.db" */
    char err[512]; /* store_pool_open's reason on failure */
    struct store_pool *pool;
    struct app app; /* {.pool}, what router_dispatch expects */
    int64_t ws_id;  /* the seeded workspace "Acme" */
    char member_id[UUID_LEN + 1];
    char token[TOKEN_LEN + 1];
    char auth[TOKEN_LEN + 8]; /* "Bearer <token>" */
};

/* Open (or reopen) the pool on s->url. */
static inline int tl_store_open_pool(struct tl_store *s)
{
    s->err[0] = '\0';
    int rc = store_pool_open(&s->pool, s->url, NULL, s->err, sizeof(s->err));
    if (rc) {
        fprintf(stderr, "testlib: store_pool_open(%s): %s\n", s->url, s->err);
        s->pool = NULL;
    }
    s->app.pool = s->pool;
    return rc;
}

static inline void tl_store_close_pool(struct tl_store *s)
{
    store_pool_close(s->pool);
    s->pool = NULL;
    s->app.pool = NULL;
}

/* A new empty store in a fresh temporary directory. */
static inline int tl_store_open(struct tl_store *s)
{
    const char *tmp = getenv("TMPDIR");
    memset(s, 0, sizeof(*s));
    jsonmem_install();
    snprintf(s->dir, sizeof(s->dir), "%s/weeekd-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(s->dir)) {
        perror("testlib: mkdtemp");
        return RC_STORE;
    }
    snprintf(s->url, sizeof(s->url), "sqlite:%s/t.db", s->dir);
    return tl_store_open_pool(s);
}

/* Close the pool and remove the database files and the directory. */
static inline void tl_store_close(struct tl_store *s)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    char path[320];
    tl_store_close_pool(s);
    for (size_t i = 0; i < ARRAY_LEN(suffixes); i++) {
        snprintf(path, sizeof(path), "%s/t.db%s", s->dir, suffixes[i]);
        unlink(path);
    }
    if (s->dir[0])
        rmdir(s->dir);
}

/* Create a workspace with one owner and one token in a single write transaction.
 * Outputs may be NULL except ws. */
static inline int tl_seed(struct store_pool *pool, const char *title, const char *email,
                          int64_t *ws, char member_out[UUID_LEN + 1], char token_out[TOKEN_LEN + 1])
{
    struct arena a;
    char token[TOKEN_LEN + 1];
    const char *member = NULL;
    arena_init(&a, 0);
    struct store *st = store_acquire(pool);
    int rc = store_begin(st, TX_WRITE);
    if (rc)
        goto out;
    rc = workspace_create(st, &a, title, ws);
    if (!rc)
        rc = member_add(st, &a, *ws, email, "Ada Lovelace", "owner", &member);
    if (!rc)
        rc = token_issue(st, *ws, member, "test", token);
    if (rc) {
        store_rollback(st);
        goto out;
    }
    rc = store_commit(st);
    if (rc)
        goto out;
    if (member_out)
        snprintf(member_out, UUID_LEN + 1, "%s", member);
    if (token_out)
        memcpy(token_out, token, TOKEN_LEN + 1);
out:
    store_release(pool, st);
    arena_reset(&a);
    return rc;
}

/* A fresh store seeded with workspace "Acme", member ada@example.com and a token. */
static inline int tl_store_open_seeded(struct tl_store *s)
{
    int rc = tl_store_open(s);
    if (!rc)
        rc = tl_seed(s->pool, "Acme", "ada@example.com", &s->ws_id, s->member_id, s->token);
    if (!rc)
        snprintf(s->auth, sizeof(s->auth), "Bearer %s", s->token);
    return rc;
}

/* cmocka-shaped setup/teardown: *state becomes a seeded struct tl_store. */
static inline int tl_setup(void **state)
{
    struct tl_store *s = malloc(sizeof(*s));
    if (!s)
        return -1;
    if (tl_store_open_seeded(s)) {
        tl_store_close(s);
        free(s);
        return -1;
    }
    *state = s;
    return 0;
}

static inline int tl_teardown(void **state)
{
    struct tl_store *s = *state;
    if (s) {
        tl_store_close(s);
        free(s);
    }
    *state = NULL;
    return 0;
}

/* ---- in-process requests -------------------------------------------------------------- */

struct tl_req {
    struct request req;
    struct response resp;
    char *raw;    /* heap copy of the target, then the body (outside the arena, so an arena
                     cap measures only what dispatch itself allocates) */
    json_t *json; /* the response body parsed (malloc'd), NULL when it is not JSON */
};

/* Build a request. target is "/path?query"; auth, content_type and body may be NULL.
 * arena_limit 0 means the default cap. */
static inline int tl_req_init(struct tl_req *r, const char *method, const char *target,
                              const char *auth, const char *content_type, const char *body,
                              size_t body_len, size_t arena_limit)
{
    size_t tlen = strlen(target);
    memset(r, 0, sizeof(*r));
    r->raw = malloc(tlen + body_len + 2);
    if (!r->raw)
        return RC_NOMEM;
    memcpy(r->raw, target, tlen + 1);
    char *b = r->raw + tlen + 1;
    if (body_len)
        memcpy(b, body, body_len);
    b[body_len] = '\0';

    struct request *q = &r->req;
    arena_init(&q->arena, arena_limit);
    snprintf(q->id, sizeof(q->id), "test");
    q->method = method;
    const char *mark = memchr(r->raw, '?', tlen);
    size_t plen = mark ? (size_t)(mark - r->raw) : tlen;
    q->path = (struct str){r->raw, plen};
    q->query = mark ? (struct str){mark + 1, tlen - plen - 1} : (struct str){"", 0};
    q->authorization = auth;
    q->content_type = content_type;
    q->max_body = body_len + 1;
    /* the router only reads ptr and len; the bytes stay in r->raw */
    q->body = (struct buf){.a = &q->arena, .ptr = b, .len = body_len, .cap = body_len + 1};
    return RC_OK;
}

/* router_dispatch(), then parse the response body (outside the arena: jsonmem falls back
 * to malloc when no request is current). */
static inline void tl_dispatch(struct app *app, struct tl_req *r)
{
    router_dispatch(app, &r->req, &r->resp);
    if (r->resp.body)
        r->json = json_loadb(r->resp.body, r->resp.body_len, JSON_REJECT_DUPLICATES, NULL);
}

/* Free everything the request holds. */
static inline void tl_req_release(struct tl_req *r)
{
    json_decref(r->json);
    r->json = NULL;
    arena_reset(&r->req.arena);
    free(r->raw);
    r->raw = NULL;
}

/* The common case: an API call with the fixture's token and a JSON body (NULL = none).
 * Release r with tl_req_release(). */
static inline int tl_api(struct tl_store *s, struct tl_req *r, const char *method,
                         const char *target, const char *json_body)
{
    int rc = tl_req_init(r, method, target, s->auth, json_body ? "application/json" : NULL,
                         json_body, json_body ? strlen(json_body) : 0, 0);
    if (!rc)
        tl_dispatch(&s->app, r);
    return rc;
}

/* The response body as a NUL-terminated string (response bodies never hold NUL). */
static inline const char *tl_body(const struct tl_req *r)
{
    static _Thread_local char copy[8192];
    size_t n = r->resp.body_len < sizeof(copy) - 1 ? r->resp.body_len : sizeof(copy) - 1;
    if (n)
        memcpy(copy, r->resp.body, n);
    copy[n] = '\0';
    return copy;
}

/* Path lookups in the parsed body: tl_str(r, "tag", "title"), tl_int(r, "tag", "id"). */
static inline json_t *tl_get(const struct tl_req *r, const char *key, const char *sub)
{
    json_t *v = json_object_get(r->json, key);
    return sub ? json_object_get(v, sub) : v;
}

static inline const char *tl_str(const struct tl_req *r, const char *key, const char *sub)
{
    return json_string_value(tl_get(r, key, sub));
}

static inline int64_t tl_int(const struct tl_req *r, const char *key, const char *sub)
{
    return (int64_t)json_integer_value(tl_get(r, key, sub));
}

#endif
