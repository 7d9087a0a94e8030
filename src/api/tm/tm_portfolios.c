/* tm_portfolios.c — /tm/portfolios: list (limit/offset/hasMore, search, parentId), create,
 * get, update, delete. Items travel under the generic key `data` (spec).
 * Decisions: `limit` defaults to its maximum, 100 (a client that ignores hasMore then sees
 * as much as possible); PUT is partial like every weeekd update. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/present/project_json.h"
#include "model/portfolio.h"
#include "core/common.h"

#define PORTFOLIO_LIMIT_MAX 100

static int reply_portfolio(struct call *c, const struct portfolio *p)
{
    return call_reply(c, portfolio_json(c, p));
}

/* a parent or filter id must name a portfolio of this workspace */
static void check_portfolio_ref(struct call *c, const char *field, int64_t id)
{
    struct portfolio p;
    int rc = portfolio_get(c->st, c->a, c->ws_id, id, &p);
    if (rc == RC_NOTFOUND)
        input_invalid_id(c, field);
    else if (rc)
        call_fail(c, rc, NULL);
}

int tm_portfolios_list(struct call *c)
{
    struct portfolio_filter f = {.limit = PORTFOLIO_LIMIT_MAX};
    input_string(c, "search", 0, 255, &f.search);
    if (input_id(c, "parentId", 0, &f.parent_id) == IN_VALUE)
        check_portfolio_ref(c, "parentId", f.parent_id);
    input_int(c, "limit", 0, 0, PORTFOLIO_LIMIT_MAX, &f.limit);
    input_int(c, "offset", 0, 0, INT32_MAX, &f.offset);
    int rc = call_check(c);
    if (rc)
        return rc;
    struct portfolio *p;
    size_t n;
    bool more;
    rc = portfolio_list(c->st, c->a, c->ws_id, &f, &p, &n, &more);
    return rc ? rc : call_page(c, p, n, sizeof(*p), portfolio_json, "hasMore", more);
}

int tm_portfolios_create(struct call *c)
{
    struct portfolio p = {0};
    input_string(c, "name", IN_REQUIRED, PORTFOLIO_NAME_MAX, &p.name);
    if (input_id(c, "parentId", IN_NULLABLE, &p.parent_id) == IN_VALUE)
        check_portfolio_ref(c, "parentId", p.parent_id);
    input_bool(c, "isPrivate", 0, &p.is_private);
    int rc = call_check(c);
    if (rc)
        return rc;
    rc = portfolio_create(c->st, c->a, c->ws_id, &p);
    return rc ? rc : reply_portfolio(c, &p);
}

static int load(struct call *c, struct portfolio *p)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    return rc ? rc : portfolio_get(c->st, c->a, c->ws_id, id, p);
}

int tm_portfolios_get(struct call *c)
{
    struct portfolio p;
    int rc = load(c, &p);
    return rc ? rc : reply_portfolio(c, &p);
}

int tm_portfolios_update(struct call *c)
{
    struct portfolio p;
    int rc = load(c, &p);
    if (rc)
        return rc;
    input_string(c, "name", IN_NOTNULL, PORTFOLIO_NAME_MAX, &p.name);
    input_bool(c, "isPrivate", 0, &p.is_private);
    rc = call_check(c);
    if (!rc)
        rc = portfolio_update(c->st, c->ws_id, &p);
    return rc ? rc : reply_portfolio(c, &p);
}

int tm_portfolios_delete(struct call *c)
{
    struct portfolio p;
    int rc = load(c, &p);
    return rc ? rc : portfolio_delete(c->st, c->ws_id, p.id);
}
