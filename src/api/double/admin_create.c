/* admin_create.c — POST /_weeekd/workspaces of the admin API (api/double/admin.h): a
 * workspace with its owner and a token, filled with a seed when one is asked for (the seed
 * itself is port/seed.h's, reached through struct app: port is above api). Apart from
 * admin.c because it needs the router's struct app, whose router.c needs admin.h. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/pipeline/router.h"
#include "core/log.h"
#include "core/rand.h"
#include "model/token.h"
#include "model/workspace.h"
#include "model/ws_admin.h"
#include "store/store.h"

#include "core/common.h"

static bool email_ok(const char *v)
{
    const char *at = strchr(v, '@');
    return at && at != v && at[1] && !strchr(at + 1, '@') && !strchr(v, ' ');
}

/* The workspace, its owner and the token (drawn into drawn[] unless *token is given), in
 * c->st's open transaction. */
static int create_ws(struct call *c, const char *name, const char *email, const char **token,
                     char drawn[TOKEN_LEN + 1], int64_t *out)
{
    struct workspace w;
    int rc = workspace_find(c->st, c->a, name, &w);
    if (rc != RC_NOTFOUND)
        return rc ? rc : call_invalid(c, "name", "The name has already been taken.");
    int64_t ws;
    const char *member;
    rc = workspace_create(c->st, c->a, name, &ws);
    if (rc == RC_CONFLICT) /* made by another process since the look-up */
        return call_invalid(c, "name", "The name has already been taken.");
    if (!rc)
        rc = member_add(c->st, c->a, ws, email, NULL, "owner", &member);
    if (rc)
        return rc;
    if (*token) {
        rc = token_issue_as(c->st, ws, member, "admin api", *token);
        if (rc == RC_CONFLICT)
            return call_invalid(c, "token", "The token has already been taken.");
    } else {
        rc = token_issue(c->st, ws, member, "admin api", drawn);
        *token = drawn;
    }
    *out = ws;
    return rc;
}

/* fn in a write transaction of its own on c->st (retried once on RC_BUSY, as the router
 * does for every other write) */
static int in_tx(struct call *c, int (*fn)(struct call *, void *), void *arg)
{
    c->st = store_acquire(c->app->pool);
    int rc = RC_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
        c->rc = RC_OK;
        c->nerrors = 0;
        rc = store_begin(c->st, TX_WRITE);
        if (!rc) {
            rc = fn(c, arg);
            if (!rc)
                rc = store_commit(c->st);
            else
                store_rollback(c->st);
        }
        if (rc != RC_BUSY)
            break;
    }
    if (rc == RC_STORE || rc == RC_INTERNAL || rc == RC_BUSY)
        c->detail = arena_strdup(c->a, store_errmsg(c->st));
    store_release(c->app->pool, c->st);
    c->st = NULL;
    return rc;
}

struct new_ws {
    const char *name, *email, *token;
    char drawn[TOKEN_LEN + 1];
    int64_t id;
};

static int create_tx(struct call *c, void *arg)
{
    struct new_ws *n = arg;
    return create_ws(c, n->name, n->email, &n->token, n->drawn, &n->id);
}

static int delete_tx(struct call *c, void *arg)
{
    return ws_admin_delete(c->st, ((struct new_ws *)arg)->id);
}

/* Decision: the route runs without the router's transaction (R_NOSTORE) because a seed is
 * written through the API in process, one transaction per request, which needs the
 * workspace and its token committed first; a seed that fails removes the workspace again,
 * so the answer is either a complete workspace or an error and nothing left behind. */
int admin_ws_create(struct call *c)
{
    static const char *const only_empty[] = {"empty", NULL};
    const char *const *seeds = c->app->seed && c->app->seeds ? c->app->seeds : only_empty;
    struct new_ws n = {0};
    const char *seed = "empty";
    input_string(c, "name", IN_REQUIRED, WORKSPACE_TITLE_MAX, &n.name);
    if (input_string(c, "email", IN_REQUIRED, 255, &n.email) == IN_VALUE && !email_ok(n.email))
        call_invalid(c, "email", "The email must be a valid email address.");
    input_enum(c, "seed", 0, seeds, &seed);
    if (input_string(c, "token", 0, 0, &n.token) == IN_VALUE && !token_valid(n.token))
        call_invalid(c, "token", "The token must be \"wk_\" and 43 letters or digits.");
    int rc = call_check(c);
    if (!rc)
        rc = in_tx(c, create_tx, &n);
    if (rc)
        return rc;
    if (strcmp(seed, "empty") != 0) {
        char err[512] = "";
        if (c->app->seed(c->app->pool, n.id, seed, n.email, n.token, err, sizeof(err))) {
            log_warn("%s seed %s failed: %s", c->req->id, seed, err);
            in_tx(c, delete_tx, &n);
            return call_fail(c, RC_INTERNAL, NULL);
        }
    }
    c->payload = json_pack("{sIss}", "id", (json_int_t)n.id, "name", n.name);
    c->extra = json_pack("{ss}", "token", n.token);
    return c->payload && c->extra ? RC_OK : RC_NOMEM;
}
