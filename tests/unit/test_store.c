/* test_store.c — store/store.c and store/sqlite.c through the model functions on a
 * temporary SQLite file: migrations (applied once, recorded, not re-applied), workspaces,
 * members, tokens and tags (workspace isolation, conflicts), transactions, and blobs
 * (attachments: bytes with NULs and empty ones round-trip, metadata never carries them). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "testlib.h"
#include "core/sha256.h"
#include "model/attachment.h"
#include "model/board.h"
#include "model/cf_value.h"
#include "model/custom_field.h"
#include "model/project.h"
#include "model/deal.h"
#include "model/funnel.h"
#include "model/tag.h"
#include "model/task.h"
#include "model/time_entry.h"

/* the embedded migration list, as store.c declares it */
struct embedded_file {
    const char *name;
    const unsigned char *data;
    size_t len;
};
extern const struct embedded_file schema_sqlite[];

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
    return 0;
}

static int teardown(void **state)
{
    struct fx *f = *state;
    if (f->st)
        store_release(f->s.pool, f->st);
    arena_reset(&f->a);
    tl_store_close(&f->s);
    free(f);
    return 0;
}

static size_t embedded_count(void)
{
    size_t n = 0;
    while (schema_sqlite[n].name)
        n++;
    return n;
}

static void applied_versions(struct fx *f, struct sql_rows *rows)
{
    assert_int_equal(store_query(f->st, &f->a, Q_SCHEMA_VERSIONS, NULL, 0, rows), RC_OK);
}

/* ---- migrations ---- */

static void migrations_are_applied_and_recorded(void **state)
{
    struct fx *f = *state;
    struct sql_rows rows;
    applied_versions(f, &rows);
    size_t n = embedded_count();
    assert_true(n > 0);
    assert_int_equal(rows.nrows, n);
    for (size_t i = 0; i < n; i++) {
        /* "0001_init.sql" is version 1 */
        int64_t v = 0;
        assert_int_equal(str_to_i64(schema_sqlite[i].name, 4, &v), 0);
        assert_int_equal(sql_int(&rows, i, 0), v);
    }
}

static void reopening_does_not_reapply_migrations(void **state)
{
    struct fx *f = *state;
    int64_t ws;
    assert_int_equal(workspace_create(f->st, &f->a, "Survivor", &ws), RC_OK);
    store_release(f->s.pool, f->st);
    f->st = NULL;
    for (int round = 0; round < 2; round++) {
        tl_store_close_pool(&f->s);
        assert_int_equal(tl_store_open_pool(&f->s), RC_OK); /* CREATE TABLE again would fail */
    }
    f->st = store_acquire(f->s.pool);
    struct sql_rows rows;
    applied_versions(f, &rows);
    assert_int_equal(rows.nrows, embedded_count());
    struct workspace w;
    assert_int_equal(workspace_get(f->st, &f->a, ws, &w), RC_OK);
    assert_string_equal(w.title, "Survivor");
}

static void pool_of_several_connections_opens(void **state)
{
    struct fx *f = *state;
    store_release(f->s.pool, f->st);
    f->st = NULL;
    tl_store_close_pool(&f->s);
    struct store_opts o = {.nconn = 3};
    assert_int_equal(store_pool_open(&f->s.pool, f->s.url, &o, f->s.err, sizeof(f->s.err)), RC_OK);
    struct store *a = store_acquire(f->s.pool);
    struct store *b = store_acquire(f->s.pool);
    struct store *c = store_acquire(f->s.pool);
    assert_ptr_not_equal(a, b);
    assert_ptr_not_equal(b, c);
    struct workspace w;
    assert_int_equal(workspace_get(c, &f->a, f->s.ws_id, &w), RC_OK);
    store_release(f->s.pool, a);
    store_release(f->s.pool, b);
    store_release(f->s.pool, c);
    assert_string_equal(store_pool_driver(f->s.pool), "sqlite");
    f->st = store_acquire(f->s.pool);
}

static void bad_urls_are_refused_with_a_reason(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "sqlite:", "sqlite://", "mysql://x", "/tmp/t.db"};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        struct store_pool *p = NULL;
        char err[256] = "";
        assert_int_equal(store_pool_open(&p, bad[i], NULL, err, sizeof(err)), RC_INVALID);
        assert_null(p);
        assert_non_null(strstr(err, "unsupported database URL"));
    }
    struct store_pool *p = NULL;
    char err[256] = "";
    assert_int_not_equal(
        store_pool_open(&p, "sqlite:/nonexistent-dir-weeekd/x/t.db", NULL, err, sizeof(err)),
        RC_OK);
    assert_null(p);
    assert_non_null(strstr(err, "nonexistent-dir-weeekd"));
}

/* ---- workspaces ---- */

static void workspace_create_get_find_first(void **state)
{
    struct fx *f = *state;
    int64_t id;
    struct workspace w;
    assert_int_equal(workspace_create(f->st, &f->a, "Beta", &id), RC_OK);
    assert_true(id > f->s.ws_id);
    assert_int_equal(workspace_get(f->st, &f->a, id, &w), RC_OK);
    assert_int_equal(w.id, id);
    assert_string_equal(w.title, "Beta");
    assert_null(w.description);
    assert_null(w.logo);
    assert_false(w.is_personal);
    assert_int_equal(workspace_find(f->st, &f->a, "Beta", &w), RC_OK);
    assert_int_equal(w.id, id);
    assert_int_equal(workspace_get(f->st, &f->a, f->s.ws_id, &w), RC_OK);
    assert_string_equal(w.title, "Acme");
}

static void workspace_missing_is_notfound(void **state)
{
    struct fx *f = *state;
    struct workspace w;
    assert_int_equal(workspace_get(f->st, &f->a, 424242, &w), RC_NOTFOUND);
    assert_int_equal(workspace_find(f->st, &f->a, "acme", &w), RC_NOTFOUND); /* exact title */
}

static void workspace_duplicate_title_is_conflict(void **state)
{
    struct fx *f = *state;
    int64_t id = 0;
    assert_int_equal(workspace_create(f->st, &f->a, "Acme", &id), RC_CONFLICT);
    assert_int_equal(id, 0);
}

static void member_add_get_find_list(void **state)
{
    struct fx *f = *state;
    const char *id = NULL;
    struct member m;
    /* created_at has millisecond resolution and ties fall back to the random uuid: step
     * past the seeded member's millisecond so "oldest first" is observable */
    nanosleep(&(struct timespec){.tv_nsec = 3000000}, NULL);
    assert_int_equal(member_add(f->st, &f->a, f->s.ws_id, "grace@example.com",
                                "Grace Brewster Hopper", "member", &id),
                     RC_OK);
    assert_int_equal(strlen(id), UUID_LEN);
    assert_int_equal(member_get(f->st, &f->a, f->s.ws_id, id, &m), RC_OK);
    assert_string_equal(m.id, id);
    assert_string_equal(m.email, "grace@example.com");
    assert_string_equal(m.first_name, "Grace");
    assert_string_equal(m.last_name, "Brewster Hopper");
    assert_null(m.middle_name);
    assert_string_equal(m.role, "member");
    assert_string_equal(m.time_zone, "UTC");
    assert_string_equal(m.language, "en-US");
    assert_int_equal(member_find_by_email(f->st, &f->a, f->s.ws_id, "grace@example.com", &m),
                     RC_OK);
    assert_string_equal(m.id, id);

    struct member *list;
    size_t n;
    assert_int_equal(member_list(f->st, &f->a, f->s.ws_id, &list, &n), RC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].email, "ada@example.com"); /* oldest first */
    assert_string_equal(list[1].email, "grace@example.com");
}

static void member_name_may_be_one_word_or_absent(void **state)
{
    struct fx *f = *state;
    const char *id1, *id2;
    struct member m;
    assert_int_equal(
        member_add(f->st, &f->a, f->s.ws_id, "one@example.com", "Cher", "member", &id1), RC_OK);
    assert_int_equal(member_get(f->st, &f->a, f->s.ws_id, id1, &m), RC_OK);
    assert_string_equal(m.first_name, "Cher");
    assert_null(m.last_name);
    assert_int_equal(member_add(f->st, &f->a, f->s.ws_id, "none@example.com", NULL, "member", &id2),
                     RC_OK);
    assert_int_equal(member_get(f->st, &f->a, f->s.ws_id, id2, &m), RC_OK);
    assert_null(m.first_name);
    assert_null(m.last_name);
}

static void member_duplicate_email_is_conflict_per_workspace(void **state)
{
    struct fx *f = *state;
    const char *id;
    assert_int_equal(
        member_add(f->st, &f->a, f->s.ws_id, "ada@example.com", "Other Ada", "member", &id),
        RC_CONFLICT);
    int64_t ws2;
    assert_int_equal(workspace_create(f->st, &f->a, "Second", &ws2), RC_OK);
    assert_int_equal(member_add(f->st, &f->a, ws2, "ada@example.com", "Ada", "owner", &id), RC_OK);
}

static void member_of_other_workspace_is_notfound(void **state)
{
    struct fx *f = *state;
    int64_t ws2;
    struct member m;
    assert_int_equal(workspace_create(f->st, &f->a, "Second", &ws2), RC_OK);
    assert_int_equal(member_get(f->st, &f->a, ws2, f->s.member_id, &m), RC_NOTFOUND);
    assert_int_equal(member_find_by_email(f->st, &f->a, ws2, "ada@example.com", &m), RC_NOTFOUND);
}

static void member_of_missing_workspace_is_invalid(void **state)
{
    struct fx *f = *state;
    const char *id;
    /* a foreign-key failure maps to RC_INVALID */
    assert_int_equal(member_add(f->st, &f->a, 987654, "x@example.com", NULL, "member", &id),
                     RC_INVALID);
}

/* ---- tokens ---- */

static int auth(struct fx *f, const char *token, int64_t *ws, const char **member)
{
    char hash[2 * SHA256_LEN + 1];
    sha256_hex(token, strlen(token), hash);
    return token_authenticate(f->st, &f->a, hash, ws, member);
}

static void token_authenticates_to_its_workspace_and_member(void **state)
{
    struct fx *f = *state;
    int64_t ws = 0;
    const char *member = NULL;
    assert_int_equal(auth(f, f->s.token, &ws, &member), RC_OK);
    assert_int_equal(ws, f->s.ws_id);
    assert_string_equal(member, f->s.member_id);
}

static void token_unknown_is_notfound(void **state)
{
    struct fx *f = *state;
    int64_t ws = -1;
    const char *member = NULL;
    char other[TOKEN_LEN + 1];
    assert_int_equal(rand_token(other), 0);
    assert_int_equal(auth(f, other, &ws, &member), RC_NOTFOUND);
    assert_int_equal(auth(f, "", &ws, &member), RC_NOTFOUND);
    /* the token itself (not its hash) never authenticates */
    assert_int_equal(token_authenticate(f->st, &f->a, f->s.token, &ws, &member), RC_NOTFOUND);
    assert_int_equal(ws, -1);
}

static void token_revoked_is_notfound(void **state)
{
    struct fx *f = *state;
    char second[TOKEN_LEN + 1];
    assert_int_equal(token_issue(f->st, f->s.ws_id, f->s.member_id, NULL, second), RC_OK);
    struct token_info *list;
    size_t n;
    assert_int_equal(token_list(f->st, &f->a, &list, &n), RC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].workspace, "Acme");
    assert_string_equal(list[0].email, "ada@example.com");
    assert_string_equal(list[0].label, "test");
    assert_null(list[1].label);
    assert_int_equal(list[0].revoked_at, 0);
    assert_true(list[0].created_at > 0);

    assert_int_equal(token_revoke(f->st, list[0].id), RC_OK);
    int64_t ws;
    const char *member;
    assert_int_equal(auth(f, f->s.token, &ws, &member), RC_NOTFOUND);
    assert_int_equal(auth(f, second, &ws, &member), RC_OK); /* the other token still works */
    assert_int_equal(token_revoke(f->st, list[0].id), RC_NOTFOUND);
    assert_int_equal(token_revoke(f->st, 987654), RC_NOTFOUND);

    assert_int_equal(token_list(f->st, &f->a, &list, &n), RC_OK);
    assert_true(list[0].revoked_at > 0);
    assert_int_equal(list[1].revoked_at, 0);
}

static void token_issue_for_unknown_member_is_invalid(void **state)
{
    struct fx *f = *state;
    char t[TOKEN_LEN + 1];
    assert_int_equal(
        token_issue(f->st, f->s.ws_id, "00000000-0000-4000-8000-000000000000", NULL, t),
        RC_INVALID);
}

/* ---- tags ---- */

static int64_t new_tag(struct fx *f, int64_t ws, const char *title, const char *color)
{
    struct tag t = {.title = title, .color = color};
    assert_int_equal(tag_create(f->st, &f->a, ws, &t), RC_OK);
    assert_true(t.id > 0);
    return t.id;
}

static void tag_create_get_list_update_delete(void **state)
{
    struct fx *f = *state;
    int64_t a = new_tag(f, f->s.ws_id, "Alpha", "#111111");
    int64_t b = new_tag(f, f->s.ws_id, "Beta", "#222222");
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, a, &t), RC_OK);
    assert_int_equal(t.id, a);
    assert_string_equal(t.title, "Alpha");
    assert_string_equal(t.color, "#111111");

    struct tag *list;
    size_t n;
    assert_int_equal(tag_list(f->st, &f->a, f->s.ws_id, &list, &n), RC_OK);
    assert_int_equal(n, 2);
    assert_int_equal(list[0].id, a);
    assert_int_equal(list[1].id, b);

    struct tag upd = {.id = a, .title = "Alpha 2", .color = "#333333"};
    assert_int_equal(tag_update(f->st, f->s.ws_id, &upd), RC_OK);
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, a, &t), RC_OK);
    assert_string_equal(t.title, "Alpha 2");
    assert_string_equal(t.color, "#333333");

    assert_int_equal(tag_delete(f->st, f->s.ws_id, a), RC_OK);
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, a, &t), RC_NOTFOUND);
    assert_int_equal(tag_delete(f->st, f->s.ws_id, a), RC_NOTFOUND);
    assert_int_equal(tag_list(f->st, &f->a, f->s.ws_id, &list, &n), RC_OK);
    assert_int_equal(n, 1);
}

static void tag_of_other_workspace_is_notfound_and_unchanged(void **state)
{
    struct fx *f = *state;
    int64_t ws2;
    assert_int_equal(workspace_create(f->st, &f->a, "Intruder", &ws2), RC_OK);
    int64_t id = new_tag(f, f->s.ws_id, "Private", "#abcdef");
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, ws2, id, &t), RC_NOTFOUND);
    struct tag upd = {.id = id, .title = "Hijacked", .color = "#000000"};
    assert_int_equal(tag_update(f->st, ws2, &upd), RC_NOTFOUND);
    assert_int_equal(tag_delete(f->st, ws2, id), RC_NOTFOUND);
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_OK);
    assert_string_equal(t.title, "Private");
    assert_string_equal(t.color, "#abcdef");
    struct tag *list;
    size_t n;
    assert_int_equal(tag_list(f->st, &f->a, ws2, &list, &n), RC_OK);
    assert_int_equal(n, 0);
}

static void tag_default_color_is_stable_hex_from_palette(void **state)
{
    (void)state;
    const char *c1 = tag_default_color("Urgent");
    assert_string_equal(c1, tag_default_color("Urgent"));
    static const char *const titles[] = {"", "a", "Urgent", "\xc3\xa9t\xc3\xa9", "x y z"};
    for (size_t i = 0; i < ARRAY_LEN(titles); i++) {
        const char *c = tag_default_color(titles[i]);
        assert_int_equal(strlen(c), 7);
        assert_int_equal(c[0], '#');
    }
}

/* ---- transactions ---- */

static void rollback_discards_writes(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    int64_t id = new_tag(f, f->s.ws_id, "Temporary", "#010101");
    int64_t ws2;
    assert_int_equal(workspace_create(f->st, &f->a, "Ephemeral", &ws2), RC_OK);
    store_rollback(f->st);
    struct tag t;
    struct workspace w;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_NOTFOUND);
    assert_int_equal(workspace_find(f->st, &f->a, "Ephemeral", &w), RC_NOTFOUND);
}

/* store_exec_later on SQLite, where nothing waits for an exchange: the write runs at once,
 * and one that must change one row and changes none is not found (exec_one's rule) */
static void a_write_for_later_runs_at_once_on_sqlite(void **state)
{
    struct fx *f = *state;
    int64_t id = new_tag(f, f->s.ws_id, "Before", "#030303");
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    struct sql_val args[] = {SV_INT(f->s.ws_id), SV_INT(id), SV_TEXT("After"), SV_TEXT("#040404")};
    assert_int_equal(store_exec_later(f->st, Q_TAG_UPDATE, args, 4, true), RC_OK);
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_OK);
    assert_string_equal(t.title, "After");
    args[1] = SV_INT(id + 1000);
    assert_int_equal(store_exec_later(f->st, Q_TAG_UPDATE, args, 4, true), RC_NOTFOUND);
    assert_int_equal(store_exec_later(f->st, Q_TAG_UPDATE, args, 4, false), RC_OK);
    store_rollback(f->st);
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_OK);
    assert_string_equal(t.title, "Before");
}

static void commit_keeps_writes_across_connections(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    int64_t id = new_tag(f, f->s.ws_id, "Kept", "#020202");
    assert_int_equal(store_commit(f->st), RC_OK);
    /* visible after reopening the file */
    store_release(f->s.pool, f->st);
    tl_store_close_pool(&f->s);
    assert_int_equal(tl_store_open_pool(&f->s), RC_OK);
    f->st = store_acquire(f->s.pool);
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_OK);
    assert_string_equal(t.title, "Kept");
}

static void rollback_after_conflict_leaves_connection_usable(void **state)
{
    struct fx *f = *state;
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    int64_t id = new_tag(f, f->s.ws_id, "Before conflict", "#030303");
    int64_t ws;
    assert_int_equal(workspace_create(f->st, &f->a, "Acme", &ws), RC_CONFLICT);
    store_rollback(f->st);
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_NOTFOUND);
    /* the write lock was released: a new write transaction starts at once */
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    new_tag(f, f->s.ws_id, "After", "#040404");
    assert_int_equal(store_commit(f->st), RC_OK);
}

static void read_transaction_sees_committed_rows(void **state)
{
    struct fx *f = *state;
    int64_t id = new_tag(f, f->s.ws_id, "Visible", "#050505");
    assert_int_equal(store_begin(f->st, TX_READ), RC_OK);
    struct tag t;
    assert_int_equal(tag_get(f->st, &f->a, f->s.ws_id, id, &t), RC_OK);
    assert_int_equal(store_commit(f->st), RC_OK);
}

static void query_with_wrong_argument_count_is_internal(void **state)
{
    struct fx *f = *state;
    struct sql_rows rows;
    struct sql_val one[] = {SV_INT(1)};
    assert_int_equal(store_query(f->st, &f->a, Q_TAG_GET, one, 1, &rows), RC_INTERNAL);
    assert_non_null(strstr(store_errmsg(f->st), "tag_get"));
}

static int64_t new_task(struct fx *f, int64_t ws)
{
    struct task t = {.type = "action",
                     .author_id = f->s.member_id,
                     .parent_id = TASK_NONE,
                     .priority = TASK_NONE,
                     .duration = TASK_NONE,
                     .start_day = TASK_NONE,
                     .start_sec = TASK_NONE,
                     .due_day = TASK_NONE,
                     .due_sec = TASK_NONE};
    assert_int_equal(task_create(f->st, &f->a, ws, &t), RC_OK);
    return t.id;
}

/* task_get_full's JSON column i decoded, against the rows of its *_for query for the task:
 * the same rows, cell for cell (type and value). PostgreSQL runs task_get_full for every
 * task read (tests/http/test_tm_task_one_read.py); SQLite keeps the *_for queries, so its
 * text of the one statement is checked here. */
static void assert_one_statement_matches(struct fx *f, int64_t tid, size_t min_rows)
{
    size_t n, first;
    const enum sql_id *rel = task_related_queries(&n, &first);
    struct sql_val key[] = {SV_INT(f->s.ws_id), SV_INT(tid)};
    struct sql_rows one;
    assert_int_equal(store_query(f->st, &f->a, Q_TASK_GET_FULL, key, 2, &one), RC_OK);
    assert_int_equal(one.nrows, 1);
    assert_int_equal(one.ncols, first + n);
    const char *ids = arena_printf(&f->a, "[%lld]", (long long)tid);
    struct sql_val args[] = {SV_INT(f->s.ws_id), SV_TEXT(ids)};
    for (size_t i = 0; i < n; i++) {
        struct sql_rows want, got;
        size_t ncols = 0;
        assert_int_equal(store_query(f->st, &f->a, rel[i], args, 2, &want), RC_OK);
        assert_int_equal(store_columns(f->st, rel[i], &ncols), RC_OK);
        assert_int_equal(store_rows_from_json(&f->a, sql_text(&one, 0, first + i), ncols, &got),
                         RC_OK);
        if (got.nrows != want.nrows || want.nrows < min_rows)
            fail_msg("%s: %zu rows in one statement, %zu by itself", query_texts[rel[i]].name,
                     got.nrows, want.nrows);
        for (size_t c = 0; c < want.nrows * ncols; c++) {
            const struct sql_val *w = &want.cell[c], *g = &got.cell[c];
            bool same = w->type == g->type &&
                        (w->type == SQL_NULL || (w->type == SQL_INT && w->u.i == g->u.i) ||
                         (w->type == SQL_TEXT && w->u.s.len == g->u.s.len &&
                          memcmp(w->u.s.ptr, g->u.s.ptr, w->u.s.len) == 0));
            if (!same)
                fail_msg("%s: cell %zu differs", query_texts[rel[i]].name, c);
        }
    }
}

static void one_statement_of_a_task_gives_each_relation_as_its_own_query(void **state)
{
    struct fx *f = *state;
    int64_t ws = f->s.ws_id;
    assert_int_equal(store_begin(f->st, TX_WRITE), RC_OK);
    struct project p = {.name = "p \"q\"\n\xF0\x9D\x84\x9E"};
    assert_int_equal(project_create(f->st, &f->a, ws, &p, f->s.member_id), RC_OK);
    struct board b = {.project_id = p.id, .name = "b"};
    assert_int_equal(board_create(f->st, &f->a, ws, &b), RC_OK);
    struct sql_val bargs[] = {SV_INT(ws), SV_INT(b.id)};
    struct sql_rows cols;
    assert_int_equal(store_query_sql(f->st, &f->a,
                                     "SELECT id FROM board_columns WHERE ws_id = $1 AND "
                                     "board_id = $2 ORDER BY id LIMIT 1",
                                     bargs, 2, &cols),
                     RC_OK);
    assert_int_equal(cols.nrows, 1);
    struct tag t1 = {.title = "t1"}, t2 = {.title = "t\\2"};
    assert_int_equal(tag_create(f->st, &f->a, ws, &t1), RC_OK);
    assert_int_equal(tag_create(f->st, &f->a, ws, &t2), RC_OK);
    struct custom_field tm = {.scope = "tm", .name = "n\t", .type = "text"},
                        pf = {.scope = "project", .project_id = p.id, .name = "p", .type = "text"},
                        bf = {.scope = "board", .board_id = b.id, .name = "b", .type = "text"};
    assert_int_equal(custom_field_create(f->st, &f->a, ws, &tm), RC_OK);
    assert_int_equal(custom_field_create(f->st, &f->a, ws, &pf), RC_OK);
    assert_int_equal(custom_field_create(f->st, &f->a, ws, &bf), RC_OK);

    int64_t bare = new_task(f, ws);
    const char *people[] = {f->s.member_id};
    int64_t tags[] = {t1.id, t2.id};
    struct task_location loc = {p.id, b.id, sql_int(&cols, 0, 0)};
    struct task t = {.type = "action",
                     .title = "full",
                     .author_id = f->s.member_id,
                     .parent_id = TASK_NONE,
                     .priority = 2,
                     .duration = TASK_NONE,
                     .start_day = TASK_NONE,
                     .start_sec = TASK_NONE,
                     .due_day = TASK_NONE,
                     .due_sec = TASK_NONE,
                     .assignees = people,
                     .nassignees = 1,
                     .watchers = people,
                     .nwatchers = 1,
                     .tags = tags,
                     .ntags = 2,
                     .locations = &loc,
                     .nlocations = 1};
    assert_int_equal(task_create(f->st, &f->a, ws, &t), RC_OK);
    for (int i = 0; i < 2; i++) {
        struct task kid = {.type = "call",
                           .author_id = f->s.member_id,
                           .parent_id = t.id,
                           .priority = TASK_NONE,
                           .duration = TASK_NONE,
                           .start_day = TASK_NONE,
                           .start_sec = TASK_NONE,
                           .due_day = TASK_NONE,
                           .due_sec = TASK_NONE};
        assert_int_equal(task_create(f->st, &f->a, ws, &kid), RC_OK);
        struct time_entry e = {.task_id = t.id,
                               .member_id = f->s.member_id,
                               .type = TIME_ENTRY_MANUAL,
                               .is_overtime = i,
                               .day = 20000 + i,
                               .duration = 30 + i};
        assert_int_equal(time_entry_create(f->st, &f->a, ws, &e), RC_OK);
        struct attachment_owner owner = {.task_id = t.id};
        struct attachment at;
        assert_int_equal(attachment_create(f->st, &f->a, ws, &owner, f->s.member_id,
                                           i ? "b \xC3\xA9.txt" : "a\".bin", "text/plain", "xy", 2,
                                           &at),
                         RC_OK);
    }
    assert_int_equal(cf_value_set_task(f->st, ws, t.id, tm.id, "\"v \\\\ \\u0001\""), RC_OK);
    assert_int_equal(cf_value_set_task(f->st, ws, t.id, bf.id, "\"w\""), RC_OK);
    assert_int_equal(store_commit(f->st), RC_OK);

    assert_int_equal(store_begin(f->st, TX_READ), RC_OK);
    assert_one_statement_matches(f, t.id, 1); /* every relation has a row */
    assert_one_statement_matches(f, bare, 0);
    store_rollback(f->st);
}

static void attachment_bytes_round_trip_and_stay_in_their_workspace(void **state)
{
    struct fx *f = *state;
    int64_t tid = new_task(f, f->s.ws_id);
    static const char bytes[] = "a\0b\r\n\xff\x00z";
    size_t len = sizeof(bytes) - 1;
    struct attachment_owner owner = {.task_id = tid};
    struct attachment at, empty, got;
    assert_int_equal(attachment_create(f->st, &f->a, f->s.ws_id, &owner, f->s.member_id, "a.bin",
                                       "application/x-test", bytes, len, &at),
                     RC_OK);
    assert_int_equal(attachment_create(f->st, &f->a, f->s.ws_id, &owner, f->s.member_id, "e",
                                       "text/plain", NULL, 0, &empty),
                     RC_OK);
    char hex[2 * SHA256_LEN + 1];
    sha256_hex(bytes, len, hex);
    assert_string_equal(at.sha256, hex);

    assert_int_equal(attachment_get(f->st, &f->a, f->s.ws_id, at.id, &got), RC_OK);
    assert_string_equal(got.name, "a.bin");
    assert_string_equal(got.content_type, "application/x-test");
    assert_int_equal(got.size, (int64_t)len);
    assert_string_equal(got.sha256, hex);
    assert_int_equal(got.owner.task_id, tid);
    assert_null(got.owner.deal_id);

    const unsigned char *data;
    size_t n;
    assert_int_equal(attachment_get_content(f->st, &f->a, f->s.ws_id, at.id, &got, &data, &n),
                     RC_OK);
    assert_int_equal(n, len);
    assert_memory_equal(data, bytes, len);
    assert_int_equal(attachment_get_content(f->st, &f->a, f->s.ws_id, empty.id, &got, &data, &n),
                     RC_OK);
    assert_int_equal(n, 0);
    assert_non_null(data);

    struct attachment *list;
    assert_int_equal(attachment_list_for_tasks(f->st, &f->a, f->s.ws_id, "[999999]", &list, &n),
                     RC_OK);
    assert_int_equal(n, 0);
    char ids[32];
    snprintf(ids, sizeof(ids), "[%lld]", (long long)tid);
    assert_int_equal(attachment_list_for_tasks(f->st, &f->a, f->s.ws_id, ids, &list, &n), RC_OK);
    assert_int_equal(n, 2);
    assert_string_equal(list[0].id, at.id);
    assert_string_equal(list[1].id, empty.id);

    int64_t other;
    assert_int_equal(workspace_create(f->st, &f->a, "Other", &other), RC_OK);
    assert_int_equal(attachment_get(f->st, &f->a, other, at.id, &got), RC_NOTFOUND);
    assert_int_equal(attachment_get_content(f->st, &f->a, other, at.id, &got, &data, &n),
                     RC_NOTFOUND);
    assert_int_equal(attachment_list_for_tasks(f->st, &f->a, other, ids, &list, &n), RC_OK);
    assert_int_equal(n, 0);
}

/* a deal's files: the deal must exist (foreign key), and only its files are listed */
static void attachment_of_a_deal_is_listed_for_its_deal(void **state)
{
    struct fx *f = *state;
    struct funnel fun = {.name = "F", .currency_id = 1, .creator_id = f->s.member_id};
    assert_int_equal(funnel_create(f->st, &f->a, f->s.ws_id, &fun), RC_OK);
    struct funnel_status *sts;
    size_t nst;
    assert_int_equal(status_list(f->st, &f->a, f->s.ws_id, fun.id, &sts, &nst), RC_OK);
    assert_true(nst > 0);
    struct deal d = {.funnel_id = fun.id, .status_id = sts[0].id, .creator_id = f->s.member_id};
    assert_int_equal(deal_create(f->st, &f->a, f->s.ws_id, &d), RC_OK);
    struct attachment_owner deal = {.deal_id = d.id};
    struct attachment at, *list;
    size_t n;
    struct attachment_owner missing = {.deal_id = "AbCdEfGh12345678"};
    assert_int_not_equal(attachment_create(f->st, &f->a, f->s.ws_id, &missing, f->s.member_id, "x",
                                           "text/plain", "x", 1, NULL),
                         RC_OK);
    assert_int_equal(attachment_create(f->st, &f->a, f->s.ws_id, &deal, f->s.member_id, "d.txt",
                                       "text/plain", "deal", 4, &at),
                     RC_OK);
    char ids[64];
    snprintf(ids, sizeof(ids), "[\"%s\",\"other\"]", d.id);
    assert_int_equal(attachment_list_for_deals(f->st, &f->a, f->s.ws_id, ids, &list, &n), RC_OK);
    assert_int_equal(n, 1);
    assert_string_equal(list[0].id, at.id);
    assert_string_equal(list[0].owner.deal_id, d.id);
    assert_int_equal(list[0].owner.task_id, 0);
    assert_int_equal(attachment_list_for_tasks(f->st, &f->a, f->s.ws_id, "[0]", &list, &n), RC_OK);
    assert_int_equal(n, 0);
}

static void attachment_needs_exactly_one_owner(void **state)
{
    struct fx *f = *state;
    struct attachment_owner none = {0};
    assert_int_not_equal(attachment_create(f->st, &f->a, f->s.ws_id, &none, f->s.member_id, "x",
                                           "text/plain", "x", 1, NULL),
                         RC_OK);
}

/* Every named query answers as many columns on PostgreSQL as on SQLite, so one reader
 * serves both (a pg/ override that drifts from the SQLite text is caught here; sql_cell's
 * assert catches a reader past its query's columns in every debug run of the suite). Runs
 * the PostgreSQL half when WEEEKD_TEST_PG_URL names an admin URL. */
static void every_named_query_answers_the_same_columns_on_both_backends(void **state)
{
    (void)state;
    const char *admin = getenv("WEEEKD_TEST_PG_URL");
    if (!admin || !*admin)
        return;
    struct tl_store sq, pg;
    assert_int_equal(tl_store_open(&sq), RC_OK);
    char db[64], sql[128];
    snprintf(db, sizeof(db), "weeekd_columns_%ld", (long)getpid());
    snprintf(sql, sizeof(sql), "CREATE DATABASE \"%s\"", db);
    assert_true(tl_pg_admin_exec(admin, sql));
    tl_pg_url_with_db(admin, db, pg.url, sizeof(pg.url));
    assert_int_equal(tl_store_open_pool(&pg), RC_OK);
    struct store *a = store_acquire(sq.pool), *b = store_acquire(pg.pool);
    size_t checked = 0;
    for (int q = 0; q < Q__COUNT; q++) {
        size_t na = 0, nb = 0;
        assert_int_equal(store_columns(a, (enum sql_id)q, &na), RC_OK);
        assert_int_equal(store_columns(b, (enum sql_id)q, &nb), RC_OK);
        if (na != nb)
            fail_msg("query %s: %zu columns on SQLite, %zu on PostgreSQL", query_texts[q].name, na,
                     nb);
        assert_true(query_texts[q].reads ? na > 0 : true);
        checked++;
    }
    assert_int_equal(checked, Q__COUNT);
    store_release(sq.pool, a);
    store_release(pg.pool, b);
    tl_store_close_pool(&pg);
    tl_store_close(&sq);
    snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS \"%s\" WITH (FORCE)", db);
    tl_pg_admin_exec(admin, sql);
}

int main(void)
{
    jsonmem_install();
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(migrations_are_applied_and_recorded),
        T(reopening_does_not_reapply_migrations),
        T(pool_of_several_connections_opens),
        cmocka_unit_test(bad_urls_are_refused_with_a_reason),
        cmocka_unit_test(every_named_query_answers_the_same_columns_on_both_backends),
        T(workspace_create_get_find_first),
        T(workspace_missing_is_notfound),
        T(workspace_duplicate_title_is_conflict),
        T(member_add_get_find_list),
        T(member_name_may_be_one_word_or_absent),
        T(member_duplicate_email_is_conflict_per_workspace),
        T(member_of_other_workspace_is_notfound),
        T(member_of_missing_workspace_is_invalid),
        T(token_authenticates_to_its_workspace_and_member),
        T(token_unknown_is_notfound),
        T(token_revoked_is_notfound),
        T(token_issue_for_unknown_member_is_invalid),
        T(tag_create_get_list_update_delete),
        T(tag_of_other_workspace_is_notfound_and_unchanged),
        cmocka_unit_test(tag_default_color_is_stable_hex_from_palette),
        T(rollback_discards_writes),
        T(a_write_for_later_runs_at_once_on_sqlite),
        T(commit_keeps_writes_across_connections),
        T(rollback_after_conflict_leaves_connection_usable),
        T(read_transaction_sees_committed_rows),
        T(query_with_wrong_argument_count_is_internal),
        T(attachment_bytes_round_trip_and_stay_in_their_workspace),
        T(attachment_of_a_deal_is_listed_for_its_deal),
        T(attachment_needs_exactly_one_owner),
        T(one_statement_of_a_task_gives_each_relation_as_its_own_query),
    };
#undef T
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
