/* admin.c — the admin API's bearer check and its workspace routes (/_weeekd/workspaces...):
 * delete a workspace, reset it to empty, its snapshots. Every route runs in a write
 * transaction of the shared store, so several weeekd processes over one PostgreSQL see
 * the same workspaces. Creating one is in admin_create.c. Only reachable
 * with --admin-token (api/double/double.c hides the paths otherwise). */
#include "api/double/admin.h"
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "core/rand.h"
#include "core/str.h"
#include "model/token.h"
#include "model/workspace.h"
#include "model/ws_admin.h"
#include "model/ws_snapshot.h"
#include "api/pipeline/json_util.h"

#include <strings.h>
#include "core/common.h"

int admin_authenticate(const struct call *c, const char *want)
{
    const char *h = c->req->authorization;
    if (!want || !h || strncasecmp(h, "Bearer ", 7) != 0)
        return RC_UNAUTH;
    h += 7;
    while (*h == ' ')
        h++;
    size_t n = strlen(h);
    while (n && (h[n - 1] == ' ' || h[n - 1] == '\t'))
        n--;
    return n == strlen(want) && const_time_eq(h, want, n) ? RC_OK : RC_UNAUTH;
}

/* The workspace named by the path; RC_NOTFOUND names nothing, as for any missing object. */
static int path_ws(struct call *c, struct workspace *w)
{
    struct str name = call_param(c, "name");
    const char *s = arena_strndup(c->a, name.ptr, name.len);
    if (!s)
        return RC_NOMEM;
    return workspace_find(c->st, c->a, s, w);
}

int admin_ws_delete(struct call *c)
{
    struct workspace w;
    int rc = path_ws(c, &w);
    return rc ? rc : ws_admin_delete(c->st, w.id);
}

int admin_ws_reset(struct call *c)
{
    struct workspace w;
    int rc = path_ws(c, &w);
    return rc ? rc : ws_admin_reset(c->st, c->a, w.id);
}

/* ---- snapshots (model/ws_snapshot.h) ---- */

static json_t *snapshot_json(const struct ws_snapshot *s)
{
    return json_pack("{s:s, s:o, s:I}", "name", s->name, "createdAt", jv_time(s->created_at),
                     "bytes", (json_int_t)s->bytes);
}

/* The snapshot name of the path: what a workspace name may be (1..255 characters) */
static int path_snap(struct call *c, const char **name)
{
    struct str s = call_param(c, "snap");
    if (s.len == 0 || !utf8_valid(s.ptr, s.len) || utf8_len(s.ptr, s.len) > SNAPSHOT_NAME_MAX)
        return RC_NOTFOUND;
    *name = arena_strndup(c->a, s.ptr, s.len);
    return *name ? RC_OK : RC_NOMEM;
}

_Static_assert(SNAPSHOT_BYTES_MAX == 128u << 20, "admin_snapshot_save's message names it");

int admin_snapshot_save(struct call *c)
{
    struct workspace w;
    struct ws_snapshot s;
    const char *name;
    int rc = path_ws(c, &w);
    if (!rc)
        rc = path_snap(c, &name);
    if (!rc)
        rc = ws_snapshot_save(c->st, c->a, w.id, name, &s);
    if (rc == RC_TOOBIG)
        c->message = "The workspace is too large for a snapshot (its rows encode to more than "
                     "128 MiB).";
    if (rc)
        return rc;
    c->payload = snapshot_json(&s);
    return c->payload ? RC_OK : RC_NOMEM;
}

int admin_snapshot_restore(struct call *c)
{
    struct workspace w;
    const char *name;
    int rc = path_ws(c, &w);
    if (!rc)
        rc = path_snap(c, &name);
    return rc ? rc : ws_snapshot_restore(c->st, c->a, w.id, name);
}

int admin_snapshot_delete(struct call *c)
{
    struct workspace w;
    const char *name;
    int rc = path_ws(c, &w);
    if (!rc)
        rc = path_snap(c, &name);
    return rc ? rc : ws_snapshot_delete(c->st, w.id, name);
}

int admin_snapshot_list(struct call *c)
{
    struct workspace w;
    struct ws_snapshot *all;
    size_t n;
    int rc = path_ws(c, &w);
    if (!rc)
        rc = ws_snapshot_list(c->st, c->a, w.id, &all, &n);
    if (rc)
        return rc;
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, snapshot_json(&all[i])))
            return RC_NOMEM;
    c->payload = arr;
    return arr ? RC_OK : RC_NOMEM;
}
