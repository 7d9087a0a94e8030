/* tm_custom_fields.c — the task manager's custom-field routes: /tm/custom-fields (global),
 * /tm/projects/{project_id}/custom-fields and /tm/boards/{board_id}/custom-fields. The
 * operations are shared with the funnel routes (api/custom_fields.c); the owner comes from
 * the path. Only the global list reads; every scoped route changes something. */
#include "api/custom_field_json.h"
#include "api/custom_fields.h"
#include "model/custom_field.h"

int tm_cf_list(struct call *c);

int tm_cf_list(struct call *c)
{
    struct custom_field *f;
    size_t n;
    int rc = custom_field_list(c->st, c->a, c->ws_id, CF_SCOPE_TM, 0, NULL, &f, &n);
    return rc ? rc : call_list(c, f, n, sizeof(*f), custom_field_json);
}

/* one named handler per route (routes.def names each once), all bound to the shared
 * operations */
#define CF_BIND(name, call_expr) \
    int name(struct call *c);    \
    int name(struct call *c)     \
    {                            \
        return call_expr;        \
    }

CF_BIND(tm_cf_create, cf_op_create(c))
CF_BIND(tm_cf_update, cf_op_update(c))
CF_BIND(tm_cf_delete, cf_op_delete(c))
CF_BIND(tm_cf_to_project, cf_op_transfer(c, CF_SCOPE_PROJECT))
CF_BIND(tm_cf_to_board, cf_op_transfer(c, CF_SCOPE_BOARD))
CF_BIND(tm_cf_option_create, cf_op_option_create(c))
CF_BIND(tm_cf_option_update, cf_op_option_update(c))
CF_BIND(tm_cf_option_delete, cf_op_option_delete(c))
CF_BIND(tm_cf_option_move, cf_op_option_move(c))

CF_BIND(tm_project_cf_create, cf_op_create(c))
CF_BIND(tm_project_cf_update, cf_op_update(c))
CF_BIND(tm_project_cf_delete, cf_op_delete(c))
CF_BIND(tm_project_cf_to_tm, cf_op_transfer(c, CF_SCOPE_TM))
CF_BIND(tm_project_cf_to_project, cf_op_transfer(c, CF_SCOPE_PROJECT))
CF_BIND(tm_project_cf_to_board, cf_op_transfer(c, CF_SCOPE_BOARD))
CF_BIND(tm_project_cf_option_create, cf_op_option_create(c))
CF_BIND(tm_project_cf_option_update, cf_op_option_update(c))
CF_BIND(tm_project_cf_option_delete, cf_op_option_delete(c))
CF_BIND(tm_project_cf_option_move, cf_op_option_move(c))

CF_BIND(tm_board_cf_create, cf_op_create(c))
CF_BIND(tm_board_cf_update, cf_op_update(c))
CF_BIND(tm_board_cf_delete, cf_op_delete(c))
CF_BIND(tm_board_cf_to_tm, cf_op_transfer(c, CF_SCOPE_TM))
CF_BIND(tm_board_cf_to_project, cf_op_transfer(c, CF_SCOPE_PROJECT))
CF_BIND(tm_board_cf_to_board, cf_op_transfer(c, CF_SCOPE_BOARD))
CF_BIND(tm_board_cf_option_create, cf_op_option_create(c))
CF_BIND(tm_board_cf_option_update, cf_op_option_update(c))
CF_BIND(tm_board_cf_option_delete, cf_op_option_delete(c))
CF_BIND(tm_board_cf_option_move, cf_op_option_move(c))
