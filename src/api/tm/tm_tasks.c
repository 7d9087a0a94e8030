/* tm_tasks.c — /tm/tasks/{id}: create, get, update, delete, complete, un-complete.
 * The rules are docs/internals/tasks.md "Operations"; the decisions worth repeating:
 * PUT is partial and ignores description, assignees, userId and isCompleted (as live,
 * tm-notes §2.7); every write to a deleted task is 404 (GET still shows it); a blank
 * description is null and text is stored as HTML, as live. */
#include "api/pipeline/handlers.h"
#include "api/tm/tm_tasks.h"
#include "api/tm/tm_tasks_shared.h"
#include "api/fields/cf_value.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/common.h"

static const char *const TYPES[] = {"action", "meet", "call", NULL};
static const struct place_fields LEGACY = {"projectId", "boardId", "boardColumnId"};

static void task_init(struct task *t)
{
    memset(t, 0, sizeof(*t));
    t->parent_id = t->priority = t->duration = t->completed_at = TASK_NONE;
    t->start_day = t->start_sec = t->due_day = t->due_sec = TASK_NONE;
    t->type = "action";
}

/* spec (createTask notes): the description is stored as HTML; plain text becomes one
 * escaped paragraph, text that starts with a tag is kept as sent */
static const char *as_html(struct call *c, const char *text)
{
    if (!text || text[0] == '<')
        return text;
    struct buf b;
    buf_init(&b, c->a, 0);
    int rc = buf_puts(&b, "<p>");
    for (const char *p = text; !rc && *p; p++) {
        const char *esc = *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;" : NULL;
        rc = esc ? buf_puts(&b, esc) : buf_append(&b, p, 1);
    }
    if (!rc)
        rc = buf_puts(&b, "</p>");
    if (rc) {
        call_fail(c, rc, NULL);
        return NULL;
    }
    return b.ptr;
}

/* One date of a task: `date` (Y-m-d) or `date_time` (ISO 8601), never both. On create
 * (partial false) absent and null mean unset; on update absent keeps and null or blank
 * clears (tm-notes §2.7). */
static void read_date(struct call *c, const char *date, const char *date_time, int64_t *day,
                      int64_t *sec)
{
    int64_t d, s;
    enum input_state a = input_date(c, date, IN_NULLABLE, &d);
    enum input_state b = input_datetime(c, date_time, IN_NULLABLE, &d, &s);
    if (a == IN_VALUE && b == IN_VALUE) {
        call_invalid(c, date_time, "The %s field cannot be combined with %s.",
                     input_attr(c, date_time), input_attr(c, date));
        return;
    }
    if (b == IN_VALUE) {
        *day = d;
        *sec = s;
    } else if (a == IN_VALUE) {
        *day = d;
        *sec = TASK_NONE;
    } else if ((a == IN_NULL && b != IN_BAD) || (b == IN_NULL && a != IN_BAD)) {
        *day = *sec = TASK_NONE;
    }
}

/* spec: tm-notes §2.8, §6 item 7 — `day`, the 2022-23 field the vendor PHP client still
 * sends on create ("28.11.2026"). Decision: dd.mm.yyyy or Y-m-d, taken as the task's
 * scheduled (due) day without a time, which the legacy `date` field echoes and the list's
 * `day` filter finds; a dueDate or dueDateTime sent beside it wins. */
static void read_legacy_day(struct call *c, struct task *t)
{
    const char *v;
    if (input_string(c, "day", IN_NULLABLE, 0, &v) != IN_VALUE)
        return;
    if (c->body && (json_object_get(c->body, "dueDate") || json_object_get(c->body, "dueDateTime")))
        return;
    int64_t d;
    size_t n = strlen(v);
    if (date_parse_dmy(v, n, &d) == 0 || date_parse_ymd(v, n, &d) == 0) {
        t->due_day = d;
        t->due_sec = TASK_NONE;
        return;
    }
    call_invalid(c, "day", "The day does not match the format d.m.Y.");
}

/* The fields create and update share. */
static void read_common(struct call *c, struct task *t)
{
    int64_t v;
    enum input_state st = input_int(c, "priority", IN_NULLABLE, 0, 3, &v);
    if (st == IN_VALUE || st == IN_NULL)
        t->priority = st == IN_VALUE ? v : TASK_NONE;
    st = input_int(c, "duration", IN_NULLABLE, 0, INT32_MAX, &v);
    if (st == IN_VALUE || st == IN_NULL)
        t->duration = st == IN_VALUE ? v : TASK_NONE;
    input_enum(c, "type", IN_NULLABLE, TYPES, &t->type); /* null: ignored, as live */
    input_bool(c, "isPrivate", 0, &t->is_private);
    read_date(c, "startDate", "startDateTime", &t->start_day, &t->start_sec);
    read_date(c, "dueDate", "dueDateTime", &t->due_day, &t->due_sec);
    read_legacy_day(c, t);
}

/* tags: every id a tag of this workspace ("tags.N" otherwise) */
static enum input_state read_tags(struct call *c, int64_t **tags, size_t *n)
{
    enum input_state st = input_ids(c, "tags", IN_NULLABLE, tags, n, NULL);
    if (st == IN_NULL)
        *n = 0;
    if (st == IN_VALUE)
        input_refs(c, REF_TAG, "tags", *tags, *n, NULL);
    return st;
}

/* The legacy top-level projectId/boardId/boardColumnId, if any was sent: *has tells. */
static int read_legacy_place(struct call *c, bool *has, struct task_location *loc)
{
    int64_t p = TASK_NONE, b = TASK_NONE, col = TASK_NONE;
    enum input_state sp = input_id(c, "projectId", IN_NULLABLE, &p);
    enum input_state sb = input_id(c, "boardId", IN_NULLABLE, &b);
    enum input_state sc = input_id(c, "boardColumnId", IN_NULLABLE, &col);
    *has = sp == IN_VALUE || sb == IN_VALUE || sc == IN_VALUE;
    if (!*has || sp == IN_BAD || sb == IN_BAD || sc == IN_BAD)
        return RC_OK;
    int rc = task_resolve_place(c, &LEGACY, p, b, col, loc);
    return rc == RC_INVALID ? RC_OK : rc;
}

/* locations[]: {projectId, boardColumnId?}, each project once */
static int read_locations(struct call *c, struct task *t)
{
    json_t *arr;
    if (input_objects(c, "locations", IN_NULLABLE, &arr) != IN_VALUE) {
        bool has;
        struct task_location loc;
        int rc = read_legacy_place(c, &has, &loc);
        if (!rc && has && !call_check(c)) {
            t->locations = arena_alloc(c->a, sizeof(loc));
            if (!t->locations)
                return RC_NOMEM;
            t->locations[0] = loc;
            t->nlocations = 1;
        }
        return rc;
    }
    size_t n = json_array_size(arr);
    t->locations = arena_calloc(c->a, n ? n : 1, sizeof(*t->locations));
    if (!t->locations)
        return RC_NOMEM;
    for (size_t i = 0; i < n; i++) {
        struct input_scope saved;
        if (!input_enter(c, "locations", i, json_array_get(arr, i), &saved))
            continue;
        int64_t project = TASK_NONE, column = TASK_NONE;
        bool ok = input_id(c, "projectId", IN_REQUIRED, &project) == IN_VALUE;
        ok = input_id(c, "boardColumnId", IN_NULLABLE, &column) != IN_BAD && ok;
        /* inside the scope errors get the "locations.N." prefix by themselves */
        const struct place_fields f = {"projectId", NULL, "boardColumnId"};
        struct task_location loc;
        int rc = ok ? task_resolve_place(c, &f, project, TASK_NONE, column, &loc) : RC_INVALID;
        for (size_t k = 0; !rc && k < t->nlocations; k++)
            if (t->locations[k].project_id == loc.project_id)
                rc = call_invalid(c, f.project, "The %s field has a duplicate value.",
                                  input_attr(c, "projectId"));
        input_leave(c, &saved);
        if (!rc)
            t->locations[t->nlocations++] = loc;
        else if (rc != RC_INVALID)
            return rc;
    }
    return RC_OK;
}

/* userId then assignees[], without repeats, each a member */
static int read_assignees(struct call *c, struct task *t)
{
    const char *user = NULL, **list = NULL;
    size_t n = 0;
    enum input_state su = input_uuid(c, "userId", IN_NULLABLE, &user);
    input_uuids(c, "assignees", IN_NULLABLE, &list, &n, NULL);
    int rc = su == IN_VALUE ? input_ref(c, REF_MEMBER, "userId", &user) : RC_OK;
    if (!rc)
        rc = input_refs(c, REF_MEMBER, "assignees", list, n, NULL);
    if (rc)
        return rc;
    t->assignees = arena_calloc(c->a, n + 1, sizeof(char *));
    if (!t->assignees)
        return RC_NOMEM;
    if (su == IN_VALUE)
        t->assignees[t->nassignees++] = user;
    for (size_t i = 0; i < n; i++)
        if (!user || strcmp(list[i], user) != 0)
            t->assignees[t->nassignees++] = list[i];
    return RC_OK;
}

int task_create_from_body(struct call *c, int64_t *id)
{
    struct task t;
    task_init(&t);
    t.author_id = c->user_id;
    const char *description = NULL;
    input_string(c, "title", IN_NULLABLE, TASK_TITLE_MAX, &t.title);
    input_string(c, "description", IN_NULLABLE | IN_LONG, TASK_DESC_MAX, &description);
    read_common(c, &t);
    int64_t parent;
    if (input_id(c, "parentId", IN_NULLABLE, &parent) == IN_VALUE) {
        struct task p;
        int rc = task_get_live(c->st, c->a, c->ws_id, parent, &p);
        if (!rc)
            rc = task_fill_related(c->st, c->a, c->ws_id, &p, 1);
        if (rc == RC_NOTFOUND)
            input_invalid_id(c, "parentId");
        else if (rc)
            return rc;
        else if (p.nsubtasks >= TASK_SUBTASKS_MAX)
            call_invalid(c, "parentId", "The subtasks must not have more than %d items.",
                         TASK_SUBTASKS_MAX);
        t.parent_id = parent;
    }
    read_tags(c, &t.tags, &t.ntags);
    int rc = read_assignees(c, &t);
    if (!rc)
        rc = read_locations(c, &t);
    if (!rc)
        rc = call_check(c);
    if (rc)
        return rc;
    t.description = as_html(c, description);
    /* the bound is on what is kept: escaping can make the HTML 5 times the text */
    if (t.description && input_json_len(t.description, strlen(t.description)) > TASK_DESC_MAX)
        call_invalid(c, "description", "The description must not be greater than %d bytes.",
                     TASK_DESC_MAX);
    rc = call_check(c);
    if (!rc)
        rc = task_create(c->st, c->a, c->ws_id, &t);
    /* after the insert: the task's locations decide which fields apply */
    if (!rc)
        rc = cf_apply_task(c, t.id);
    if (!rc)
        *id = t.id;
    return rc;
}

int tm_tasks_create(struct call *c)
{
    int64_t id;
    int rc = task_create_from_body(c, &id);
    return rc ? rc : task_reply(c, id);
}

int tm_tasks_get(struct call *c)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    return rc ? rc : task_reply(c, id);
}

int tm_tasks_update(struct call *c)
{
    struct task t;
    int rc = task_from_path(c, "id", &t);
    if (rc)
        return rc;
    const char *title;
    enum input_state st = input_string(c, "title", IN_NULLABLE, TASK_TITLE_MAX, &title);
    if (st == IN_VALUE || st == IN_NULL)
        t.title = st == IN_VALUE ? title : NULL;
    read_common(c, &t);
    int64_t *tags;
    size_t ntags = 0;
    enum input_state stags = read_tags(c, &tags, &ntags);
    bool move;
    struct task_location loc;
    rc = read_legacy_place(c, &move, &loc);
    if (!rc)
        rc = call_check(c);
    if (!rc)
        rc = task_update_fields(c->st, c->ws_id, &t);
    if (!rc && (stags == IN_VALUE || stags == IN_NULL))
        rc = task_set_tags(c->st, c->ws_id, t.id, tags, ntags);
    if (!rc && move) {
        rc = task_fill_related(c->st, c->a, c->ws_id, &t, 1);
        /* a project alone that the task is already in changes nothing (it would otherwise
         * take the task off its board) */
        bool stay = false;
        for (size_t i = 0; loc.board_id == TASK_NONE && i < t.nlocations; i++)
            stay = stay || t.locations[i].project_id == loc.project_id;
        if (!rc && !stay)
            rc = task_move_primary(c, &t, &loc, 0, 0);
    }
    /* Decision (custom_fields.md): values are checked against the fields that apply after
     * this request's move, so one PUT can move a task and fill its new project's fields */
    if (!rc)
        rc = cf_apply_task(c, t.id);
    return rc ? rc : task_reply(c, t.id);
}

int tm_tasks_delete(struct call *c)
{
    struct task t;
    int rc = task_from_path(c, "id", &t);
    return rc ? rc : task_delete(c->st, c->a, c->ws_id, t.id);
}

/* complete / un-complete: the route's argument is the new state */
int tm_tasks_set_completed(struct call *c)
{
    bool completed = call_arg(c);
    struct task t;
    int rc = task_from_path(c, "id", &t);
    /* idempotent: completing a completed task keeps its completedAt */
    if (!rc && t.is_completed != completed)
        rc = task_set_completed(c->st, c->ws_id, t.id, completed);
    return rc;
}
