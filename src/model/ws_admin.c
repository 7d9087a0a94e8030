/* ws_admin.c — see ws_admin.h. */
#include "model/ws_admin.h"
#include "core/arena.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

/* Children first: every foreign key would cascade from the roots, but a cascade fires per
 * row (PostgreSQL: a trigger each), and one DELETE per table is a single indexed scan. */
const char *const ws_admin_data_tables[] = {
    "custom_field_values",
    "custom_field_options",
    "attachments",
    "deal_tasks",
    "deal_tags",
    "deal_organizations",
    "deal_contacts",
    "deal_assignees",
    "deals",
    "funnel_statuses",
    "funnel_members",
    "custom_fields",
    "funnels",
    "contact_tags",
    "contact_phones",
    "contact_emails",
    "organization_contacts",
    "contacts",
    "organization_tags",
    "organization_phones",
    "organization_emails",
    "organization_addresses",
    "organization_responsibles",
    "organizations",
    "task_comments",
    "task_timers",
    "time_entries",
    "task_tags",
    "task_watchers",
    "task_assignees",
    "task_locations",
    "tasks",
    "board_columns",
    "boards",
    "project_members",
    "projects",
    "portfolios",
    "tags",
    "import_map",
    NULL,
};

int ws_admin_delete(struct store *st, int64_t ws_id)
{
    int64_t changed = 0;
    struct sql_val args[] = {SV_INT(ws_id)};
    int rc = store_exec(st, Q_WS_DELETE, args, 1, &changed);
    if (rc)
        return rc;
    return changed ? RC_OK : RC_NOTFOUND;
}

int ws_admin_reset(struct store *st, struct arena *a, int64_t ws_id)
{
    struct sql_val args[] = {SV_INT(ws_id)};
    for (const char *const *t = ws_admin_data_tables; *t; t++) {
        /* the text comes from the fixed table above, never from input */
        const char *sql = arena_printf(a, "DELETE FROM %s WHERE ws_id = $1", *t);
        if (!sql)
            return RC_NOMEM;
        struct sql_rows r;
        int rc = store_query_sql(st, a, sql, args, 1, &r);
        if (rc)
            return rc;
    }
    return RC_OK;
}
