/* crm_custom_fields.c — /crm/funnels/{funnel_id}/custom-fields: a funnel's deal fields
 * (create, update, delete, move) and their options, bound to the shared operations of
 * api/custom_fields.c. Funnel fields have no transfer routes. These routes carry R_NF404:
 * a missing funnel, field or option is 404 as everywhere in the CRM. */
#include "api/handlers.h"
#include "api/custom_fields.h"

#define CF_BIND(name, call_expr) \
    int name(struct call *c);    \
    int name(struct call *c)     \
    {                            \
        return call_expr;        \
    }

CF_BIND(crm_funnel_cf_create, cf_op_create(c))
CF_BIND(crm_funnel_cf_update, cf_op_update(c))
CF_BIND(crm_funnel_cf_delete, cf_op_delete(c))
CF_BIND(crm_funnel_cf_move, cf_op_move(c))
CF_BIND(crm_funnel_cf_option_create, cf_op_option_create(c))
CF_BIND(crm_funnel_cf_option_update, cf_op_option_update(c))
CF_BIND(crm_funnel_cf_option_delete, cf_op_option_delete(c))
CF_BIND(crm_funnel_cf_option_move, cf_op_option_move(c))
