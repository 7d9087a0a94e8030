/* crm_deal_links.c — a deal's relation routes: assignees {assigneeId}, contacts
 * {contactId}, organizations {organizationId}, tags {tag} (and, leniently, {tagId}); POST
 * attaches (idempotent), DELETE with the same body detaches (absent: a no-op); an id that
 * names nothing in the workspace is 422. And its tasks: attach a new task (a POST /tm/tasks
 * body), move one {previousTaskId} (null = first), detach one (the task stays). */
#include "api/pipeline/handlers.h"
#include "api/pipeline/input_compound.h"
#include "api/crm/crm.h"
#include "api/tm/tm_tasks.h"
#include "api/tm/tm_tasks_shared.h"
#include "model/deal.h"
#include "model/tag.h"
#include "model/workspace.h"
#include "core/common.h"

/* the body field of each relation */
static const char *const FIELDS[] = {
    [DEAL_ASSIGNEES] = "assigneeId",
    [DEAL_CONTACTS] = "contactId",
    [DEAL_ORGANIZATIONS] = "organizationId",
    [DEAL_TAGS] = "tag",
};

/* the id in the relation's field, checked to name a member / contact / organization / tag
 * here (else 422 on the field) */
static int read_ref(struct call *c, enum deal_link k, struct sql_val *out)
{
    const char *field = FIELDS[k];
    /* spec: deals say {tag}, organizations and contacts {tagId}; either is taken (crm.md) */
    if (k == DEAL_TAGS && c->body && !json_object_get(c->body, "tag") &&
        json_object_get(c->body, "tagId"))
        field = "tagId";
    int rc;
    if (k == DEAL_TAGS) {
        int64_t tag_id = 0;
        if (input_id(c, field, IN_REQUIRED, &tag_id) != IN_VALUE)
            return call_check(c);
        struct tag t;
        rc = tag_get(c->st, c->a, c->ws_id, tag_id, &t);
        *out = SV_INT(tag_id);
    } else {
        const char *id;
        if (input_uuid(c, field, IN_REQUIRED, &id) != IN_VALUE)
            return call_check(c);
        if (k == DEAL_ASSIGNEES) {
            struct member m;
            rc = member_get(c->st, c->a, c->ws_id, id, &m);
        } else {
            rc = deal_ref_exists(c->st, c->a, c->ws_id, k, id);
        }
        *out = SV_TEXT(id);
    }
    return rc == RC_NOTFOUND ? input_invalid_id(c, field) : rc;
}

/* one more link (not there yet) stays within the cap of the create body's array (issue 13
 * item 9): else 422 on the relation's field */
static int check_room(struct call *c, enum deal_link k, struct deal *d, struct sql_val ref)
{
    static const char *const LISTS[] = {
        [DEAL_ASSIGNEES] = "assignees",
        [DEAL_CONTACTS] = "contacts",
        [DEAL_ORGANIZATIONS] = "organizations",
        [DEAL_TAGS] = "tags",
    };
    int rc = deal_fill_related(c->st, c->a, c->ws_id, d, 1);
    if (rc)
        return rc;
    size_t n = k == DEAL_TAGS ? d->ntags : 0;
    const char *const *have = NULL;
    if (k == DEAL_ASSIGNEES || k == DEAL_CONTACTS || k == DEAL_ORGANIZATIONS) {
        have = k == DEAL_ASSIGNEES  ? d->assignees
               : k == DEAL_CONTACTS ? d->contacts
                                    : d->organizations;
        n = k == DEAL_ASSIGNEES  ? d->nassignees
            : k == DEAL_CONTACTS ? d->ncontacts
                                 : d->norganizations;
    }
    for (size_t i = 0; i < n; i++)
        if (have ? str_eq(ref.u.s, have[i]) : d->tags[i] == ref.u.i)
            return RC_OK; /* already linked: attaching again changes nothing */
    if (n < INPUT_ITEMS_MAX)
        return RC_OK;
    return call_invalid(c, FIELDS[k], "The %s must not have more than %d items.", LISTS[k],
                        INPUT_ITEMS_MAX);
}

/* POST attaches (idempotent), DELETE detaches: the route's argument is the relation or'ed
 * with ATTACH or DETACH (DEAL_CONTACTS | ATTACH) */
int crm_deals_link(struct call *c)
{
    enum deal_link k = call_arg(c) & ~ATTACH;
    struct deal d;
    struct sql_val ref = SV_NULL;
    int rc = crm_deal_from_path(c, "dealId", &d);
    if (!rc)
        rc = read_ref(c, k, &ref);
    if (!rc && (call_arg(c) & ATTACH))
        rc = check_room(c, k, &d, ref);
    if (rc)
        return rc;
    /* the model touches the deal (docs/internals/model.md) */
    return call_arg(c) & ATTACH ? deal_link_add(c->st, c->ws_id, d.id, k, ref)
                                : deal_link_remove(c->st, c->ws_id, d.id, k, ref);
}

/* ---- tasks ------------------------------------------------------------------------------- */

/* spec: the body is undocumented (crm-notes §11.7); Decision (crm.md): a POST /tm/tasks
 * body, the task created by those rules and linked last */
int crm_deals_task_create(struct call *c)
{
    struct deal d;
    int64_t id = 0;
    int64_t *linked = NULL;
    size_t n = 0;
    int rc = crm_deal_from_path(c, "id", &d);
    if (!rc)
        rc = deal_task_ids(c->st, c->a, c->ws_id, d.id, &linked, &n);
    /* a deal's tasks are a child collection with the same cap (issue 13 item 9) */
    if (!rc && n >= INPUT_ITEMS_MAX)
        rc = call_invalid(c, "tasks", "The tasks must not have more than %d items.",
                          INPUT_ITEMS_MAX);
    if (!rc)
        rc = task_create_from_body(c, &id);
    if (!rc)
        rc = deal_task_add(c->st, c->ws_id, d.id, id);
    return rc ? rc : task_reply(c, id);
}

/* the deal and a live task of it, both from the path (either missing: 404) */
static int load_deal_task(struct call *c, struct deal *d, int64_t *task_id, int64_t **ids,
                          size_t *n)
{
    int rc = crm_deal_from_path(c, "id", d);
    if (!rc)
        rc = call_param_id(c, "taskId", task_id);
    if (!rc)
        rc = deal_task_ids(c->st, c->a, c->ws_id, d->id, ids, n);
    bool linked = false;
    for (size_t i = 0; !rc && i < *n; i++)
        linked = linked || (*ids)[i] == *task_id;
    return rc ? rc : linked ? RC_OK : RC_NOTFOUND;
}

int crm_deals_task_move(struct call *c)
{
    struct deal d;
    int64_t task_id, after = 0, *ids;
    size_t n;
    int rc = load_deal_task(c, &d, &task_id, &ids, &n);
    if (rc)
        return rc;
    input_id(c, "previousTaskId", IN_NULLABLE, &after);
    rc = call_check(c);
    if (!rc)
        rc = deal_task_move(c->st, c->a, c->ws_id, d.id, task_id, after);
    /* the task itself was found above: a not-found now can only be the target */
    return rc == RC_NOTFOUND ? input_invalid_id(c, "previousTaskId") : rc;
}

int crm_deals_task_detach(struct call *c)
{
    struct deal d;
    int64_t task_id, *ids;
    size_t n;
    int rc = load_deal_task(c, &d, &task_id, &ids, &n);
    return rc ? rc : deal_task_remove(c->st, c->ws_id, d.id, task_id);
}
