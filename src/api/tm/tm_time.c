/* tm_time.c — time entries and timers of a task: POST/PUT/DELETE
 * /tm/tasks/{task_id}/time-entries[/{time_entry_id}], POST /tm/tasks/{id}/start-timer and
 * /stop-timer. The task must be a live task of the workspace (else 404, before any
 * validation, as Laravel binds the route model first); an entry of another task, another
 * workspace or a malformed id is 404 too. Timers belong to the token's member. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/present/task_json.h"
#include "api/tm/tm_tasks_shared.h"
#include "model/task.h"
#include "model/time_entry.h"
#include "model/timer.h"
#include "model/workspace.h"
#include "core/clock.h"
#include "core/rand.h"
#include <stdio.h>
#include "core/common.h"

/* the live task named by path parameter param */
/* the task and the entry named by the path. Decision: the id is matched ignoring ASCII
 * case, as a uuid column compares on the live API's databases; ids are stored lower case. */
static int load_entry(struct call *c, struct task *t, struct time_entry *e)
{
    int rc = task_from_path(c, "task_id", t);
    if (rc)
        return rc;
    struct str id = call_param(c, "time_entry_id");
    /* longer than a uuid cannot name an entry and is not worth a query */
    if (id.len == 0 || id.len > UUID_LEN || memchr(id.ptr, '\0', id.len))
        return RC_NOTFOUND;
    const char *s = arena_strndup_lower(c->a, id.ptr, id.len);
    if (!s)
        return RC_NOMEM;
    return time_entry_get(c->st, c->a, c->ws_id, t->id, s, e);
}

/* input_date, except that a value of another JSON type also gets the date_format message
 * (Laravel's date_format rule fails a number or an array with it, rather than asking for a
 * string), so a client sees one wording for every malformed date. */
static enum input_state input_ymd(struct call *c, const char *field, unsigned flags, int64_t *day)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    if (v && !json_is_null(v) && !json_is_string(v)) {
        call_invalid(c, field, "The %s does not match the format Y-m-d.", input_attr(c, field));
        return IN_BAD;
    }
    return input_date(c, field, flags, day);
}

/* The body of create (flags IN_REQUIRED) or update (IN_NOTNULL: each field optional but
 * not null) into e; fields that are absent keep e's values. */
static int read_entry(struct call *c, unsigned flags, struct time_entry *e)
{
    const char *user;
    /* a malformed uuid is "The selected user id is invalid." too: it names nobody */
    if (input_uuid(c, "userId", flags, &user) == IN_VALUE) {
        struct member m;
        int rc = member_get(c->st, c->a, c->ws_id, user, &m);
        if (rc == RC_NOTFOUND)
            input_invalid_id(c, "userId");
        else if (rc)
            return call_fail(c, rc, NULL);
        else
            e->member_id = m.id;
    }
    input_bool(c, "isOvertime", flags, &e->is_overtime);
    input_ymd(c, "date", flags, &e->day);
    input_int(c, "duration", flags, 1, TIME_ENTRY_MAX_MIN, &e->duration);
    return call_check(c);
}

/* RC_OK while task t can take one more entry, else the cap's 422 on field */
static int room_for_an_entry(struct call *c, const struct task *t, const char *field)
{
    char ids[32];
    snprintf(ids, sizeof(ids), "[%lld]", (long long)t->id);
    struct time_entry *have;
    size_t n;
    int rc = time_entry_list_for(c->st, c->a, c->ws_id, ids, &have, &n);
    if (rc || n < TIME_ENTRIES_MAX)
        return rc;
    return call_invalid(c, field, "The time entries must not have more than %d items.",
                        TIME_ENTRIES_MAX);
}

static int answer_entry(struct call *c, const struct time_entry *e)
{
    return call_write(c, e, sizeof(*e), time_entry_write);
}

int tm_time_create(struct call *c)
{
    struct task t;
    int64_t id;
    /* the task and its entries (room_for_an_entry) in one exchange */
    int rc = call_param_id(c, "task_id", &id);
    if (!rc)
        rc = time_entry_create_ahead(c->st, c->a, c->ws_id, id);
    if (!rc)
        rc = task_from_path(c, "task_id", &t);
    if (rc)
        return rc;
    struct time_entry e = {.task_id = t.id, .type = TIME_ENTRY_MANUAL};
    rc = read_entry(c, IN_REQUIRED, &e);
    if (!rc)
        rc = room_for_an_entry(c, &t, "timeEntries");
    if (!rc)
        rc = time_entry_create(c->st, c->a, c->ws_id, &e);
    return rc ? rc : answer_entry(c, &e);
}

int tm_time_update(struct call *c)
{
    struct task t;
    struct time_entry e;
    int rc = load_entry(c, &t, &e);
    if (!rc)
        rc = read_entry(c, IN_NOTNULL, &e);
    if (!rc)
        rc = time_entry_update(c->st, c->ws_id, &e);
    return rc ? rc : answer_entry(c, &e);
}

int tm_time_delete(struct call *c)
{
    struct task t;
    struct time_entry e;
    int rc = load_entry(c, &t, &e);
    return rc ? rc : time_entry_delete(c->st, c->ws_id, t.id, e.id);
}

int tm_timer_start(struct call *c)
{
    struct task t;
    int rc = task_from_path(c, "id", &t);
    if (!rc)
        rc = room_for_an_entry(c, &t, "timer");
    return rc ? rc : timer_start(c->st, c->a, c->ws_id, c->user_id, t.id, clock_now_ms());
}

int tm_timer_stop(struct call *c)
{
    struct task t;
    int rc = task_from_path(c, "id", &t);
    if (rc)
        return rc;
    rc = timer_stop(c->st, c->a, c->ws_id, c->user_id, t.id, clock_now_ms(), NULL);
    /* the task was found above: not found now means no timer of this member runs on it */
    return rc == RC_NOTFOUND ? call_invalid(c, "timer", "The timer is not running.") : rc;
}
