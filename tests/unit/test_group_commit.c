/* test_group_commit.c — SQLite group commit (store/sqlite.c, docs/internals/store.md "Group
 * commit"): write transactions of several connections that overlap share one COMMIT, a
 * request that fails inside a batch leaves the others committed, and a COMMIT that fails
 * fails every request of its batch. Each test opens a pool of three connections on a
 * temporary file; a second thread writes while the test thread holds the write lock, so
 * the order is fixed: the test thread waits until the other writer is blocked on the lock
 * (store_stats' write_waits) before it ends its own transaction. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <time.h>

#include "testlib.h"
#include "core/fault.h"
#include "model/tag.h"
#include "model/workspace.h"

struct fx {
    struct tl_store s;
    struct store *st; /* the test thread's connection */
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    if (tl_store_open_seeded(&f->s))
        return -1;
    tl_store_close_pool(&f->s);
    struct store_opts o = {.nconn = 3};
    if (store_pool_open(&f->s.pool, f->s.url, &o, f->s.err, sizeof(f->s.err)))
        return -1;
    f->st = store_acquire(f->s.pool);
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f->st)
        store_release(f->s.pool, f->st);
    tl_store_close(&f->s);
    free(f);
    return 0;
}

/* What the other writer does, on its own thread and connection. */
struct writer {
    struct fx *f;
    const char *title;
    bool conflict; /* after its tag, a statement that fails (duplicate workspace) */
    int commit_rc; /* > 0: its COMMIT fails with this rc (injected) */
    int rc;        /* what store_commit answered, or RC_CONFLICT after the rollback */
    pthread_t th;
};

static void *writer_run(void *arg)
{
    struct writer *w = arg;
    struct store *st = store_acquire(w->f->s.pool);
    struct arena a;
    arena_init(&a, 0);
    w->rc = store_begin(st, TX_WRITE);
    struct tag t = {.title = w->title, .color = "#123456"};
    if (!w->rc)
        w->rc = tag_create(st, &a, w->f->s.ws_id, &t);
    int64_t ws;
    if (!w->rc && w->conflict)
        w->rc = workspace_create(st, &a, "Acme", &ws);
    if (!w->rc) {
        if (w->commit_rc)
            fault_arm(0, 1, w->commit_rc);
        w->rc = store_commit(st);
        fault_disarm(NULL);
    } else {
        store_rollback(st);
    }
    arena_reset(&a);
    store_release(w->f->s.pool, st);
    return NULL;
}

/* Start w and return once it waits for the write lock the test thread holds. */
static void start_blocked_writer(struct writer *w)
{
    struct store_stats before, now;
    store_stats(&before);
    assert_int_equal(pthread_create(&w->th, NULL, writer_run, w), 0);
    for (int i = 0; i < 5000; i++) {
        store_stats(&now);
        if (now.write_waits > before.write_waits)
            return;
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
    fail_msg("the second writer never waited for the write lock");
}

static int64_t new_tag(struct fx *f, struct arena *a, const char *title)
{
    struct tag t = {.title = title, .color = "#654321"};
    assert_int_equal(tag_create(f->st, a, f->s.ws_id, &t), RC_OK);
    return t.id;
}

/* whether a tag titled title is committed (read on the test thread's connection) */
static bool tag_committed(struct fx *f, const char *title)
{
    struct arena a;
    arena_init(&a, 0);
    struct tag *list = NULL;
    size_t n = 0;
    assert_int_equal(store_begin(f->st, TX_READ), RC_OK);
    assert_int_equal(tag_list(f->st, &a, f->s.ws_id, &list, &n), RC_OK);
    store_rollback(f->st);
    bool found = false;
    for (size_t i = 0; i < n; i++)
        found = found || strcmp(list[i].title, title) == 0;
    arena_reset(&a);
    return found;
}

static void a_lone_writer_commits_at_once(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    struct store_stats s0, s1;
    store_stats(&s0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "Alone");
    assert_int_equal(store_commit(f->st), RC_OK);
    store_stats(&s1);
    assert_int_equal(s1.write_txs - s0.write_txs, 1);
    assert_int_equal(s1.commits - s0.commits, 1);
    assert_true(tag_committed(f, "Alone"));
    arena_reset(&a);
}

static void overlapping_writers_share_one_commit(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    struct store_stats s0, s1;
    store_stats(&s0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "First");
    struct writer w = {.f = f, .title = "Second"};
    start_blocked_writer(&w);
    /* returns only after the COMMIT the second writer runs for both */
    assert_int_equal(store_commit(f->st), RC_OK);
    pthread_join(w.th, NULL);
    assert_int_equal(w.rc, RC_OK);
    store_stats(&s1);
    assert_int_equal(s1.write_txs - s0.write_txs, 2);
    assert_int_equal(s1.commits - s0.commits, 1);
    assert_true(tag_committed(f, "First"));
    assert_true(tag_committed(f, "Second"));
    arena_reset(&a);
}

/* The first request's own reads inside its transaction see its writes, and a later
 * request of the batch sees them too (one transaction), before anything is committed. */
static void a_request_of_the_batch_reads_its_own_writes(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    int64_t id = new_tag(f, &a, "Mine");
    struct tag t;
    assert_int_equal(tag_get(f->st, &a, f->s.ws_id, id, &t), RC_OK);
    assert_string_equal(t.title, "Mine");
    assert_int_equal(store_commit(f->st), RC_OK);
    arena_reset(&a);
}

static void a_failing_request_leaves_the_rest_of_its_batch_committed(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    struct store_stats s0, s1;
    store_stats(&s0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "Kept");
    struct writer w = {.f = f, .title = "Undone", .conflict = true};
    start_blocked_writer(&w);
    assert_int_equal(store_commit(f->st), RC_OK);
    pthread_join(w.th, NULL);
    assert_int_equal(w.rc, RC_CONFLICT);
    store_stats(&s1);
    assert_int_equal(s1.write_txs - s0.write_txs, 1);
    assert_int_equal(s1.commits - s0.commits, 1);
    assert_true(tag_committed(f, "Kept"));
    assert_false(tag_committed(f, "Undone"));
    arena_reset(&a);
}

/* The batch's first request fails after the second joined the wait: the second commits
 * alone, and the first's writes are gone. */
static void a_request_rolled_back_first_leaves_the_batch_to_the_next(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "Dropped");
    struct writer w = {.f = f, .title = "Survivor"};
    start_blocked_writer(&w);
    store_rollback(f->st);
    pthread_join(w.th, NULL);
    assert_int_equal(w.rc, RC_OK);
    assert_false(tag_committed(f, "Dropped"));
    assert_true(tag_committed(f, "Survivor"));
    arena_reset(&a);
}

static void a_failed_commit_fails_every_request_of_its_batch(void **state)
{
    struct fx *f = *state;
    struct arena a;
    arena_init(&a, 0);
    struct store_stats s0, s1;
    store_stats(&s0);
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "Lost one");
    struct writer w = {.f = f, .title = "Lost two", .commit_rc = RC_STORE};
    start_blocked_writer(&w);
    assert_int_equal(store_commit(f->st), RC_STORE);
    pthread_join(w.th, NULL);
    assert_int_equal(w.rc, RC_STORE);
    store_stats(&s1);
    assert_int_equal(s1.write_txs - s0.write_txs, 0);
    assert_int_equal(s1.commits - s0.commits, 0);
    assert_false(tag_committed(f, "Lost one"));
    assert_false(tag_committed(f, "Lost two"));
    /* the writer is clean for the next batch */
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, &a, "Afterwards");
    assert_int_equal(store_commit(f->st), RC_OK);
    assert_true(tag_committed(f, "Afterwards"));
    arena_reset(&a);
}

int main(void)
{
    jsonmem_install();
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(a_lone_writer_commits_at_once),
        T(overlapping_writers_share_one_commit),
        T(a_request_of_the_batch_reads_its_own_writes),
        T(a_failing_request_leaves_the_rest_of_its_batch_committed),
        T(a_request_rolled_back_first_leaves_the_batch_to_the_next),
        T(a_failed_commit_fails_every_request_of_its_batch),
    };
#undef T
    return cmocka_run_group_tests_name("group_commit", tests, NULL, NULL);
}
