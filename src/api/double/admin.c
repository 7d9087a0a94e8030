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

#include "core/common.h"

int admin_authenticate(const struct call *c, const char *want)
{
    size_t n = 0;
    const char *h = call_bearer(c, &n);
    if (!want || !h)
        return RC_UNAUTH;
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

static json_t *snapshot_json(const struct call *c, const void *item)
{
    (void)c;
    const struct ws_snapshot *s = item;
    return json_pack("{s:s, s:o, s:I}", "name", s->name, "createdAt", jv_time(s->created_at),
                     "bytes", (json_int_t)s->bytes);
}

/* the workspace and the snapshot name of a snapshot path (.../{name}/snapshots/{snap}); the
 * name is what a workspace name may be (1..255 characters) */
static int path_snap(struct call *c, struct workspace *w, const char **name)
{
    int rc = path_ws(c, w);
    if (rc)
        return rc;
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
    int rc = path_snap(c, &w, &name);
    if (!rc)
        rc = ws_snapshot_save(c->st, c->a, w.id, name, &s);
    if (rc == RC_TOOBIG)
        c->message = "The workspace is too large for a snapshot (its rows encode to more than "
                     "128 MiB).";
    return rc ? rc : call_reply(c, snapshot_json(c, &s));
}

int admin_snapshot_restore(struct call *c)
{
    struct workspace w;
    const char *name;
    int rc = path_snap(c, &w, &name);
    return rc ? rc : ws_snapshot_restore(c->st, c->a, w.id, name);
}

int admin_snapshot_delete(struct call *c)
{
    struct workspace w;
    const char *name;
    int rc = path_snap(c, &w, &name);
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
    return rc ? rc : call_list(c, all, n, sizeof(*all), snapshot_json);
}
