/* test_fault_loop.c — the fault loop of GUIDE §3.11 over real request paths, in process
 * (router_dispatch, as testlib.h and tests/fuzz/fuzz_body.c do). For each request:
 *   allocations: for N = 1, 2, ... the N-th allocation fails (core/fault.h);
 *   store calls: for K = 1, 2, ... the K-th store call fails with RC_STORE, and again with
 *                RC_BUSY (which the router retries once);
 * and each answer must be the request's normal success, or a 5xx (503 for memory and
 * busy, 500 or 503 for a store error) with a JSON body {"success":false,"message":...}.
 * After a failed request every table's rows, read through a second connection, must be
 * exactly what they were before. A loop stops at the first run in which nothing was
 * injected. Leaks are left to LeakSanitizer (make BUILD=asan test).
 *
 * A fault the request absorbs (a retried RC_BUSY, an allocation with a fallback) must
 * still give the normal answer: a read's body must then equal the unfaulted body byte for
 * byte; after a write the loop carries on with a fresh target (each case's setup makes
 * one, so a success never changes what the next run starts from).
 *
 * Cost: the sum over requests of their allocation counts dominates. Every store call
 * index K is covered on both backends. On SQLite every allocation index N is covered up
 * to ALLOC_DENSE + ALLOC_SAMPLES (today's requests make at most ~350 allocations, so all
 * of them); a larger request would get a stride past ALLOC_DENSE keeping it near
 * ALLOC_SAMPLES runs. On PostgreSQL N steps by PG_ALLOC_STRIDE from an offset of the
 * request's own. Both backends under ASan take about a minute on two cores.
 *
 * Runs on SQLite always and on PostgreSQL too when WEEEKD_TEST_PG_URL names an admin URL
 * (a fresh database is created for the run and dropped after). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>

#include <libpq-fe.h>

#include "testlib.h"
#include "core/fault.h"
#include "core/log.h"

#define ALLOC_DENSE   150
#define ALLOC_SAMPLES 300
/* on PostgreSQL the allocation loop re-runs code the SQLite loop covered index by index;
 * what differs is the driver's copying of rows, hit often enough with a stride */
#define PG_ALLOC_STRIDE 5

/* ---- fixture --------------------------------------------------------------------------- */

/* An id as the API writes it: an integer (task manager) or a string (CRM); s is its text
 * for paths, j its JSON for bodies. */
struct id {
    char s[64], j[68];
};

struct fx {
    struct tl_store s;
    struct store_pool *observer; /* a second connection: sees committed rows only */
    bool pg;
    char pg_admin[512], pg_db[64];
    struct id project, board1, board2, col1, col2, col3, tag, cf, funnel, status1, status2, org;
};

struct target {
    const char *method;
    char path[200];
    const char *ct;
    char body[1024];
    size_t len;
};

static void set_json(struct target *t, const char *method, const char *path, const char *body)
{
    t->method = method;
    snprintf(t->path, sizeof(t->path), "%s%s", API_PREFIX, path);
    t->ct = body ? "application/json" : NULL;
    t->len = body ? (size_t)snprintf(t->body, sizeof(t->body), "%s", body) : 0;
}

/* An unfaulted call that must answer 200; returns the parsed body (json_decref it). */
static json_t *call(struct fx *f, const char *method, const char *path, const char *body)
{
    struct tl_req r;
    char target[256];
    snprintf(target, sizeof(target), "%s%s", API_PREFIX, path);
    assert_int_equal(tl_api(&f->s, &r, method, target, body), RC_OK);
    if (r.resp.status != 200)
        fail_msg("%s %s -> %d %s", method, path, r.resp.status, tl_body(&r));
    json_t *v = json_incref(r.json);
    tl_req_release(&r);
    assert_non_null(v);
    return v;
}

static void call_id(struct fx *f, const char *path, const char *env, const char *body,
                    struct id *out)
{
    json_t *v = call(f, "POST", path, body);
    json_t *id = json_object_get(json_object_get(v, env), "id");
    if (json_is_integer(id)) {
        snprintf(out->s, sizeof(out->s), "%lld", (long long)json_integer_value(id));
        snprintf(out->j, sizeof(out->j), "%s", out->s);
    } else if (json_is_string(id)) {
        snprintf(out->s, sizeof(out->s), "%s", json_string_value(id));
        snprintf(out->j, sizeof(out->j), "\"%s\"", out->s);
    } else {
        char text[300];
        size_t n = json_dumpb(v, text, sizeof(text) - 1, JSON_COMPACT);
        text[n < sizeof(text) ? n : sizeof(text) - 1] = '\0';
        fail_msg("POST %s: no %s.id in %s", path, env, text);
    }
    json_decref(v);
}

static void seed_objects(struct fx *f)
{
    char b[256];
    call_id(f, "/tm/projects", "project", "{\"name\":\"P\"}", &f->project);
    snprintf(b, sizeof(b), "{\"name\":\"B1\",\"projectId\":%s}", f->project.j);
    call_id(f, "/tm/boards", "board", b, &f->board1);
    snprintf(b, sizeof(b), "{\"name\":\"B2\",\"projectId\":%s}", f->project.j);
    call_id(f, "/tm/boards", "board", b, &f->board2);
    snprintf(b, sizeof(b), "{\"name\":\"C1\",\"boardId\":%s}", f->board1.j);
    call_id(f, "/tm/board-columns", "boardColumn", b, &f->col1);
    snprintf(b, sizeof(b), "{\"name\":\"C2\",\"boardId\":%s}", f->board1.j);
    call_id(f, "/tm/board-columns", "boardColumn", b, &f->col2);
    snprintf(b, sizeof(b), "{\"name\":\"C3\",\"boardId\":%s}", f->board2.j);
    call_id(f, "/tm/board-columns", "boardColumn", b, &f->col3);
    call_id(f, "/ws/tags", "tag", "{\"title\":\"T\",\"color\":\"#123456\"}", &f->tag);
    call_id(f, "/tm/custom-fields", "customField", "{\"name\":\"CF\",\"type\":\"text\"}", &f->cf);
    call_id(f, "/crm/funnels", "funnel", "{\"name\":\"F\"}", &f->funnel);
    snprintf(b, sizeof(b), "/crm/funnels/%s/statuses", f->funnel.s);
    call_id(f, b, "status", "{\"name\":\"S1\"}", &f->status1);
    call_id(f, b, "status", "{\"name\":\"S2\"}", &f->status2);
    call_id(f, "/crm/organizations", "organization", "{\"name\":\"O\"}", &f->org);
}

struct stats {
    unsigned long runs, failed, survived, max_allocs, max_stores;
};
static struct stats totals;

static int open_fx(void **state, bool pg)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    f->pg = pg;
    memset(&totals, 0, sizeof(totals));
    int rc;
    if (pg) {
        jsonmem_install();
        snprintf(f->pg_admin, sizeof(f->pg_admin), "%s", getenv("WEEEKD_TEST_PG_URL"));
        snprintf(f->pg_db, sizeof(f->pg_db), "weeekd_fault_%ld", (long)getpid());
        char sql[128];
        snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", f->pg_db);
        if (!tl_pg_admin_exec(f->pg_admin, sql)) {
            free(f);
            return -1;
        }
        tl_pg_url_with_db(f->pg_admin, f->pg_db, f->s.url, sizeof(f->s.url));
        rc = tl_store_open_pool(&f->s);
        if (!rc)
            rc = tl_seed(f->s.pool, "Acme", "ada@example.com", &f->s.ws_id, f->s.member_id,
                         f->s.token);
        snprintf(f->s.auth, sizeof(f->s.auth), "Bearer %s", f->s.token);
    } else {
        rc = tl_store_open_seeded(&f->s);
    }
    char err[512];
    if (!rc)
        rc = store_pool_open(&f->observer, f->s.url, NULL, err, sizeof(err));
    *state = f;
    if (rc)
        return -1;
    seed_objects(f);
    return 0;
}

static int close_fx(void **state)
{
    struct fx *f = *state;
    if (!f)
        return 0;
    store_pool_close(f->observer);
    if (f->pg) {
        tl_store_close_pool(&f->s);
        char sql[128];
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", f->pg_db);
        tl_pg_admin_exec(f->pg_admin, sql);
    } else {
        tl_store_close(&f->s);
    }
    free(f);
    *state = NULL;
    return 0;
}

static int setup_sqlite(void **state)
{
    return open_fx(state, false);
}

static int setup_pg(void **state)
{
    return open_fx(state, true);
}

/* ---- snapshot: every table's rows, each table's rows sorted, as text -------------------- */

struct snap {
    struct arena a;
    struct buf text;
};

static int cmp_rows(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

static void cell_text(struct buf *b, const struct sql_val *v)
{
    switch (v->type) {
    case SQL_NULL:
        buf_puts(b, "N");
        break;
    case SQL_INT:
        buf_printf(b, "i%lld", (long long)v->u.i);
        break;
    case SQL_REAL:
        buf_printf(b, "r%.17g", v->u.d);
        break;
    case SQL_TEXT:
        buf_printf(b, "t%zu:", v->u.s.len);
        buf_append(b, v->u.s.ptr, v->u.s.len);
        break;
    case SQL_BLOB:
        buf_printf(b, "b%zu:", v->u.s.len);
        for (size_t i = 0; i < v->u.s.len; i++)
            buf_printf(b, "%02x", (unsigned char)v->u.s.ptr[i]);
        break;
    }
    buf_puts(b, "\x1f");
}

static void snapshot(struct fx *f, struct snap *s)
{
    arena_init(&s->a, 1u << 30);
    buf_init(&s->text, &s->a, 0);
    struct store *st = store_acquire(f->observer);
    struct sql_rows tables;
    const char *list =
        f->pg ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
              : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1";
    assert_int_equal(store_query_sql(st, &s->a, list, NULL, 0, &tables), RC_OK);
    for (size_t t = 0; t < tables.nrows; t++) {
        const char *name = sql_text(&tables, t, 0);
        char *sql = arena_printf(&s->a, "SELECT * FROM \"%s\"", name);
        struct sql_rows rows;
        int rc = store_query_sql(st, &s->a, sql, NULL, 0, &rows);
        if (rc)
            fail_msg("snapshot of %s: %s", name, store_errmsg(st));
        char **lines = arena_calloc(&s->a, rows.nrows + 1, sizeof(*lines));
        assert_non_null(lines);
        for (size_t r = 0; r < rows.nrows; r++) {
            struct buf line;
            buf_init(&line, &s->a, 0);
            buf_puts(&line, "");
            for (size_t c = 0; c < rows.ncols; c++)
                cell_text(&line, sql_cell(&rows, r, c));
            lines[r] = line.ptr;
        }
        qsort(lines, rows.nrows, sizeof(*lines), cmp_rows);
        buf_printf(&s->text, "== %s (%zu rows)\n", name, rows.nrows);
        for (size_t r = 0; r < rows.nrows; r++)
            buf_printf(&s->text, "%s\n", lines[r]);
    }
    store_release(f->observer, st);
    assert_non_null(s->text.ptr);
}

static void snap_free(struct snap *s)
{
    arena_reset(&s->a);
}

/* Fail with the first line that differs. */
static void snap_expect_same(const struct snap *before, struct fx *f, const char *what)
{
    struct snap now;
    snapshot(f, &now);
    const char *x = before->text.ptr, *y = now.text.ptr;
    if (before->text.len != now.text.len || memcmp(x, y, now.text.len) != 0) {
        size_t i = 0;
        while (x[i] && x[i] == y[i])
            i++;
        while (i && x[i - 1] != '\n')
            i--;
        fail_msg("%s changed the database:\n  before: %.300s\n  after:  %.300s", what, x + i,
                 y + i);
    }
    snap_free(&now);
}

/* ---- the loop -------------------------------------------------------------------------- */

struct fcase {
    const char *name;
    void (*setup)(struct fx *f, struct target *t);
};

struct outcome {
    int status;
    struct fault_report rep;
    bool json_ok;       /* JSON object body */
    bool failure_shape; /* {"success":false,"message":"..."} */
    char body[200];
    char *full; /* the whole body (malloc'd), kept only when asked for */
    size_t full_len;
};

static void dispatch(struct fx *f, const struct target *t, unsigned long n, unsigned long k,
                     int store_rc, struct outcome *o)
{
    o->full = NULL;
    struct tl_req r;
    assert_int_equal(tl_req_init(&r, t->method, t->path, f->s.auth, t->ct, t->body, t->len, 0),
                     RC_OK);
    fault_arm(n, k, store_rc);
    router_dispatch(&f->s.app, &r.req, &r.resp);
    fault_disarm(&o->rep);
    o->status = r.resp.status;
    json_t *v = r.resp.body_len
                    ? json_loadb(r.resp.body, r.resp.body_len, JSON_REJECT_DUPLICATES, NULL)
                    : NULL;
    o->json_ok = r.resp.content_type == NULL && json_is_object(v);
    o->failure_shape = o->json_ok && json_is_false(json_object_get(v, "success")) &&
                       json_string_length(json_object_get(v, "message")) > 0;
    snprintf(o->body, sizeof(o->body), "%.*s", (int)(r.resp.body_len < 190 ? r.resp.body_len : 190),
             r.resp.body ? r.resp.body : "");
    json_decref(v);
    if (strcmp(t->method, "GET") == 0) {
        o->full = malloc(r.resp.body_len + 1);
        assert_non_null(o->full);
        memcpy(o->full, r.resp.body ? r.resp.body : "", r.resp.body_len);
        o->full_len = r.resp.body_len;
        o->full[o->full_len] = '\0';
    }
    tl_req_release(&r);
}

enum mode { M_ALLOC, M_STORE, M_BUSY };
static const char *const MODE_NAME[] = {"allocation", "store error", "store busy"};

static void loop(struct fx *f, const struct fcase *c, enum mode m, int ok_status,
                 unsigned long allocs)
{
    struct target t;
    struct snap before;
    c->setup(f, &t);
    snapshot(f, &before);
    /* store calls: every index; allocations: every index up to dense, then each step-th */
    unsigned long dense = ULONG_MAX, step = 1;
    if (m == M_ALLOC && f->pg) {
        dense = 0;
        step = PG_ALLOC_STRIDE;
    } else if (m == M_ALLOC && allocs > ALLOC_DENSE + ALLOC_SAMPLES) {
        dense = ALLOC_DENSE;
        step = (allocs - ALLOC_DENSE) / ALLOC_SAMPLES + 1;
    }
    /* a stride starts at an offset of the request's own, so the set hits every residue */
    unsigned long start = dense ? 1 : 1 + (unsigned long)(c->name[0] + c->name[5]) % step;
    for (unsigned long i = start;; i = i < dense ? i + 1 : i + step) {
        struct outcome o;
        dispatch(f, &t, m == M_ALLOC ? i : 0, m == M_ALLOC ? 0 : i,
                 m == M_STORE ? RC_STORE : RC_BUSY, &o);
        totals.runs++;
        if (getenv("FAULT_LOOP_TRACE"))
            fprintf(stderr, "%s %s %lu: %d stores=%lu allocs=%lu\n", c->name, MODE_NAME[m], i,
                    o.status, o.rep.stores, o.rep.allocs);
        bool fired = o.rep.alloc_fired || o.rep.store_fired;
        if (!fired) {
            free(o.full);
            if (o.status != ok_status)
                fail_msg("%s: an unfaulted run (%s %lu) answered %d %s", c->name, MODE_NAME[m], i,
                         o.status, o.body);
            break;
        }
        if (o.status == ok_status) {
            /* the fault was absorbed (or retried, for busy): a read must then answer exactly
             * what it answers unfaulted, a write starts again from a fresh target */
            totals.survived++;
            if (o.full) {
                struct outcome again;
                dispatch(f, &t, 0, 0, 0, &again);
                if (again.full_len != o.full_len || memcmp(again.full, o.full, o.full_len)) {
                    size_t d = 0;
                    while (o.full[d] && o.full[d] == again.full[d])
                        d++;
                    d = d > 60 ? d - 60 : 0;
                    fail_msg("%s: the %s fault at %lu was absorbed into a different answer "
                             "(%zu bytes, unfaulted %zu), from byte %zu:\n  %.200s\n"
                             "unfaulted:\n  %.200s",
                             c->name, MODE_NAME[m], i, o.full_len, again.full_len, d, o.full + d,
                             again.full + d);
                }
                free(again.full);
                free(o.full);
            }
            snap_free(&before);
            c->setup(f, &t);
            snapshot(f, &before);
            continue;
        }
        free(o.full);
        totals.failed++;
        bool status_ok = m == M_STORE ? o.status == 500 || o.status == 503 : o.status == 503;
        if (!status_ok || !o.failure_shape)
            fail_msg("%s: %s fault at %lu answered %d %s", c->name, MODE_NAME[m], i, o.status,
                     o.body);
        char what[128];
        snprintf(what, sizeof(what), "%s with the %s fault at %lu (answer %d)", c->name,
                 MODE_NAME[m], i, o.status);
        snap_expect_same(&before, f, what);
    }
    snap_free(&before);
}

static void run_case(struct fx *f, const struct fcase *c)
{
    /* a measuring run: the normal answer and how many calls the request makes */
    struct target t;
    struct outcome o;
    c->setup(f, &t);
    dispatch(f, &t, 0, 0, 0, &o);
    if (!(o.status == 200 || o.status == 204))
        fail_msg("%s: unfaulted %s %s -> %d %s", c->name, t.method, t.path, o.status, o.body);
    free(o.full);
    /* a hook that stopped counting would make every loop below pass at its first run */
    assert_true(o.rep.allocs > 0 && o.rep.stores > 0);
    if (o.rep.allocs > totals.max_allocs)
        totals.max_allocs = o.rep.allocs;
    if (o.rep.stores > totals.max_stores)
        totals.max_stores = o.rep.stores;
    print_message("# %s: %lu allocations, %lu store calls\n", c->name, o.rep.allocs, o.rep.stores);
    loop(f, c, M_STORE, o.status, 0);
    loop(f, c, M_BUSY, o.status, 0);
    loop(f, c, M_ALLOC, o.status, o.rep.allocs);
}

/* ---- the requests ---------------------------------------------------------------------- */

/* Each target gets a column of its own so its store calls stay the same from run to run
 * (how many a placement costs depends on the keys around it, model/order.h). */
static struct id new_column(struct fx *f, const struct id *board)
{
    char b[128];
    struct id id;
    snprintf(b, sizeof(b), "{\"name\":\"col\",\"boardId\":%s}", board->j);
    call_id(f, "/tm/board-columns", "boardColumn", b, &id);
    return id;
}

static struct id new_task_in(struct fx *f, const struct id *column)
{
    char b[512];
    struct id id;
    snprintf(b, sizeof(b),
             "{\"title\":\"task\",\"assignees\":[\"%s\"],\"tags\":[%s],"
             "\"customFields\":{\"%s\":\"v\"},"
             "\"locations\":[{\"projectId\":%s,\"boardColumnId\":%s}]}",
             f->s.member_id, f->tag.j, f->cf.s, f->project.j, column->j);
    call_id(f, "/tm/tasks", "task", b, &id);
    return id;
}

static struct id new_task(struct fx *f)
{
    struct id column = new_column(f, &f->board1);
    return new_task_in(f, &column);
}

static struct id new_deal_in(struct fx *f, const struct id *status)
{
    char p[64];
    snprintf(p, sizeof(p), "/crm/statuses/%s/deals", status->s);
    struct id id;
    call_id(f, p, "deal", "{\"title\":\"deal\",\"amount\":10}", &id);
    return id;
}

static struct id new_deal(struct fx *f)
{
    return new_deal_in(f, &f->status1);
}

static void s_tag_create(struct fx *f, struct target *t)
{
    (void)f;
    set_json(t, "POST", "/ws/tags", "{\"title\":\"new tag\",\"color\":\"#112233\"}");
}

static void s_tag_put(struct fx *f, struct target *t)
{
    char p[64];
    snprintf(p, sizeof(p), "/ws/tags/%s", f->tag.s);
    set_json(t, "PUT", p, "{\"title\":\"renamed\",\"color\":\"#654321\"}");
}

static void s_project_create(struct fx *f, struct target *t)
{
    (void)f;
    set_json(t, "POST", "/tm/projects", "{\"name\":\"project\",\"description\":\"d\"}");
}

static void s_board_create(struct fx *f, struct target *t)
{
    char b[128];
    snprintf(b, sizeof(b), "{\"name\":\"board\",\"projectId\":%s}", f->project.j);
    set_json(t, "POST", "/tm/boards", b);
}

static void s_column_create(struct fx *f, struct target *t)
{
    char b[128];
    snprintf(b, sizeof(b), "{\"name\":\"column\",\"boardId\":%s}", f->board1.j);
    set_json(t, "POST", "/tm/board-columns", b);
}

static void s_task_create(struct fx *f, struct target *t)
{
    char b[512];
    struct id column = new_column(f, &f->board1);
    snprintf(b, sizeof(b),
             "{\"title\":\"task\",\"description\":\"steps\",\"priority\":2,\"type\":\"call\","
             "\"assignees\":[\"%s\"],\"tags\":[%s],\"customFields\":{\"%s\":\"value\"},"
             "\"dueDate\":\"2026-12-30\","
             "\"locations\":[{\"projectId\":%s,\"boardColumnId\":%s}]}",
             f->s.member_id, f->tag.j, f->cf.s, f->project.j, column.j);
    set_json(t, "POST", "/tm/tasks", b);
}

static void s_task_put(struct fx *f, struct target *t)
{
    char p[64], b[256];
    snprintf(p, sizeof(p), "/tm/tasks/%s", new_task(f).s);
    snprintf(b, sizeof(b),
             "{\"title\":\"renamed\",\"priority\":3,\"tags\":[],\"assignees\":[],"
             "\"customFields\":{\"%s\":\"changed\"}}",
             f->cf.s);
    set_json(t, "PUT", p, b);
}

static void s_task_column(struct fx *f, struct target *t)
{
    char p[64], b[64];
    struct id column = new_column(f, &f->board1);
    snprintf(p, sizeof(p), "/tm/tasks/%s/board-column", new_task(f).s);
    snprintf(b, sizeof(b), "{\"boardColumnId\":%s}", column.j);
    set_json(t, "POST", p, b);
}

static void s_task_board(struct fx *f, struct target *t)
{
    char p[64], b[128];
    struct id board;
    snprintf(b, sizeof(b), "{\"name\":\"board\",\"projectId\":%s}", f->project.j);
    call_id(f, "/tm/boards", "board", b, &board);
    new_column(f, &board);
    snprintf(p, sizeof(p), "/tm/tasks/%s/board", new_task(f).s);
    snprintf(b, sizeof(b), "{\"boardId\":%s}", board.j);
    set_json(t, "POST", p, b);
}

static void s_task_complete(struct fx *f, struct target *t)
{
    char p[64];
    snprintf(p, sizeof(p), "/tm/tasks/%s/complete", new_task(f).s);
    set_json(t, "POST", p, NULL);
}

static void s_task_delete(struct fx *f, struct target *t)
{
    char p[64];
    snprintf(p, sizeof(p), "/tm/tasks/%s", new_task(f).s);
    set_json(t, "DELETE", p, NULL);
}

/* the lists read a column and a status of their own, so their size stays the same */
static void s_task_list(struct fx *f, struct target *t)
{
    char p[200];
    struct id column = new_column(f, &f->board1);
    new_task_in(f, &column);
    new_task_in(f, &column);
    snprintf(p, sizeof(p),
             "/tm/tasks?projectId=%s&boardColumnId=%s&tags[]=%s&completed=0&userId=%s"
             "&sortBy=priority",
             f->project.s, column.s, f->tag.s, f->s.member_id);
    set_json(t, "GET", p, NULL);
}

static void s_time_create(struct fx *f, struct target *t)
{
    char p[64], b[160];
    snprintf(p, sizeof(p), "/tm/tasks/%s/time-entries", new_task(f).s);
    snprintf(b, sizeof(b),
             "{\"userId\":\"%s\",\"isOvertime\":0,\"date\":\"2026-03-01\",\"duration\":30}",
             f->s.member_id);
    set_json(t, "POST", p, b);
}

static void s_deal_create(struct fx *f, struct target *t)
{
    char p[64], b[256];
    snprintf(p, sizeof(p), "/crm/statuses/%s/deals", f->status1.s);
    snprintf(b, sizeof(b),
             "{\"title\":\"deal\",\"amount\":12.5,\"description\":\"d\",\"assignees\":[\"%s\"],"
             "\"organizations\":[\"%s\"]}",
             f->s.member_id, f->org.s);
    set_json(t, "POST", p, b);
}

static void s_deal_move(struct fx *f, struct target *t)
{
    char p[64], b[64];
    snprintf(p, sizeof(p), "/crm/deals/%s/move", new_deal(f).s);
    snprintf(b, sizeof(b), "{\"statusId\":%s}", f->status2.j);
    set_json(t, "POST", p, b);
}

static void s_deal_patch(struct fx *f, struct target *t)
{
    char p[64], b[160];
    snprintf(p, sizeof(p), "/crm/deals/%s", new_deal(f).s);
    snprintf(b, sizeof(b), "{\"title\":\"patched\",\"amount\":3,\"organizations\":[\"%s\"]}",
             f->org.s);
    set_json(t, "PATCH", p, b);
}

static void s_contact_create(struct fx *f, struct target *t)
{
    char b[256];
    snprintf(b, sizeof(b),
             "{\"firstName\":\"Grace\",\"lastName\":\"Hopper\",\"emails\":[\"g@h.io\"],"
             "\"phones\":[\"+100\"],\"organizations\":[\"%s\"],\"tags\":[%s]}",
             f->org.s, f->tag.j);
    set_json(t, "POST", "/crm/contacts", b);
}

#define BOUNDARY "FaultLoopBoundary"

static void s_upload(struct fx *f, struct target *t)
{
    char p[64];
    snprintf(p, sizeof(p), "/tm/tasks/%s/attachments", new_task(f).s);
    set_json(t, "POST", p, NULL);
    t->ct = "multipart/form-data; boundary=" BOUNDARY;
    t->len = (size_t)snprintf(t->body, sizeof(t->body),
                              "--" BOUNDARY "\r\n"
                              "Content-Disposition: form-data; name=\"files[]\"; "
                              "filename=\"a.txt\"\r\n"
                              "Content-Type: text/plain\r\n\r\n"
                              "alpha\r\n"
                              "--" BOUNDARY "\r\n"
                              "Content-Disposition: form-data; name=\"files[]\"; "
                              "filename=\"b.bin\"\r\n"
                              "Content-Type: application/octet-stream\r\n\r\n"
                              "\x01\x02\x03\r\n"
                              "--" BOUNDARY "--\r\n");
}

static void s_deal_list(struct fx *f, struct target *t)
{
    char p[96];
    struct id status;
    snprintf(p, sizeof(p), "/crm/funnels/%s/statuses", f->funnel.s);
    call_id(f, p, "status", "{\"name\":\"listed\"}", &status);
    new_deal_in(f, &status);
    new_deal_in(f, &status);
    snprintf(p, sizeof(p), "/crm/statuses/%s/deals?sort=-amount&limit=10", status.s);
    set_json(t, "GET", p, NULL);
}

#define CASES(X)      \
    X(tag_create)     \
    X(tag_put)        \
    X(project_create) \
    X(board_create)   \
    X(column_create)  \
    X(task_create)    \
    X(task_put)       \
    X(task_column)    \
    X(task_board)     \
    X(task_complete)  \
    X(task_delete)    \
    X(task_list)      \
    X(time_create)    \
    X(deal_create) X(deal_move) X(deal_patch) X(contact_create) X(upload) X(deal_list)

#define DEFINE(name)                                     \
    static void test_##name(void **state)                \
    {                                                    \
        static const struct fcase c = {#name, s_##name}; \
        struct fx *f = *state;                           \
        run_case(f, &c);                                 \
    }
CASES(DEFINE)
#undef DEFINE

static void test_totals(void **state)
{
    (void)state;
    print_message("# fault loop: %lu runs, %lu failed cleanly, %lu absorbed; at most %lu "
                  "allocations and %lu store calls in one request\n",
                  totals.runs, totals.failed, totals.survived, totals.max_allocs,
                  totals.max_stores);
    assert_true(totals.failed > 0);
}

int main(void)
{
    log_set_level(LOG_ERROR); /* every injected store fault is logged as a warning */
#define ENTRY(name) cmocka_unit_test(test_##name),
    const struct CMUnitTest tests[] = {CASES(ENTRY) cmocka_unit_test(test_totals)};
#undef ENTRY
    int failed = cmocka_run_group_tests_name("fault_loop_sqlite", tests, setup_sqlite, close_fx);
    const char *pg = getenv("WEEEKD_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("fault_loop_pg", tests, setup_pg, close_fx);
    return failed;
}
