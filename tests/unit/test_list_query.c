/* test_list_query.c — model/list_query.c (parameter numbering, "$=", miscounts, the JSON
 * sets) and every shape the deal, contact, organization and portfolio lists can assemble:
 * each filter alone and all together, with every order, must prepare and run, since
 * run-time texts are not prepared at start-up as the named queries are. Runs on SQLite,
 * and on PostgreSQL too when WEEEKD_TEST_PG_URL names an admin URL (a fresh database is
 * created for the run and dropped after): the set and custom-field fragments differ there.
 * The SQLite plan of the deal list must walk index deals_status in every shape. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "testlib.h"
#include "model/contact.h"
#include "model/deal.h"
#include "model/list_query.h"
#include "model/organization.h"
#include "model/portfolio.h"
#include "model/task_list.h"

struct fx {
    struct tl_store s;
    struct arena a;
    struct store *st;
    bool pg;
    char pg_admin[512], pg_db[64];
};

static int open_fx(void **state, bool pg)
{
    struct fx *f = calloc(1, sizeof(*f));
    if (!f)
        return -1;
    *state = f;
    f->pg = pg;
    int rc;
    if (pg) {
        jsonmem_install();
        snprintf(f->pg_admin, sizeof(f->pg_admin), "%s", getenv("WEEEKD_TEST_PG_URL"));
        snprintf(f->pg_db, sizeof(f->pg_db), "weeekd_lists_%ld", (long)getpid());
        char sql[128];
        snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", f->pg_db);
        if (!tl_pg_admin_exec(f->pg_admin, sql))
            return -1;
        tl_pg_url_with_db(f->pg_admin, f->pg_db, f->s.url, sizeof(f->s.url));
        rc = tl_store_open_pool(&f->s);
        if (!rc)
            rc = tl_seed(f->s.pool, "Acme", "ada@example.com", &f->s.ws_id, f->s.member_id,
                         f->s.token);
    } else {
        rc = tl_store_open_seeded(&f->s);
    }
    if (rc)
        return -1;
    arena_init(&f->a, 0);
    f->st = store_acquire(f->s.pool);
    return store_begin(f->st, TX_READ);
}

static int close_fx(void **state)
{
    struct fx *f = *state;
    if (!f)
        return 0;
    if (f->st) {
        store_rollback(f->st);
        store_release(f->s.pool, f->st);
        arena_reset(&f->a);
    }
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

/* Run q; it must succeed and find nothing (the workspace has no such rows). */
static void run_empty(struct fx *f, struct list_query *q, const char *what)
{
    struct sql_rows r;
    int rc = lq_run(q, &r);
    if (rc)
        fail_msg("%s: rc %d: %s\n%s", what, rc, store_errmsg(f->st), lq_sql(q));
    assert_int_equal(r.nrows, 0);
}

/* ---- the builder ------------------------------------------------------------------------ */

static void builder_numbers_parameters_and_reuses_with_dollar_equals(void **state)
{
    struct fx *f = *state;
    struct list_query q;
    assert_int_equal(lq_init(&q, f->st, &f->a, 7, 8), RC_OK);
    struct sql_val v[] = {SV_INT(2), SV_INT(3)};
    lq_text(&q, "SELECT $1 + $_, $= * $_,", v, 2);
    lq_text(&q, "$_ || $=", &SV_TEXT("x"), 1);
    assert_int_equal(q.rc, RC_OK);
    assert_string_equal(lq_sql(&q), "SELECT $1 + $2, $2 * $3, $4 || $4");
    assert_int_equal(q.nargs, 4);
    assert_int_equal(q.args[0].u.i, 7);
    assert_int_equal(q.args[2].u.i, 3);
}

static void builder_refuses_a_miscount_and_keeps_the_first_failure(void **state)
{
    struct fx *f = *state;
    struct list_query q;
    lq_init(&q, f->st, &f->a, 1, 4);
    lq_text(&q, "SELECT $_", NULL, 0); /* a parameter without a value */
    assert_int_equal(q.rc, RC_INTERNAL);
    assert_null(lq_sql(&q));
    lq_text(&q, "SELECT 1", NULL, 0);
    assert_int_equal(q.rc, RC_INTERNAL);

    lq_init(&q, f->st, &f->a, 1, 4);
    lq_text(&q, "SELECT 1", &SV_INT(1), 1); /* a value without a parameter */
    assert_int_equal(q.rc, RC_INTERNAL);

    lq_init(&q, f->st, &f->a, 1, 4);
    lq_text(&q, "SELECT $=", NULL, 0); /* "$=" with nothing bound before it */
    assert_int_equal(q.rc, RC_INTERNAL);

    lq_init(&q, f->st, &f->a, 1, 2); /* room for $1 and one more */
    struct sql_val v[] = {SV_INT(1), SV_INT(2)};
    lq_text(&q, "SELECT $_, $_", v, 2);
    assert_int_equal(q.rc, RC_INTERNAL);
}

static void json_sets_escape_their_items(void **state)
{
    struct fx *f = *state;
    const char *texts[] = {"a\"b\\c", "\n", ""};
    int64_t ints[] = {1, -20, INT64_MIN};
    assert_string_equal(lq_json_texts(&f->a, texts, 3), "[\"a\\\"b\\\\c\",\"\\u000a\",\"\"]");
    assert_string_equal(lq_json_texts(&f->a, texts, 0), "[]");
    assert_string_equal(lq_json_ints(&f->a, ints, 3), "[1,-20,-9223372036854775808]");
}

/* a set is one parameter: its size never changes the text (one statement per shape) */
static void a_set_of_any_size_is_one_parameter(void **state)
{
    struct fx *f = *state;
    const char *orgs[] = {"00000000-0000-4000-8000-000000000001",
                          "00000000-0000-4000-8000-000000000002"};
    struct contact_filter one = {.organizations = orgs, .norganizations = 1, .limit = 10};
    struct contact_filter two = one;
    two.norganizations = 2;
    struct list_query q1, q2;
    assert_int_equal(contact_list_sql(f->st, &f->a, f->s.ws_id, &one, &q1), RC_OK);
    assert_int_equal(contact_list_sql(f->st, &f->a, f->s.ws_id, &two, &q2), RC_OK);
    assert_string_equal(lq_sql(&q1), lq_sql(&q2));
    assert_int_equal(q1.nargs, q2.nargs);
    assert_null(strstr(lq_sql(&q2), "00000000-"));
    run_empty(f, &q2, "contacts in two organizations");
}

/* ---- every shape of each list ----------------------------------------------------------- */

static const char *const DEAL_SORTS[] = {NULL,         "title",     "-title",
                                         "amount",     "-amount",   "createdAt",
                                         "-createdAt", "updatedAt", "-updatedAt"};

/* which: one filter (0..7), none (8), or all (-1) */
static void deal_filter_set(struct deal_filter *d, int which)
{
    bool all = which < 0;
    if (all || which == 0)
        d->search = "50!% of!_it";
    if (all || which == 1)
        d->assignees = "[\"00000000-0000-4000-8000-000000000000\"]";
    if (all || which == 2)
        d->win_statuses = "[\"won\",\"lost\"]";
    if (all || which == 3) {
        d->has_updated = true;
        d->updated_from = 0;
        d->updated_to = 86400000;
    }
    if (all || which == 4)
        d->tags = "[1,2,3]";
    if (all || which == 5)
        d->organizations = "[\"o\"]";
    if (all || which == 6)
        d->contacts = "[\"c\",\"d\"]";
    if (all || which == 7)
        d->custom_fields = "[{\"f\":\"x\",\"v\":\"y\"},{\"f\":\"z\",\"v\":[1]}]";
}

static void every_deal_list_shape_prepares_and_runs(void **state)
{
    struct fx *f = *state;
    for (int which = -1; which <= 8; which++)
        for (size_t s = 0; s < ARRAY_LEN(DEAL_SORTS); s++) {
            struct deal_filter d = {.limit = 50, .offset = (int64_t)s, .sort = DEAL_SORTS[s]};
            deal_filter_set(&d, which);
            struct deal *out;
            size_t n;
            bool more;
            int rc = deal_list(f->st, &f->a, f->s.ws_id, "status", &d, &out, &n, &more);
            if (rc) {
                struct list_query q;
                deal_list_sql(f->st, &f->a, f->s.ws_id, "status", &d, &q);
                fail_msg("deal_list rc %d: %s\n%s", rc, store_errmsg(f->st), lq_sql(&q));
            }
            assert_int_equal(n, 0);
            assert_false(more);
        }
}

/* which: search (0), the sets (1..3), none (4), all (-1) */
static void every_contact_and_organization_shape_prepares_and_runs(void **state)
{
    struct fx *f = *state;
    const char *ids[] = {"00000000-0000-4000-8000-000000000000", "x"};
    const int64_t tags[] = {1, 2};
    for (int which = -1; which <= 4; which++)
        for (int sort = CRM_SORT_CREATED; sort <= CRM_SORT_UPDATED_DESC; sort++) {
            bool all = which < 0;
            struct contact_filter c = {.sort = (enum crm_sort)sort, .limit = 5, .offset = 1};
            struct organization_filter o = {.sort = (enum crm_sort)sort, .limit = 5};
            if (all || which == 0)
                c.search = o.search = "Ab%_!";
            if (all || which == 1) {
                c.organizations = o.responsibles = ids;
                c.norganizations = o.nresponsibles = 2;
            }
            if (all || which == 2) {
                o.contacts = ids;
                o.ncontacts = 1;
            }
            if (all || which == 3) {
                o.tags = tags;
                o.ntags = 2;
            }
            struct list_query q;
            assert_int_equal(contact_list_sql(f->st, &f->a, f->s.ws_id, &c, &q), RC_OK);
            run_empty(f, &q, "contacts");
            assert_int_equal(organization_list_sql(f->st, &f->a, f->s.ws_id, &o, &q), RC_OK);
            run_empty(f, &q, "organizations");
        }
}

static void every_portfolio_shape_prepares_and_runs(void **state)
{
    struct fx *f = *state;
    for (int which = 0; which < 4; which++) {
        struct portfolio_filter p = {.limit = 10};
        if (which & 1)
            p.parent_id = 1;
        if (which & 2)
            p.search = "P%";
        struct list_query q;
        assert_int_equal(portfolio_list_sql(f->st, &f->a, f->s.ws_id, &p, &q), RC_OK);
        run_empty(f, &q, "portfolios");
    }
}

/* the task list's shapes are all run on SQLite by test_sql_cache.c; here the ones whose
 * text differs on PostgreSQL: several tags as one set (sorted, or more than a union takes) */
static void task_list_tag_sets_run(void **state)
{
    struct fx *f = *state;
    static const int64_t tags[] = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    for (int sorted = 0; sorted < 2; sorted++) {
        struct task_filter flt;
        task_filter_init(&flt);
        flt.tags = tags;
        flt.ntags = sorted ? 2 : ARRAY_LEN(tags);
        flt.sort = sorted ? TL_SORT_NAME : TL_SORT_DEFAULT;
        flt.search = "x";
        struct list_query q;
        assert_int_equal(task_list_sql(f->st, &f->a, f->s.ws_id, &flt, &q), RC_OK);
        assert_null(strstr(lq_sql(&q), "UNION"));
        run_empty(f, &q, "tasks with a set of tags");
    }
}

/* SQLite: the deal list searches index deals_status (ws_id, status_id) in every shape, and
 * the board order needs no sort of its own (the index hands rows over in position order).
 * EXPLAIN QUERY PLAN is SQLite's: the PostgreSQL group leaves this test out. */
static void deal_list_walks_the_status_index(void **state)
{
    struct fx *f = *state;
    for (int which = -1; which <= 8; which++)
        for (size_t s = 0; s < ARRAY_LEN(DEAL_SORTS); s++) {
            struct deal_filter d = {.limit = 50, .sort = DEAL_SORTS[s]};
            deal_filter_set(&d, which);
            struct list_query q;
            assert_int_equal(deal_list_sql(f->st, &f->a, f->s.ws_id, "status", &d, &q), RC_OK);
            char *plan_sql = arena_alloc(&f->a, strlen(lq_sql(&q)) + 32);
            assert_non_null(plan_sql);
            snprintf(plan_sql, strlen(lq_sql(&q)) + 32, "EXPLAIN QUERY PLAN %s", lq_sql(&q));
            struct sql_rows r;
            assert_int_equal(store_query_sql(f->st, &f->a, plan_sql, q.args, q.nargs, &r), RC_OK);
            bool uses_index = false, sorts = false;
            for (size_t i = 0; i < r.nrows; i++) {
                const char *detail = sql_text(&r, i, 3);
                uses_index |= strstr(detail, "SEARCH d USING INDEX deals_status") != NULL;
                sorts |= strstr(detail, "TEMP B-TREE FOR ORDER BY") != NULL;
            }
            if (!uses_index)
                fail_msg("deal list plan without deals_status:\n%s", lq_sql(&q));
            assert_true(DEAL_SORTS[s] ? sorts : !sorts);
        }
}

int main(void)
{
#define T(fn) cmocka_unit_test(fn)
    const struct CMUnitTest common[] = {
        T(builder_numbers_parameters_and_reuses_with_dollar_equals),
        T(builder_refuses_a_miscount_and_keeps_the_first_failure),
        T(json_sets_escape_their_items),
        T(a_set_of_any_size_is_one_parameter),
        T(every_deal_list_shape_prepares_and_runs),
        T(every_contact_and_organization_shape_prepares_and_runs),
        T(every_portfolio_shape_prepares_and_runs),
        T(task_list_tag_sets_run),
    };
    const struct CMUnitTest sqlite_only[] = {T(deal_list_walks_the_status_index)};
#undef T
    int failed = cmocka_run_group_tests_name("list_query_sqlite", common, setup_sqlite, close_fx);
    failed +=
        cmocka_run_group_tests_name("list_query_plan_sqlite", sqlite_only, setup_sqlite, close_fx);
    const char *pg = getenv("WEEEKD_TEST_PG_URL");
    if (pg && *pg)
        failed += cmocka_run_group_tests_name("list_query_pg", common, setup_pg, close_fx);
    return failed;
}
