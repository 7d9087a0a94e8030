/* tm_projects.c — /tm/projects: list, create, get, update, delete, archive, un-archive.
 * Project objects carry both `name` and `title` (tm-notes §2.3) and `status` 1 (active) or
 * 2 (archived), plus `isArchived`.
 * Decisions: archived projects stay in the list (a client can tell them by status, and
 * nothing seems to vanish); `isPrivate` defaults to false when omitted; PUT is partial and
 * answers with the project too (the vendor PHP client reads `project`, tm-notes §2.3);
 * archive and un-archive are idempotent. */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/pipeline/input.h"
#include "api/present/project_json.h"
#include "model/custom_field.h"
#include "model/portfolio.h"
#include "model/project.h"
#include "core/common.h"

#define PROJECT_LOGO_MAX 2048

/* the project's own custom fields (spec: Project.customFields) */
static int with_fields(struct call *c, struct project *p)
{
    return custom_field_list(c->st, c->a, c->ws_id, CF_SCOPE_PROJECT, p->id, NULL, &p->fields,
                             &p->nfields);
}

static int reply_project(struct call *c, struct project *p)
{
    int rc = with_fields(c, p);
    return rc ? rc : call_reply(c, project_json(c, p));
}

/* the editable fields, shared by create and update; absent optional fields keep p's values.
 * spec: name is required on both, isPrivate on update (tm-notes §3 item 8). Decision: on
 * create isPrivate defaults to false when absent, although the spec lists it: nothing shows
 * the live API refusing a project made by name alone, which is how clients make them, and
 * the default is the safe one (tests/http/test_required_fields.py, LENIENT) */
static void read_fields(struct call *c, struct project *p, bool update)
{
    input_string(c, "name", IN_REQUIRED, PROJECT_NAME_MAX, &p->name);
    if (input_string(c, "description", IN_NULLABLE, PROJECT_DESC_MAX, &p->description) == IN_NULL)
        p->description = NULL;
    if (input_string(c, "logo", IN_NULLABLE, PROJECT_LOGO_MAX, &p->logo) == IN_NULL)
        p->logo = NULL;
    /* on create a null colour means the default; on update it cannot be cleared */
    input_color(c, "color", update ? IN_NOTNULL : 0, &p->color);
    input_bool(c, "isPrivate", update ? IN_REQUIRED : 0, &p->is_private);
    enum input_state st = input_id(c, "portfolioId", IN_NULLABLE, &p->portfolio_id);
    if (st == IN_NULL) {
        p->portfolio_id = 0;
    } else if (st == IN_VALUE) {
        struct portfolio pf;
        int rc = portfolio_get(c->st, c->a, c->ws_id, p->portfolio_id, &pf);
        if (rc == RC_NOTFOUND)
            input_invalid_id(c, "portfolioId");
        else if (rc)
            call_fail(c, rc, NULL);
    }
}

int tm_projects_list(struct call *c)
{
    struct project *p;
    size_t n;
    int rc = project_list(c->st, c->a, c->ws_id, &p, &n);
    for (size_t i = 0; !rc && i < n; i++)
        rc = with_fields(c, &p[i]);
    return rc ? rc : call_list(c, p, n, sizeof(*p), project_json);
}

int tm_projects_create(struct call *c)
{
    struct project p = {.color = PROJECT_DEFAULT_COLOR};
    read_fields(c, &p, false);
    int rc = call_check(c);
    if (rc)
        return rc;
    rc = project_create(c->st, c->a, c->ws_id, &p, c->user_id);
    return rc ? rc : reply_project(c, &p);
}

static int load(struct call *c, struct project *p)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    return rc ? rc : project_get(c->st, c->a, c->ws_id, id, p);
}

int tm_projects_get(struct call *c)
{
    struct project p;
    int rc = load(c, &p);
    return rc ? rc : reply_project(c, &p);
}

int tm_projects_update(struct call *c)
{
    struct project p;
    int rc = load(c, &p);
    if (rc)
        return rc;
    read_fields(c, &p, true);
    rc = call_check(c);
    if (!rc)
        rc = project_update(c->st, c->ws_id, &p);
    if (!rc)
        rc = with_fields(c, &p);
    if (rc)
        return rc;
    c->extra = json_pack("{s:o}", "project", project_json(c, &p));
    return c->extra ? RC_OK : RC_NOMEM;
}

int tm_projects_delete(struct call *c)
{
    struct project p;
    int rc = load(c, &p);
    return rc ? rc : project_delete(c->st, c->ws_id, p.id);
}

/* archive / un-archive: the route's argument is the new state */
int tm_projects_set_archived(struct call *c)
{
    struct project p;
    int rc = load(c, &p);
    return rc ? rc : project_set_archived(c->st, c->ws_id, p.id, call_arg(c));
}
