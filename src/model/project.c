/* project.c — see project.h. */
#include "model/project.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

static const struct row_field PROJECT_ROW[] = {
    ROW_FIELDS(struct project, ROW_INT, id),
    ROW_FIELDS(struct project, ROW_TEXT, name, description, logo, color),
    ROW_FIELDS(struct project, ROW_BOOL, is_private, is_archived),
    ROW_FIELDS(struct project, ROW_INT, portfolio_id),
};

static void project_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, PROJECT_ROW, ARRAY_LEN(PROJECT_ROW), sizeof(struct project), out);
}

/* Attach team members to projects[0..n) (sorted by id) from one query. */
static int load_teams(struct store *st, struct arena *a, int64_t ws_id, int64_t only,
                      struct project *p, size_t n)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), only ? SV_INT(only) : SV_NULL};
    int rc = store_query(st, a, Q_PROJECT_TEAM_LIST, args, 2, &r);
    if (rc)
        return rc;
    const char **ids = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*ids));
    if (!ids)
        return RC_NOMEM;
    /* rows come ordered by project id, as the projects do: one merge pass */
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        while (j < r.nrows && sql_int(&r, j, 0) < p[i].id)
            j++;
        p[i].team = &ids[j];
        while (j < r.nrows && sql_int(&r, j, 0) == p[i].id) {
            ids[j] = sql_text(&r, j, 1);
            p[i].nteam++;
            j++;
        }
    }
    return RC_OK;
}

int project_list(struct store *st, struct arena *a, int64_t ws_id, struct project **out, size_t *n)
{
    int rc = ws_query_list(st, a, Q_PROJECT_LIST, ws_id, sizeof(**out), project_from_row,
                           (void **)out, n);
    return rc ? rc : load_teams(st, a, ws_id, 0, *out, *n);
}

int project_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct project *out)
{
    /* the row and its team in one exchange (PostgreSQL: store_prefetch) */
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id)};
    const struct store_prefetch pre[] = {{Q_PROJECT_GET, args, 2}, {Q_PROJECT_TEAM_LIST, args, 2}};
    int rc = store_prefetch(st, a, pre, ARRAY_LEN(pre));
    if (!rc)
        rc = ws_query_one(st, a, Q_PROJECT_GET, ws_id, SV_INT(id), project_from_row, out);
    return rc ? rc : load_teams(st, a, ws_id, id, out, 1);
}

/* the arguments of project_insert and project_update: the workspace, the fields a client
 * writes, then created_at (insert) or the id (update) */
struct project_args {
    struct sql_val v[8];
};
static struct project_args project_args(int64_t ws_id, const struct project *p, int64_t last)
{
    return (struct project_args){
        {SV_INT(ws_id), SV_TEXT(p->name), SV_TEXT_OR_NULL(p->description), SV_TEXT_OR_NULL(p->logo),
         SV_TEXT(p->color), SV_INT(p->is_private),
         p->portfolio_id ? SV_INT(p->portfolio_id) : SV_NULL, SV_INT(last)}};
}

int project_create(struct store *st, struct arena *a, int64_t ws_id, struct project *p,
                   const char *creator)
{
    struct project_args args = project_args(ws_id, p, clock_now_ms());
    int rc = insert_id(st, a, Q_PROJECT_INSERT, args.v, ARRAY_LEN(args.v), &p->id);
    if (rc)
        return rc;
    struct sql_val targs[] = {SV_INT(ws_id), SV_INT(p->id), SV_TEXT(creator)};
    rc = store_exec(st, Q_PROJECT_TEAM_ADD, targs, 3, NULL);
    if (rc)
        return rc;
    const char **team = arena_alloc(a, sizeof(*team));
    if (!team)
        return RC_NOMEM;
    team[0] = creator;
    p->team = team;
    p->nteam = 1;
    p->is_archived = false;
    return RC_OK;
}

int project_update(struct store *st, int64_t ws_id, const struct project *p)
{
    struct project_args args = project_args(ws_id, p, p->id);
    return exec_one(st, Q_PROJECT_UPDATE, args.v, ARRAY_LEN(args.v));
}

int project_set_archived(struct store *st, int64_t ws_id, int64_t id, bool archived)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_INT(id), SV_INT(archived)};
    return exec_one(st, Q_PROJECT_SET_ARCHIVED, args, 3);
}

int project_delete(struct store *st, int64_t ws_id, int64_t id)
{
    /* boards, their columns and the team go by ON DELETE CASCADE in the same statement */
    return ws_exec_one(st, Q_PROJECT_DELETE, ws_id, SV_INT(id));
}

int project_require_active(struct store *st, struct arena *a, int64_t ws_id, int64_t id)
{
    struct project p;
    int rc = project_get(st, a, ws_id, id, &p);
    if (rc)
        return rc;
    return p.is_archived ? RC_CONFLICT : RC_OK;
}
