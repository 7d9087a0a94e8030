/* test_present.c — the writer presenters (issue 18 item 3) give exactly the bytes the
 * jansson presenters gave: a Task, a brief Task, a TimeEntry, an Attachment, a CustomField
 * and a Deal filled with every field set (strings needing escapes, U+2028, non-ASCII, emoji,
 * int64 extremes, reals from 1e-7 to DBL_MAX, custom field configs and values stored as
 * JSON text) and with every field empty (nulls, empty arrays), compared byte for byte with
 * present_golden.h: the jansson presenters' dump of these fixtures, recorded while both
 * presenters were in the tree and compared live (7dd2fcf). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <stdio.h>
#include <stdlib.h>

#include "testlib.h"
#include "present_golden.h"
#include "api/pipeline/call.h"
#include "api/pipeline/reply.h"
#include "api/present/attachment_json.h"
#include "api/present/custom_field_json.h"
#include "api/present/deal_json.h"
#include "api/present/task_json.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/jw.h"
#include "model/attachment.h"
#include "model/cf_value.h"
#include "model/custom_field.h"
#include "model/deal.h"
#include "model/task.h"
#include "model/time_entry.h"

/* every string the fixtures hold: each needs something of the escaper */
#define NASTY \
    "q\"uo\\te/ \b\f\n\r\t\x01\x1f\x7f \xe2\x80\xa8\xe2\x80\xa9 caf\xc3\xa9 \xf0\x9f\x98\x80"

static struct arena A;
static struct request REQ;
static struct call C;

static int setup(void **state)
{
    (void)state;
    jsonmem_install();
    arena_init(&A, 0);
    arena_set_current(&A);
    memset(&REQ, 0, sizeof(REQ));
    REQ.host = "api.example.test:8080";
    REQ.forwarded_proto = "https";
    memset(&C, 0, sizeof(C));
    C.a = &A;
    C.req = &REQ;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    arena_set_current(NULL);
    arena_reset(&A);
    return 0;
}

static struct custom_field_option OPTIONS[] = {
    {"0b5e6c1e-0000-4000-8000-000000000001", "f", NASTY, "#ff0000", 0},
    {"0b5e6c1e-0000-4000-8000-000000000002", "f", "", "", 1},
};

static struct custom_field FIELDS[] = {
    {.id = "f1",
     .name = NASTY,
     .type = "select",
     .config = "{\"min\":1e-7,\"max\":1.7976931348623157e308,\"step\":0.30000000000000004,"
               "\"big\":9223372036854775807,\"small\":-9223372036854775808,\"label\":\"a\\u2028"
               "b\\u00e9\\/\",\"list\":[1,2.5,true,false,null,{}],\"x\":100.01}",
     .options = OPTIONS,
     .noptions = 2},
    {.id = "f2", .name = NULL, .type = "text", .config = NULL, .options = NULL, .noptions = 0},
    {.id = "f3", .name = "bad config", .type = "number", .config = "{not json", .noptions = 0},
};

static struct cf_entry ENTRIES[] = {
    {&FIELDS[0], "[\"0b5e6c1e-0000-4000-8000-000000000001\"]"},
    {&FIELDS[1], "\"text \\\"q\\\" \\n \\u0001 \xf0\x9f\x98\x80\""},
    {&FIELDS[2], "-1.5e-300"},
    {&FIELDS[1], "0.1"},
    {&FIELDS[1], "12345678901234567"},
    {&FIELDS[1], NULL},
    {&FIELDS[1], "not json"},
    {&FIELDS[1], "null"},
};

static struct attachment FILES[] = {
    {.id = "a0000000-0000-4000-8000-000000000001",
     .creator_id = "c0000000-0000-4000-8000-000000000001",
     .name = NASTY,
     .size = INT64_MAX,
     .created_at = 1765000000123},
    {.id = "a0000000-0000-4000-8000-000000000002",
     .creator_id = "c0000000-0000-4000-8000-000000000002",
     .name = "",
     .size = 0,
     .created_at = 0},
};

static struct time_entry ENTRIES_TIME[] = {
    {.id = "e0000000-0000-4000-8000-000000000001",
     .member_id = "m0000000-0000-4000-8000-000000000001",
     .type = 1,
     .is_overtime = true,
     .day = 20000,
     .duration = 1440},
    {.id = "e0000000-0000-4000-8000-000000000002",
     .member_id = "m0000000-0000-4000-8000-000000000002",
     .type = 2,
     .is_overtime = false,
     .day = 0,
     .duration = 1},
};

static struct task_location LOCS[] = {
    {INT64_MAX, 7, 9},
    {1, TASK_NONE, TASK_NONE},
};
static const char *PEOPLE[] = {"m0000000-0000-4000-8000-000000000001", NASTY};
static int64_t TAGS[] = {INT64_MAX, INT64_MIN, -1, 0, 1};
static int64_t SUBTASKS[] = {2, 3};

/* the full task's due day, 2024-10-04: the only field that moves with the clock is its
 * overdue (today - DUE_DAY) */
#define DUE_DAY 20000

/* every field set; overdue */
static struct task full_task(void)
{
    return (struct task){
        .id = INT64_MAX,
        .parent_id = INT64_MIN + 1,
        .title = NASTY,
        .description = "<p>" NASTY "</p>",
        .type = "action",
        .priority = 3,
        .duration = 0,
        .is_private = true,
        .completed_at = TASK_NONE,
        .author_id = "m0000000-0000-4000-8000-000000000001",
        .start_day = DUE_DAY - 7,
        .start_sec = 0,
        .due_day = DUE_DAY,
        .due_sec = 86399,
        .created_at = 1765000000999,
        .updated_at = -1000,
        .locations = LOCS,
        .nlocations = 2,
        .assignees = PEOPLE,
        .nassignees = 2,
        .watchers = PEOPLE,
        .nwatchers = 2,
        .tags = TAGS,
        .ntags = ARRAY_LEN(TAGS),
        .subtasks = SUBTASKS,
        .nsubtasks = 2,
        .time_entries = ENTRIES_TIME,
        .ntime_entries = 2,
        .attachments = FILES,
        .nattachments = 2,
        .custom_fields = ENTRIES,
        .ncustom_fields = ARRAY_LEN(ENTRIES),
    };
}

/* nothing set: every null and empty array */
static struct task empty_task(void)
{
    return (struct task){
        .id = 1,
        .parent_id = TASK_NONE,
        .type = "meet",
        .priority = TASK_NONE,
        .duration = TASK_NONE,
        .is_completed = true,
        .is_deleted = true,
        .completed_at = 0,
        .start_day = TASK_NONE,
        .start_sec = TASK_NONE,
        .due_day = 20000,
        .due_sec = TASK_NONE,
        .created_at = TASK_NONE,
        .updated_at = TASK_NONE,
    };
}

static const char *written_text(write_fn write, const void *item)
{
    struct jw w;
    const char *out;
    size_t n;
    jw_init(&w, &A);
    write(&w, &C, item);
    assert_int_equal(jw_finish(&w, &out, &n), RC_OK);
    assert_int_equal(strlen(out), n);
    if (getenv("PRESENT_PRINT"))
        printf("%s\n", out);
    return out;
}

/* GOLDEN[i] with the full task's overdue days of today */
static const char *golden(size_t i)
{
    int64_t today;
    date_from_unix_ms(clock_now_ms(), &today, NULL);
    char days[24];
    snprintf(days, sizeof(days), "%lld", (long long)(today - DUE_DAY));
    struct buf b;
    buf_init(&b, &A, 0);
    assert_true(i < ARRAY_LEN(GOLDEN));
    for (const char *p = GOLDEN[i], *at; *p; p = at + 9) {
        at = strstr(p, "@OVERDUE@");
        if (!at) {
            buf_puts(&b, p);
            break;
        }
        buf_append(&b, p, (size_t)(at - p));
        buf_puts(&b, days);
    }
    return b.ptr;
}

/* the next check's expected bytes: each test starts at its own index */
static size_t next;

static void same(write_fn write, const void *item)
{
    const char *want = golden(next++);
    const char *got = written_text(write, item);
    if (strcmp(got, want) != 0)
        fail_msg("check %zu, writer:\n%s\nrecorded:\n%s", next - 1, got, want);
}

static void task_with_every_field_matches(void **state)
{
    (void)state;
    next = 0;
    struct task t = full_task();
    same(task_write, &t);
    same(task_brief_write, &t);
    /* completed, with a due day in the future: overdue 0; the legacy time fields set */
    t.is_completed = true;
    t.completed_at = 1765000000000;
    t.due_day = 2932896; /* 9999-12-31 */
    t.start_sec = 3600 * 13 + 60 * 7;
    same(task_write, &t);
}

static void task_with_nothing_set_matches(void **state)
{
    (void)state;
    next = 3;
    struct task t = empty_task();
    same(task_write, &t);
    same(task_brief_write, &t);
}

static void parts_match(void **state)
{
    (void)state;
    next = 5;
    for (size_t i = 0; i < ARRAY_LEN(ENTRIES_TIME); i++)
        same(time_entry_write, &ENTRIES_TIME[i]);
    for (size_t i = 0; i < ARRAY_LEN(FILES); i++)
        same(attachment_write, &FILES[i]);
    for (size_t i = 0; i < ARRAY_LEN(FIELDS); i++)
        same(custom_field_write, &FIELDS[i]);
    /* an attachment's url without a usable Host header names the listen address */
    REQ.host = "evil/host";
    REQ.forwarded_proto = NULL;
    REQ.local_addr = "127.0.0.1:1";
    same(attachment_write, &FILES[0]);
}

static void deals_match(void **state)
{
    (void)state;
    next = 13;
    static const double amounts[] = {
        100.01, 1e-7, 1.7976931348623157e308, 0.1 + 0.2, -0.0,   0,
        -42.5,  1e17, 123456789.125,          1e-300,    5e-324, 99999999999999.99};
    struct task tasks[2] = {full_task(), empty_task()};
    const char *people[] = {"p1", NASTY, "p3"};
    struct deal d = {
        .id = "d1",
        .funnel_id = "fu1",
        .status_id = "st1",
        .creator_id = "m1",
        .title = NASTY,
        .description = "<b>" NASTY "</b>",
        .win_status = "won",
        .has_amount = true,
        .created_at = 1765000000000,
        .updated_at = 1765000001000,
        .assignees = people,
        .nassignees = 3,
        .contacts = people,
        .ncontacts = 1,
        .organizations = people + 1,
        .norganizations = 2,
        .tags = TAGS,
        .ntags = ARRAY_LEN(TAGS),
        .tasks = tasks,
        .ntasks = 2,
        .attachments = FILES,
        .nattachments = 2,
        .custom_fields = ENTRIES,
        .ncustom_fields = ARRAY_LEN(ENTRIES),
    };
    for (size_t i = 0; i < ARRAY_LEN(amounts); i++) {
        d.amount = amounts[i];
        same(deal_write, &d);
    }
    struct deal empty = {.id = "d2",
                         .funnel_id = "fu1",
                         .status_id = "st1",
                         .creator_id = "m1",
                         .created_at = 0,
                         .updated_at = 0};
    same(deal_write, &empty);
}

/* What the reply costs beyond the rows: arena bytes reply_success takes, against the body it
 * gives; the issue's aim is at most 3 times (the writer's bound is 2.5). With
 * PRESENT_PRINT set, also what a jansson tree of the same text and its dump took (the tree
 * parsed from the text: about the nodes the jansson presenters built). */
static void reply_memory_is_at_most_three_times_its_text(void **state)
{
    (void)state;
    static const size_t counts[] = {1, 2, 10, 50, 200};
    struct task *tasks = arena_calloc(&A, 200, sizeof(*tasks));
    assert_non_null(tasks);
    for (size_t i = 0; i < 200; i++)
        tasks[i] = i % 2 ? full_task() : empty_task();
    for (size_t k = 0; k <= ARRAY_LEN(counts); k++) {
        struct response resp = {0};
        C.page = (struct call_items){0};
        C.payload = NULL;
        if (k == ARRAY_LEN(counts))
            call_write(&C, &tasks[1], sizeof(tasks[1]), task_write);
        else
            call_write_page(&C, tasks, counts[k], sizeof(*tasks), task_write, "hasMore", false);
        size_t before = A.used;
        reply_success(&C, "tasks", true, &resp);
        assert_int_equal(resp.status, 200);
        size_t took = A.used - before;
        if (took > 3 * resp.body_len)
            fail_msg("%zu bytes of reply took %zu bytes", resp.body_len, took);
        if (getenv("PRESENT_PRINT")) {
            before = A.used;
            json_t *tree = json_loadb(resp.body, resp.body_len, 0, NULL);
            struct buf b;
            buf_init(&b, &A, 0);
            assert_int_equal(jsonmem_dump(tree, JSON_COMPACT, &b), RC_OK);
            printf("reply of %zu bytes: writer %zu bytes (%.2fx), jansson tree and dump %zu "
                   "bytes (%.1fx)\n",
                   resp.body_len, took, (double)took / (double)resp.body_len, A.used - before,
                   (double)(A.used - before) / (double)resp.body_len);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(task_with_every_field_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(task_with_nothing_set_matches, setup, teardown),
        cmocka_unit_test_setup_teardown(parts_match, setup, teardown),
        cmocka_unit_test_setup_teardown(deals_match, setup, teardown),
        cmocka_unit_test_setup_teardown(reply_memory_is_at_most_three_times_its_text, setup,
                                        teardown),
    };
    return cmocka_run_group_tests_name("present", tests, NULL, NULL);
}
