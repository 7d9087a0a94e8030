/* tm_tasks_shared.c — see tm_tasks_shared.h. */
#include "api/tm/tm_tasks_shared.h"
#include "api/pipeline/input.h"
#include "api/present/task_json.h"
#include "model/board.h"
#include "model/project.h"
#include "core/common.h"

int task_from_path(struct call *c, const char *param, struct task *out)
{
    int64_t id;
    int rc = call_param_id(c, param, &id);
    return rc ? rc : task_get_live(c->st, c->a, c->ws_id, id, out);
}

int task_from_path_full(struct call *c, const char *param, struct task *out)
{
    int64_t id;
    int rc = call_param_id(c, param, &id);
    /* the row with its related rows: one exchange (task_get) */
    if (!rc)
        rc = task_get(c->st, c->a, c->ws_id, id, out);
    return !rc && out->is_deleted ? RC_NOTFOUND : rc;
}

static int bad_id(struct call *c, int rc, const char *field)
{
    return rc == RC_NOTFOUND ? input_invalid_id(c, field) : rc;
}

int task_resolve_place(struct call *c, const struct place_fields *f, int64_t project, int64_t board,
                       int64_t column, struct task_location *out)
{
    const char *project_field = f->project;
    out->project_id = project;
    out->board_id = board;
    out->column_id = column;
    if (column != TASK_NONE) {
        struct board_column col;
        struct board b;
        int rc = column_get(c->st, c->a, c->ws_id, column, &col);
        if (!rc)
            rc = board_get(c->st, c->a, c->ws_id, col.board_id, &b);
        /* a column must sit on the board and in the project the request names with it */
        if (!rc && ((board != TASK_NONE && board != b.id) ||
                    (project != TASK_NONE && project != b.project_id)))
            rc = RC_NOTFOUND;
        if (rc)
            return bad_id(c, rc, f->column);
        out->board_id = b.id;
        out->project_id = b.project_id;
        if (project == TASK_NONE)
            project_field = f->column;
    } else if (board != TASK_NONE) {
        struct board b;
        int rc = board_get(c->st, c->a, c->ws_id, board, &b);
        if (!rc && project != TASK_NONE && project != b.project_id)
            rc = RC_NOTFOUND;
        if (rc)
            return bad_id(c, rc, f->board);
        struct board_column *cols;
        size_t n;
        rc = column_list(c->st, c->a, c->ws_id, b.id, &cols, &n);
        if (rc)
            return rc;
        /* spec (createTask notes): a board alone puts the task in its first column */
        out->column_id = n ? cols[0].id : TASK_NONE;
        out->project_id = b.project_id;
        if (project == TASK_NONE)
            project_field = f->board;
    }
    int rc = project_require_active(c->st, c->a, c->ws_id, out->project_id);
    if (rc == RC_CONFLICT)
        return call_invalid(c, project_field, "The project is archived.");
    return bad_id(c, rc, project_field);
}

int task_move_primary(struct call *c, const struct task *t, const struct task_location *loc,
                      int64_t after, int64_t before)
{
    bool there = false;
    for (size_t i = 0; i < t->nlocations; i++)
        there = there || t->locations[i].project_id == loc->project_id;
    int rc = RC_OK;
    bool replace = !there && t->nlocations > 0;
    if (replace)
        rc = task_unplace(c->st, c->a, c->ws_id, t->id, t->locations[0].project_id);
    if (!rc)
        rc = task_place(c->st, c->a, c->ws_id, t, loc, after, before);
    if (!rc && replace)
        rc = task_make_first(c->st, c->ws_id, t->id, loc->project_id);
    return rc;
}

int task_reply(struct call *c, int64_t id)
{
    struct task t;
    int rc = task_get(c->st, c->a, c->ws_id, id, &t);
    return rc ? rc : call_write(c, &t, sizeof(t), task_write);
}
