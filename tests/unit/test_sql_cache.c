/* test_sql_cache.c — store/stmt_cache.c on its own (hits, LRU eviction, clear) and
 * store_query_sql on a temporary SQLite store ($N numbering, quotes, the bound of
 * STORE_SQL_CACHE statements per connection, a failed prepare caching nothing), plus every
 * shape model/task_list.c can assemble: each filter alone and all together, with every sort
 * in both directions, must prepare and run, since run-time texts are not prepared at
 * start-up as the named queries are. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>

#include "testlib.h"
#include "model/list_query.h"
#include "model/task_list.h"
#include "store/stmt_cache.h"

/* ---- the cache alone ------------------------------------------------------------------ */

static int dropped[STMT_CACHE_SIZE + 8];
static size_t ndropped;

static void record_drop(void *ctx, void *stmt)
{
    (void)ctx;
    dropped[ndropped++] = (int)(intptr_t)stmt;
}

static void key(char *out, size_t n, int i)
{
    snprintf(out, n, "SELECT %d", i);
}

static void cache_hits_what_was_put_and_misses_the_rest(void **state)
{
    (void)state;
    struct stmt_cache c = {0};
    ndropped = 0;
    assert_null(stmt_cache_get(&c, "SELECT 1"));
    assert_int_equal(stmt_cache_put(&c, "SELECT 1", (void *)(intptr_t)11, record_drop, NULL), 0);
    assert_ptr_equal(stmt_cache_get(&c, "SELECT 1"), (void *)(intptr_t)11);
    assert_null(stmt_cache_get(&c, "SELECT 1 "));
    assert_null(stmt_cache_get(&c, "SELECT 2"));
    assert_int_equal(c.hits, 1);
    assert_int_equal(c.misses, 3);
    assert_int_equal(c.n, 1);
    stmt_cache_clear(&c, record_drop, NULL);
    assert_int_equal(ndropped, 1);
    assert_int_equal(c.n, 0);
    assert_null(stmt_cache_get(&c, "SELECT 1"));
}

static void cache_full_drops_the_least_recently_used(void **state)
{
    (void)state;
    struct stmt_cache c = {0};
    char k[32];
    ndropped = 0;
    for (int i = 1; i <= STMT_CACHE_SIZE; i++) {
        key(k, sizeof(k), i);
        assert_int_equal(stmt_cache_put(&c, k, (void *)(intptr_t)i, record_drop, NULL), 0);
    }
    assert_int_equal(c.n, STMT_CACHE_SIZE);
    assert_int_equal(ndropped, 0);
    /* use the oldest: the second oldest becomes the victim */
    key(k, sizeof(k), 1);
    assert_ptr_equal(stmt_cache_get(&c, k), (void *)(intptr_t)1);
    key(k, sizeof(k), 1000);
    assert_int_equal(stmt_cache_put(&c, k, (void *)(intptr_t)1000, record_drop, NULL), 0);
    assert_int_equal(ndropped, 1);
    assert_int_equal(dropped[0], 2);
    assert_int_equal(c.evictions, 1);
    assert_int_equal(c.n, STMT_CACHE_SIZE);
    key(k, sizeof(k), 2);
    assert_null(stmt_cache_get(&c, k));
    key(k, sizeof(k), 1);
    assert_non_null(stmt_cache_get(&c, k));
    key(k, sizeof(k), 1000);
    assert_non_null(stmt_cache_get(&c, k));
    /* the next victims follow insertion order (3, 4, ...) */
    for (int i = 0; i < 3; i++) {
        key(k, sizeof(k), 2000 + i);
        stmt_cache_put(&c, k, (void *)(intptr_t)(2000 + i), record_drop, NULL);
    }
    assert_int_equal(dropped[1], 3);
    assert_int_equal(dropped[2], 4);
    assert_int_equal(dropped[3], 5);
    stmt_cache_clear(&c, NULL, NULL);
    assert_int_equal(ndropped, 4);
    assert_int_equal(c.n, 0);
}

/* ---- store_query_sql on SQLite -------------------------------------------------------- */

struct fx {
    struct tl_store s;
    struct arena a;
    struct store *st;
};

static int setup(void **state)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    if (tl_store_open_seeded(&f->s)) {
        tl_store_close(&f->s);
        free(f);
        return -1;
    }
    arena_init(&f->a, 0);
    f->st = store_acquire(f->s.pool);
    *state = f;
    return store_begin(f->st, TX_READ);
}

static int teardown(void **state)
{
    struct fx *f = *state;
    store_rollback(f->st);
    store_release(f->s.pool, f->st);
    arena_reset(&f->a);
    tl_store_close(&f->s);
    free(f);
    return 0;
}

static struct store_sql_cache_stats stats(struct fx *f)
{
    struct store_sql_cache_stats s;
    store_sql_cache_stats(f->st, &s);
    return s;
}

static void query_sql_numbers_parameters_and_keeps_quoted_dollars(void **state)
{
    struct fx *f = *state;
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(7), SV_TEXT("x")};
    /* $2 before $1, $1 twice, and a '$1' literal that is text, not a parameter */
    int rc = store_query_sql(f->st, &f->a, "SELECT $2, $1, $1 + 1, '$1'", args, 2, &r);
    assert_int_equal(rc, RC_OK);
    assert_int_equal(r.nrows, 1);
    assert_string_equal(sql_text(&r, 0, 0), "x");
    assert_int_equal(sql_int(&r, 0, 1), 7);
    assert_int_equal(sql_int(&r, 0, 2), 8);
    assert_string_equal(sql_text(&r, 0, 3), "$1");
}

static void query_sql_prepares_a_text_once_per_connection(void **state)
{
    struct fx *f = *state;
    struct sql_rows r;
    struct store_sql_cache_stats s0 = stats(f);
    for (int i = 0; i < 5; i++) {
        struct sql_val arg = SV_INT(i);
        assert_int_equal(store_query_sql(f->st, &f->a, "SELECT $1 * 2", &arg, 1, &r), RC_OK);
        assert_int_equal(sql_int(&r, 0, 0), 2 * i);
    }
    struct store_sql_cache_stats s1 = stats(f);
    assert_int_equal(s1.misses - s0.misses, 1);
    assert_int_equal(s1.hits - s0.hits, 4);
    assert_int_equal(s1.entries, s0.entries + 1);
}

static void query_sql_keeps_at_most_the_bound_and_reprepares_evicted_texts(void **state)
{
    struct fx *f = *state;
    struct sql_rows r;
    char sql[64];
    struct sql_val arg = SV_INT(1);
    for (int i = 0; i < STORE_SQL_CACHE + 10; i++) {
        snprintf(sql, sizeof(sql), "SELECT $1 + %d", i);
        assert_int_equal(store_query_sql(f->st, &f->a, sql, &arg, 1, &r), RC_OK);
        assert_int_equal(sql_int(&r, 0, 0), 1 + i);
    }
    struct store_sql_cache_stats s = stats(f);
    assert_int_equal(s.entries, STORE_SQL_CACHE);
    assert_int_equal(s.evictions, 10);
    /* the first text was evicted: it is prepared again and still answers right */
    assert_int_equal(store_query_sql(f->st, &f->a, "SELECT $1 + 0", &arg, 1, &r), RC_OK);
    assert_int_equal(sql_int(&r, 0, 0), 1);
    struct store_sql_cache_stats s2 = stats(f);
    assert_int_equal(s2.misses, s.misses + 1);
    assert_int_equal(s2.entries, STORE_SQL_CACHE);
}

static void query_sql_failures_cache_nothing(void **state)
{
    struct fx *f = *state;
    struct sql_rows r;
    struct sql_val arg = SV_INT(1);
    struct store_sql_cache_stats s0 = stats(f);
    assert_int_equal(store_query_sql(f->st, &f->a, "SELEC $1", &arg, 1, &r), RC_STORE);
    assert_int_equal(stats(f).entries, s0.entries);
    /* wrong argument count: the statement is cached, the call refused */
    assert_int_equal(store_query_sql(f->st, &f->a, "SELECT $1, $2", &arg, 1, &r), RC_INTERNAL);
    assert_int_equal(store_query_sql(f->st, &f->a, "SELECT 1", NULL, 0, &r), RC_OK);
}

/* ---- every shape of the task list ----------------------------------------------------- */

static void run_shape(struct fx *f, const struct task_filter *flt)
{
    struct task *tasks;
    size_t n;
    bool more;
    int rc = task_list(f->st, &f->a, f->s.ws_id, flt, &tasks, &n, &more);
    if (rc) {
        struct list_query q;
        task_list_sql(f->st, &f->a, f->s.ws_id, flt, &q);
        fail_msg("task_list rc %d: %s\n%s", rc, store_errmsg(f->st), lq_sql(&q));
    }
    assert_int_equal(n, 0);
    assert_false(more);
}

/* which: one filter (0..13), none (14), every filter (-1), or every filter but the column
 * (15: the default order is then by id, and several tags become a union of walks) */
static void set_filter(struct task_filter *flt, int which)
{
    static const int64_t tags[] = {1, 2, 3, 4, 5, 6, 7, 8};
    bool every = which < 0 || which == 15;
    if (every || which == 0)
        flt->project_id = 1;
    if (every || which == 1)
        flt->board_id = 1;
    if (which == -1 || which == 2)
        flt->column_id = 1;
    if (every || which == 3)
        flt->user_id = "00000000-0000-4000-8000-000000000000";
    if (every || which == 4)
        flt->type = "meet";
    if (every || which == 5)
        flt->priority = 0;
    if (every || which == 6) {
        flt->tags = tags;
        flt->ntags = 1;
    }
    if (every || which == 7) {
        flt->tags = tags;
        flt->ntags = which == 15 ? 8 : 3;
    }
    if (every || which == 8)
        flt->search = "50% of_it!";
    if (every || which == 9)
        flt->span_from = flt->span_to = 20000;
    if (every || which == 10)
        flt->completed_from_ms = 0;
    if (every || which == 11)
        flt->completed_before_ms = 1;
    if (every || which == 12)
        flt->state = TL_COMPLETED;
    if (every || which == 13)
        flt->state = TL_EVERY;
}

static void every_task_list_shape_prepares_and_runs(void **state)
{
    struct fx *f = *state;
    for (int which = -1; which <= 15; which++)
        for (int sort = TL_SORT_DEFAULT; sort <= TL_SORT_START; sort++)
            for (int desc = 0; desc < 2; desc++) {
                struct task_filter flt;
                task_filter_init(&flt);
                set_filter(&flt, which);
                flt.sort = (enum task_list_sort)sort;
                flt.desc = desc;
                flt.offset = desc * 10;
                run_shape(f, &flt);
            }
}

static void task_list_sql_binds_every_value_as_a_parameter(void **state)
{
    struct fx *f = *state;
    struct task_filter flt;
    task_filter_init(&flt);
    set_filter(&flt, -1);
    flt.type = "meet' OR 1=1 --";
    flt.sort = TL_SORT_NAME;
    struct list_query q;
    assert_int_equal(task_list_sql(f->st, &f->a, f->s.ws_id, &flt, &q), RC_OK);
    const char *sql = lq_sql(&q);
    const struct sql_val *args = q.args;
    size_t nargs = q.nargs;
    assert_null(strstr(sql, "UNION"));
    assert_null(strstr(sql, "OR 1=1"));
    assert_null(strstr(sql, "of_it"));
    assert_null(strstr(sql, "00000000-"));
    assert_null(strstr(sql, "$_"));
    /* ws, project, board, column, user, the tags (one JSON array), type, priority, search,
     * span x2, completed from/before, limit, offset */
    assert_int_equal(nargs, 15);
    char last[8];
    snprintf(last, sizeof(last), "$%zu", nargs);
    assert_non_null(strstr(sql, last));
    assert_int_equal(args[0].u.i, f->s.ws_id);

    /* the default order with several tags: one arm per tag, every filter in each, and
     * each arm cut after offset + limit + 1 rows */
    flt.sort = TL_SORT_DEFAULT;
    flt.column_id = 0; /* a column orders by position */
    flt.offset = 100;
    assert_int_equal(task_list_sql(f->st, &f->a, f->s.ws_id, &flt, &q), RC_OK);
    sql = lq_sql(&q);
    args = q.args;
    nargs = q.nargs;
    assert_non_null(strstr(sql, "UNION"));
    assert_null(strstr(sql, "OR 1=1"));
    /* ws, then per arm: project, board, user, its tag, type, priority, search, span x2,
     * completed from/before, arm limit (12); then limit, offset */
    assert_int_equal(nargs, 1 + 3 * 12 + 2);
    assert_int_equal(args[12].u.i, 100 + 50 + 1);
}

static void task_list_refuses_too_many_tags(void **state)
{
    struct fx *f = *state;
    int64_t tags[TASK_LIST_TAGS_MAX + 1] = {0};
    struct task_filter flt;
    task_filter_init(&flt);
    flt.tags = tags;
    flt.ntags = TASK_LIST_TAGS_MAX + 1;
    struct task *t;
    size_t n;
    bool more;
    assert_int_equal(task_list(f->st, &f->a, f->s.ws_id, &flt, &t, &n, &more), RC_INVALID);
    flt.ntags = TASK_LIST_TAGS_MAX;
    assert_int_equal(task_list(f->st, &f->a, f->s.ws_id, &flt, &t, &n, &more), RC_OK);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(cache_hits_what_was_put_and_misses_the_rest),
        cmocka_unit_test(cache_full_drops_the_least_recently_used),
        T(query_sql_numbers_parameters_and_keeps_quoted_dollars),
        T(query_sql_prepares_a_text_once_per_connection),
        T(query_sql_keeps_at_most_the_bound_and_reprepares_evicted_texts),
        T(query_sql_failures_cache_nothing),
        T(every_task_list_shape_prepares_and_runs),
        T(task_list_sql_binds_every_value_as_a_parameter),
        T(task_list_refuses_too_many_tags),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
