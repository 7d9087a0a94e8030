/* custom_fields.h — the custom-field operations shared by every scope (private to src/api/).
 * Each reads its owner from the route's path parameters (project_id, board_id, funnel_id;
 * none = the global "tm" scope), so tm_custom_fields.c and crm_custom_fields.c only bind
 * them to routes. Rules: docs/internals/custom_fields.md. */
#ifndef API_CUSTOM_FIELDS_H
#define API_CUSTOM_FIELDS_H

#include "api/call.h"

int cf_op_create(struct call *c);
int cf_op_update(struct call *c);
int cf_op_delete(struct call *c);
int cf_op_move(struct call *c);
/* to: CF_SCOPE_TM, CF_SCOPE_PROJECT ({projectId}) or CF_SCOPE_BOARD ({boardId}) */
int cf_op_transfer(struct call *c, const char *to);
int cf_op_option_create(struct call *c);
int cf_op_option_update(struct call *c);
int cf_op_option_delete(struct call *c);
int cf_op_option_move(struct call *c);

#endif
