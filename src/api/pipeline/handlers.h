/* handlers.h — the route handlers, declared from the table: one prototype per routes.def
 * row (a handler named on several rows is declared once per row, which C allows), and the
 * constants of the table's argument column. Every file that defines handlers includes it, so
 * a definition that disagrees with the table does not compile and a missing one does not
 * link. A handler reads its row's argument with call_arg(c); a new kind of argument gets
 * its constants here (or the model's enum, included here), never a forwarding handler.
 * Plain true/false is the argument of tm_projects_set_archived and tm_tasks_set_completed. */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H

#include <stdbool.h>

#include "api/pipeline/call.h"
#include "model/crm_item.h" /* crm_items_*: CRM_ORG_ADDRESS ... */
#include "model/deal.h"     /* crm_deals_link: DEAL_CONTACTS ... */

/* relation routes: POST attaches, DELETE (or a legacy un-subscribe) detaches. A handler
 * serving several relations takes the relation or'ed with it (TASK_WATCHERS | ATTACH) and
 * splits them with `arg & ATTACH` and `arg & ~ATTACH` (ATTACH is above every kind). */
enum route_link { DETACH = 0, ATTACH = 0x100 };

/* tm_tasks_people (tm_task_people.c): which people of a task */
enum task_people { TASK_ASSIGNEES, TASK_WATCHERS };

/* cf_op_transfer (custom_fields.c): the scope the field moves to */
enum cf_transfer_to { CF_TO_TM, CF_TO_PROJECT, CF_TO_BOARD };

#define ROUTE(method, path, handler, arg, envelope, flags) int handler(struct call *c);
#include "api/pipeline/routes.def"
#undef ROUTE

#endif
