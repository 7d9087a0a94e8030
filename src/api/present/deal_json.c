/* deal_json.c — see deal_json.h. Times are "YYYY-MM-DDTHH:MM:SSZ" (UTC, crm-notes §7). */
#include "api/present/deal_json.h"
#include "api/present/attachment_json.h"
#include "api/present/custom_field_json.h"
#include "api/pipeline/json_util.h"
#include "api/present/task_json.h"
#include "model/attachment.h"
#include "model/currency.h"
#include "model/custom_field.h"
#include "model/deal.h"
#include "model/funnel.h"
#include "model/task.h"
#include "core/common.h"

json_t *funnel_json(const struct call *c, const void *item)
{
    const struct funnel *f = item;
    /* logo: weeekd stores none; customFields: the caller filled f->fields */
    return json_pack(
        "{s:s, s:s, s:I, s:s, s:n, s:I, s:f, s:b, s:b, s:o, s:o, s:o, s:o}", "id", f->id,
        "creatorId", f->creator_id, "currencyId", (json_int_t)f->currency_id, "name", f->name,
        "logo", "dealsCount", (json_int_t)f->deals_count, "dealsAmount", f->deals_amount,
        "isPrivate", f->is_private, "isBookmarked", f->is_bookmarked, "createdAt",
        jv_time(f->created_at), "updatedAt", jv_time(f->updated_at), "team",
        jv_texts(f->team, f->nteam), "customFields",
        jv_written_list(c, f->fields, f->nfields, sizeof(*f->fields), custom_field_write));
}

json_t *status_json(const struct call *c, const void *item)
{
    const struct funnel_status *s = item;
    (void)c;
    return json_pack("{s:s, s:s, s:s, s:I, s:f, s:o, s:o}", "id", s->id, "creatorId", s->creator_id,
                     "name", s->name, "dealsCount", (json_int_t)s->deals_count, "dealsAmount",
                     s->deals_amount, "createdAt", jv_time(s->created_at), "updatedAt",
                     jv_time(s->updated_at));
}

json_t *currency_json(const struct call *c, const void *item)
{
    const struct currency *cur = item;
    (void)c;
    return json_pack("{s:I, s:s, s:s, s:s}", "id", (json_int_t)cur->id, "name", cur->name, "code",
                     cur->code, "symbol", cur->symbol);
}

void deal_write(struct jw *w, const struct call *c, const void *item)
{
    const struct deal *d = item;
    jw_obj(w);
    jw_key_str(w, "id", d->id);
    jw_key_str(w, "creatorId", d->creator_id);
    jw_key_str(w, "funnelId", d->funnel_id);
    jw_key_str(w, "statusId", d->status_id);
    jw_key(w, "assignees");
    jv_write_texts(w, d->assignees, d->nassignees);
    jw_key(w, "organizations");
    jv_write_texts(w, d->organizations, d->norganizations);
    jw_key(w, "contacts");
    jv_write_texts(w, d->contacts, d->ncontacts);
    jw_key_opt_str(w, "title", d->title);
    jw_key_opt_str(w, "description", d->description);
    jw_key(w, "amount");
    if (d->has_amount)
        jw_real(w, d->amount);
    else
        jw_null(w);
    jw_key_opt_str(w, "winStatus", d->win_status);
    jw_key(w, "createdAt");
    jv_write_time(w, d->created_at);
    jw_key(w, "updatedAt");
    jv_write_time(w, d->updated_at);
    jw_key(w, "tags");
    jv_write_ints(w, d->tags, d->ntags);
    jw_key(w, "tasks");
    jw_arr(w);
    for (size_t i = 0; i < d->ntasks; i++)
        task_brief_write(w, c, &d->tasks[i]);
    jw_arr_end(w);
    jw_key(w, "customFields");
    cf_entries_write(w, c, d->custom_fields, d->ncustom_fields);
    jw_key(w, "attachments");
    jw_arr(w);
    for (size_t i = 0; i < d->nattachments; i++)
        attachment_write(w, c, &d->attachments[i]);
    jw_arr_end(w);
    jw_obj_end(w);
}
