/* admin_double.c — the admin API's per-process routes: injected faults (/_weeekd/faults)
 * and the request journal (/_weeekd/requests). Their state is api/double/double.c's, in this
 * process only (R_NOSTORE: no database involved). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/double/double.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/pipeline/router.h"
#include "core/clock.h"
#include "core/common.h"

static json_t *fault_json(const struct call *c, const void *item)
{
    (void)c;
    const struct fault *f = item;
    bool ra = f->status == 429 || f->status == 503;
    /* status, retryAfter and times are null when they do not apply (times: until removed) */
    return json_pack("{s:I, s:s?, s:s, s:o, s:o, s:o, s:i}", "id", (json_int_t)f->id, "method",
                     f->method[0] ? f->method : NULL, "path", f->path, "status",
                     f->status ? json_integer(f->status) : json_null(), "retryAfter",
                     ra ? json_integer(f->retry_after) : json_null(), "times",
                     f->times < 0 ? json_null() : json_integer(f->times), "delayMs", f->delay_ms);
}

int admin_faults_add(struct call *c)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", NULL};
    const char *method = NULL, *path = NULL;
    int64_t status = 0, retry = 1, times = -1, delay = 0;
    input_enum(c, "method", IN_NULLABLE, methods, &method);
    if (input_string(c, "path", IN_REQUIRED, 255, &path) == IN_VALUE && path[0] != '/')
        call_invalid(c, "path", "The path must start with \"/\".");
    input_int(c, "status", IN_NULLABLE, 400, 599, &status);
    input_int(c, "retryAfter", IN_NULLABLE, 0, 86400, &retry);
    input_int(c, "times", IN_NULLABLE, 1, 1000000000, &times);
    input_int(c, "delayMs", IN_NULLABLE, 0, FAULT_DELAY_MAX, &delay);
    if (!status && !delay && !call_check(c))
        call_invalid(c, "status", "The status field is required when delay ms is 0.");
    int rc = call_check(c);
    if (rc)
        return rc;
    size_t plen = strlen(API_PREFIX);
    if (strncmp(path, API_PREFIX, plen) == 0 && path[plen] == '/')
        path += plen; /* the full path names the same routes */
    struct fault f = {
        .status = (int)status, .retry_after = (int)retry, .times = times, .delay_ms = (int)delay};
    snprintf(f.method, sizeof(f.method), "%s", method ? method : "");
    snprintf(f.path, sizeof(f.path), "%s", path);
    rc = tdouble_fault_add(c->app->td, &f);
    if (rc == RC_TOOBIG)
        return call_invalid(c, "path", "At most %d faults can be held at once.", FAULTS_MAX);
    return call_reply(c, fault_json(c, &f));
}

int admin_faults_list(struct call *c)
{
    struct fault *all = arena_alloc(c->a, FAULTS_MAX * sizeof(*all));
    if (!all)
        return RC_NOMEM;
    size_t n = tdouble_faults(c->app->td, all);
    return call_list(c, all, n, sizeof(*all), fault_json);
}

int admin_faults_remove(struct call *c)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    return rc ? rc : tdouble_fault_remove(c->app->td, id);
}

int admin_faults_clear(struct call *c)
{
    tdouble_faults_clear(c->app->td);
    return RC_OK;
}

static int entry_json(void *ctx, const struct journal_entry *e)
{
    char ts[21];
    clock_iso8601(e->time_ms, ts);
    json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i, s:f, s:o, s:s?, s:s}", "id",
                          (json_int_t)e->id, "time", ts, "method", e->method, "path", e->path,
                          "query", e->query, "status", e->status, "ms", e->ms, "workspace",
                          e->ws_id ? json_integer(e->ws_id) : json_null(), "requestBody",
                          e->req_body[0] ? e->req_body : NULL, "responseBody", e->resp_body);
    return !o || json_array_append_new(ctx, o) ? RC_NOMEM : RC_OK;
}

int admin_requests_list(struct call *c)
{
    int64_t limit = JOURNAL_MAX;
    input_int(c, "limit", 0, 1, JOURNAL_MAX, &limit);
    int rc = call_check(c);
    if (rc)
        return rc;
    json_t *arr = json_array();
    if (!arr || tdouble_journal_each(c->app->td, (size_t)limit, entry_json, arr))
        return RC_NOMEM;
    c->payload = arr;
    return RC_OK;
}

int admin_requests_clear(struct call *c)
{
    tdouble_journal_clear(c->app->td);
    return RC_OK;
}
