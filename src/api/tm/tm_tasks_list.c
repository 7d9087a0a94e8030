/* tm_tasks_list.c — GET /tm/tasks: reads and checks the filters of the query string,
 * asks model/task_list.c for one page, loads the page's related arrays and answers
 * `tasks` plus `hasMore`. Contract: docs/internals/tasks.md, "The task list". No SQL and
 * no status codes here. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/present/task_json.h"
#include "core/clock.h"
#include "core/date.h"
#include "core/str.h"
#include "model/board.h"
#include "model/project.h"
#include "model/task_list.h"

#include "core/common.h"

#define MS_PER_DAY ((int64_t)DATE_SECONDS_PER_DAY * 1000)

static const char *const TYPES[] = {"action", "meet", "call", NULL};

static const struct {
    const char *name;
    enum task_list_sort sort;
} SORTS[] = {
    {"name", TL_SORT_NAME},         {"type", TL_SORT_TYPE},       {"priority", TL_SORT_PRIORITY},
    {"duration", TL_SORT_DURATION}, {"overdue", TL_SORT_OVERDUE}, {"created", TL_SORT_CREATED},
    {"date", TL_SORT_DATE},         {"start", TL_SORT_START},
};

/* The query value of name, trimmed; NULL when absent or blank (Laravel's TrimStrings and
 * ConvertEmptyStringsToNull make a blank parameter absent). */
static const char *param(struct call *c, const char *name)
{
    const char *v = NULL;
    enum input_state st = input_string(c, name, 0, 0, &v);
    return st == IN_VALUE ? v : NULL;
}

/* spec: tm-notes §2.6 — `completed` and `all` are 0/1 on the wire; true/false are 422 */
static enum input_state read_flag(struct call *c, const char *name, bool *out)
{
    const char *v = param(c, name);
    if (!v)
        return IN_ABSENT;
    if (strcmp(v, "0") && strcmp(v, "1")) {
        call_invalid(c, name, "The %s field must be true or false.", input_attr(c, name));
        return IN_BAD;
    }
    *out = v[0] == '1';
    return IN_VALUE;
}

/* A day in dd.mm.yyyy (and, for `day`, also Y-m-d: tm-notes §2.8) as a day number. */
static enum input_state read_day(struct call *c, const char *name, bool ymd_too, int64_t *out)
{
    const char *v = param(c, name);
    if (!v)
        return IN_ABSENT;
    size_t n = strlen(v);
    if (date_parse_dmy(v, n, out) == 0 || (ymd_too && date_parse_ymd(v, n, out) == 0))
        return IN_VALUE;
    call_invalid(c, name, "The %s does not match the format d.m.Y.", input_attr(c, name));
    return IN_BAD;
}

/* an id filter must name an object of this workspace: else 422, never an empty page
 * (tm-notes §2.6) */
static void check_ref(struct call *c, const char *name, int rc)
{
    if (rc == RC_NOTFOUND)
        input_invalid_id(c, name);
    else if (rc)
        call_fail(c, rc, NULL);
}

static void read_places(struct call *c, struct task_filter *f)
{
    if (input_id(c, "projectId", 0, &f->project_id) == IN_VALUE) {
        struct project p;
        check_ref(c, "projectId", project_get(c->st, c->a, c->ws_id, f->project_id, &p));
    }
    if (input_id(c, "boardId", 0, &f->board_id) == IN_VALUE) {
        struct board b;
        check_ref(c, "boardId", board_get(c->st, c->a, c->ws_id, f->board_id, &b));
    }
    if (input_id(c, "boardColumnId", 0, &f->column_id) == IN_VALUE) {
        struct board_column col;
        check_ref(c, "boardColumnId", column_get(c->st, c->a, c->ws_id, f->column_id, &col));
    }
}

/* userId: any assignee; member ids are stored lower-case */
static void read_user(struct call *c, struct task_filter *f)
{
    const char *v = param(c, "userId");
    if (!v)
        return;
    char *id = arena_strdup(c->a, v);
    if (!id) {
        call_fail(c, RC_NOMEM, NULL);
        return;
    }
    for (char *p = id; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    const char *ids[] = {id};
    input_ref(c, REF_MEMBER, "userId", ids);
    f->user_id = id;
}

/* tags[]=1&tags[]=2 (also tags[0]= and repeated tags=): each a tag of the workspace, errors
 * keyed tags.N as Laravel keys array items, a blank item left out; every well-formed id is
 * looked up even when another item was malformed */
static void read_tags(struct call *c, struct task_filter *f)
{
    if (input_count(c, "tags") > TASK_LIST_TAGS_MAX) {
        call_invalid(c, "tags", "The tags must not have more than %d items.", TASK_LIST_TAGS_MAX);
        return;
    }
    int64_t *ids = NULL;
    size_t n = 0, *at = NULL;
    input_ids(c, "tags", 0, &ids, &n, &at);
    if (n && input_refs(c, REF_TAG, "tags", ids, n, at))
        return;
    f->tags = ids;
    f->ntags = n;
}

static void read_sort(struct call *c, struct task_filter *f)
{
    const char *v = param(c, "sortBy");
    if (!v)
        return;
    bool desc = v[0] == '-';
    for (size_t i = 0; i < ARRAY_LEN(SORTS); i++)
        if (strcmp(v + desc, SORTS[i].name) == 0) {
            f->sort = SORTS[i].sort;
            f->desc = desc;
            return;
        }
    call_invalid(c, "sortBy", "The selected sort by is invalid.");
}

/* day, startDate+endDate and completedAtFrom/To */
static void read_dates(struct call *c, struct task_filter *f)
{
    int64_t day, from, to;
    if (read_day(c, "day", true, &day) == IN_VALUE)
        f->span_from = f->span_to = day;
    enum input_state s = read_day(c, "startDate", false, &from);
    enum input_state e = read_day(c, "endDate", false, &to);
    /* Laravel's required_with: each names the other */
    if (s == IN_VALUE && e == IN_ABSENT)
        call_invalid(c, "endDate", "The end date field is required when start date is present.");
    if (e == IN_VALUE && s == IN_ABSENT)
        call_invalid(c, "startDate", "The start date field is required when end date is present.");
    if (s == IN_VALUE && e == IN_VALUE) {
        /* Decision: a period that ends before it starts is refused like completedAtTo */
        if (to < from)
            call_invalid(c, "endDate", "The end date must be a date after or equal to start date.");
        /* both `day` and a period: tasks that meet both */
        int64_t lo = f->span_from == TASK_NONE || from > f->span_from ? from : f->span_from;
        int64_t hi = f->span_to == TASK_NONE || to < f->span_to ? to : f->span_to;
        f->span_from = lo;
        f->span_to = hi;
    }
    s = read_day(c, "completedAtFrom", false, &from);
    e = read_day(c, "completedAtTo", false, &to);
    if (s == IN_VALUE)
        f->completed_from_ms = from * MS_PER_DAY;
    if (e == IN_VALUE)
        f->completed_before_ms = (to + 1) * MS_PER_DAY; /* inclusive UTC day */
    if (s == IN_VALUE && e == IN_VALUE && to < from)
        call_invalid(c, "completedAtTo",
                     "The completed at to must be a date after or equal to completed at from.");
}

int tm_tasks_list(struct call *c)
{
    struct task_filter f;
    task_filter_init(&f);
    bool all = false, completed = false;
    read_flag(c, "all", &all);
    enum input_state has_completed = read_flag(c, "completed", &completed);
    read_places(c, &f);
    read_user(c, &f);
    const char *type = param(c, "type");
    if (type) {
        size_t i = 0;
        while (TYPES[i] && strcmp(type, TYPES[i]))
            i++;
        if (TYPES[i])
            f.type = TYPES[i];
        else
            call_invalid(c, "type", "The selected type is invalid.");
    }
    input_int(c, "priority", 0, 0, 3, &f.priority);
    read_tags(c, &f);
    input_string(c, "search", 0, 255, &f.search);
    read_dates(c, &f);
    read_sort(c, &f);
    input_int(c, "perPage", 0, 1, TASK_LIST_PER_PAGE_MAX, &f.limit);
    input_int(c, "offset", 0, 0, INT32_MAX, &f.offset);
    int rc = call_check(c);
    if (rc)
        return rc;

    /* Default: neither deleted nor completed (the spec's `all` "include deleted and
     * completed tasks" implies both are hidden); all=1 shows everything and ignores
     * `completed`. Decision: a completedAt filter without `completed` means completed
     * tasks (open ones have no completion day to match). */
    if (all)
        f.state = TL_EVERY;
    else if (has_completed == IN_VALUE)
        f.state = completed ? TL_COMPLETED : TL_OPEN;
    else if (f.completed_from_ms != TASK_NONE || f.completed_before_ms != TASK_NONE)
        f.state = TL_COMPLETED;
    date_from_unix_ms(clock_now_ms(), &f.today, NULL);

    struct task *tasks;
    size_t n;
    bool more;
    rc = task_list(c->st, c->a, c->ws_id, &f, &tasks, &n, &more);
    if (!rc)
        rc = task_fill_related(c->st, c->a, c->ws_id, tasks, n);
    return rc ? rc : call_write_page(c, tasks, n, sizeof(*tasks), task_write, "hasMore", more);
}
