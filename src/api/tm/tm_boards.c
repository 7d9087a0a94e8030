/* tm_boards.c — /tm/boards and /tm/board-columns: list (by projectId / boardId, which the
 * live API requires), create, update, delete, move. Order is the array order (no position
 * field, spec). A board or column is changed only while its project is active.
 * Decisions: a move target that is omitted or null means "first" for both moves; a target
 * outside the same parent is 422 naming it; PUT is partial and also answers with the
 * object (`board` / `boardColumn`; the vendor PHP client reads `boardColumn`,
 * tm-notes §2.3); changes inside an archived project are 422 "The project is archived.". */
#include "api/pipeline/handlers.h"
#include "api/pipeline/call.h"
#include "api/present/board_json.h"
#include "api/pipeline/input.h"
#include "model/board.h"
#include "model/project.h"
#include "model/task.h"
#include "core/common.h"

/* Check that project_id names a project of this workspace: "The selected <field> is
 * invalid." when not; with active, also that it is not archived ("The project is
 * archived." on field). */
static int ref_project(struct call *c, int64_t project_id, const char *field, bool active)
{
    int rc = project_require_active(c->st, c->a, c->ws_id, project_id);
    if (rc == RC_NOTFOUND)
        return input_invalid_id(c, field);
    if (rc == RC_CONFLICT)
        return active ? call_invalid(c, field, "The project is archived.") : RC_OK;
    return rc;
}

/* a board named by the path, with its project active */
static int load_board(struct call *c, struct board *b, bool for_change)
{
    int64_t id;
    int rc = call_param_id(c, "id", &id);
    if (!rc)
        rc = board_get(c->st, c->a, c->ws_id, id, b);
    if (!rc && for_change)
        rc = ref_project(c, b->project_id, "projectId", true);
    return rc;
}

int tm_boards_list(struct call *c)
{
    int64_t project_id = 0;
    int rc = RC_OK;
    if (input_id(c, "projectId", IN_REQUIRED, &project_id) == IN_VALUE)
        rc = ref_project(c, project_id, "projectId", false);
    if (!rc)
        rc = call_check(c);
    struct board *b;
    size_t n;
    if (!rc)
        rc = board_list(c->st, c->a, c->ws_id, project_id, &b, &n);
    if (rc)
        return rc;
    return call_list(c, b, n, sizeof(*b), board_json);
}

int tm_boards_create(struct call *c)
{
    struct board b = {0};
    int rc = RC_OK;
    input_string(c, "name", IN_REQUIRED, BOARD_NAME_MAX, &b.name);
    input_bool(c, "isPrivate", 0, &b.is_private);
    if (input_id(c, "projectId", IN_REQUIRED, &b.project_id) == IN_VALUE)
        rc = ref_project(c, b.project_id, "projectId", true);
    if (rc == RC_INVALID || !rc)
        rc = call_check(c);
    if (!rc)
        rc = board_create(c->st, c->a, c->ws_id, &b);
    return rc ? rc : call_reply(c, board_json(c, &b));
}

int tm_boards_update(struct call *c)
{
    struct board b;
    int rc = load_board(c, &b, true);
    if (rc)
        return rc;
    input_string(c, "name", IN_NOTNULL, BOARD_NAME_MAX, &b.name);
    rc = call_check(c);
    if (!rc)
        rc = board_rename(c->st, c->ws_id, b.id, b.name);
    if (rc)
        return rc;
    c->extra = json_pack("{s:o}", "board", board_json(c, &b));
    return c->extra ? RC_OK : RC_NOMEM;
}

int tm_boards_delete(struct call *c)
{
    struct board b;
    int rc = load_board(c, &b, true);
    return rc ? rc : board_delete(c->st, c->a, c->ws_id, &b);
}

/* the sibling to place after: omitted or null = first; else it must share the parent */
static int read_after(struct call *c, const char *field, int64_t *after)
{
    *after = 0;
    input_id(c, field, IN_NULLABLE, after);
    return call_check(c);
}

int tm_boards_move(struct call *c)
{
    struct board b;
    int64_t after;
    int rc = load_board(c, &b, true);
    if (!rc)
        rc = read_after(c, "upperBoardId", &after);
    if (rc)
        return rc;
    /* the board itself was found above: a not-found now can only be the target */
    rc = board_move(c->st, c->a, c->ws_id, &b, after);
    return rc == RC_NOTFOUND ? input_invalid_id(c, "upperBoardId") : rc;
}

/* id that must name a board of this workspace; *project_id gets its project */
static int ref_board(struct call *c, int64_t id, const char *field, int64_t *project_id)
{
    struct board b;
    int rc = board_get(c->st, c->a, c->ws_id, id, &b);
    if (rc == RC_NOTFOUND)
        return input_invalid_id(c, field);
    if (!rc)
        *project_id = b.project_id;
    return rc;
}

static int load_column(struct call *c, struct board_column *col)
{
    int64_t id, project_id = 0;
    int rc = call_param_id(c, "id", &id);
    if (!rc)
        rc = column_get(c->st, c->a, c->ws_id, id, col);
    if (!rc)
        rc = ref_board(c, col->board_id, "boardId", &project_id);
    /* the column's project is not in the request: name it as boards do */
    if (!rc)
        rc = ref_project(c, project_id, "projectId", true);
    return rc;
}

int tm_columns_list(struct call *c)
{
    int64_t board_id = 0, project_id;
    int rc = RC_OK;
    if (input_id(c, "boardId", IN_REQUIRED, &board_id) == IN_VALUE)
        rc = ref_board(c, board_id, "boardId", &project_id);
    if (!rc)
        rc = call_check(c);
    struct board_column *col;
    size_t n;
    if (!rc)
        rc = column_list(c->st, c->a, c->ws_id, board_id, &col, &n);
    if (rc)
        return rc;
    return call_list(c, col, n, sizeof(*col), column_json);
}

int tm_columns_create(struct call *c)
{
    struct board_column col = {0};
    int64_t project_id = 0;
    int rc = RC_OK;
    input_string(c, "name", IN_REQUIRED, COLUMN_NAME_MAX, &col.name);
    if (input_id(c, "boardId", IN_REQUIRED, &col.board_id) == IN_VALUE) {
        rc = ref_board(c, col.board_id, "boardId", &project_id);
        if (!rc)
            rc = ref_project(c, project_id, "boardId", true);
    }
    if (rc == RC_INVALID || !rc)
        rc = call_check(c);
    if (!rc)
        rc = column_create(c->st, c->a, c->ws_id, &col);
    return rc ? rc : call_reply(c, column_json(c, &col));
}

int tm_columns_update(struct call *c)
{
    struct board_column col;
    int rc = load_column(c, &col);
    if (rc)
        return rc;
    input_string(c, "name", IN_NOTNULL, COLUMN_NAME_MAX, &col.name);
    rc = call_check(c);
    if (!rc)
        rc = column_rename(c->st, c->ws_id, col.id, col.name);
    if (rc)
        return rc;
    c->extra = json_pack("{s:o}", "boardColumn", column_json(c, &col));
    return c->extra ? RC_OK : RC_NOMEM;
}

int tm_columns_delete(struct call *c)
{
    struct board_column col;
    int rc = load_column(c, &col);
    /* never orphan a task: its tasks move to the board's first other column first */
    if (!rc)
        rc = task_evacuate_column(c->st, c->a, c->ws_id, col.board_id, col.id);
    return rc ? rc : column_delete(c->st, c->a, c->ws_id, &col);
}

int tm_columns_move(struct call *c)
{
    struct board_column col;
    int64_t after;
    int rc = load_column(c, &col);
    if (!rc)
        rc = read_after(c, "upperBoardColumnId", &after);
    if (rc)
        return rc;
    /* the column itself was found above: a not-found now can only be the target */
    rc = column_move(c->st, c->a, c->ws_id, &col, after);
    return rc == RC_NOTFOUND ? input_invalid_id(c, "upperBoardColumnId") : rc;
}
