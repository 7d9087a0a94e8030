/* crm_deal_files.c — POST /crm/deals/{deal_id}/attachments: the task upload's rules
 * (api/ws/attachments.h) with a deal as the owner. Deals are hard-deleted, and their files
 * with them (ON DELETE CASCADE in 0007_attachments.sql). */
#include "api/pipeline/handlers.h"
#include "api/ws/attachments.h"
#include "api/crm/crm.h"
#include "model/deal.h"
#include "core/common.h"

int crm_deals_attach(struct call *c)
{
    struct deal d;
    int rc = crm_deal_from_path(c, "deal_id", &d);
    if (!rc)
        rc = deal_fill_related(c->st, c->a, c->ws_id, &d, 1); /* the count of its files */
    if (rc)
        return rc;
    struct attachment_owner owner = {.deal_id = d.id};
    return attachments_upload(c, &owner, d.nattachments);
}
