/* crm.c — see crm.h. */
#include "api/crm/crm.h"
#include "model/deal.h"
#include "model/funnel.h"
#include "core/rand.h"
#include "core/common.h"

const char *const CRM_WIN_STATUSES[] = {"won", "lost", "archived", NULL};

/* s without the whitespace around it (Laravel trims every input) */
struct str crm_trim(struct str s)
{
    while (s.len && (s.ptr[0] == ' ' || s.ptr[0] == '\t' || s.ptr[0] == '\n' || s.ptr[0] == '\r')) {
        s.ptr++;
        s.len--;
    }
    while (s.len && (s.ptr[s.len - 1] == ' ' || s.ptr[s.len - 1] == '\t' ||
                     s.ptr[s.len - 1] == '\n' || s.ptr[s.len - 1] == '\r'))
        s.len--;
    return s;
}

int crm_param_slug(struct call *c, const char *name, const char **out)
{
    struct str s = call_param(c, name);
    if (!slug_valid(s.ptr, s.len))
        return RC_NOTFOUND;
    *out = arena_strndup(c->a, s.ptr, s.len);
    return *out ? RC_OK : RC_NOMEM;
}

enum input_state crm_input_slug(struct call *c, const char *field, unsigned flags, const char **out)
{
    const char *s;
    enum input_state st = input_string(c, field, flags, 0, &s);
    if (st != IN_VALUE)
        return st;
    if (!slug_valid(s, strlen(s))) {
        input_invalid_id(c, field);
        return IN_BAD;
    }
    *out = s;
    return IN_VALUE;
}

int crm_deal_from_path(struct call *c, const char *name, struct deal *out)
{
    const char *id;
    int rc = crm_param_slug(c, name, &id);
    return rc ? rc : deal_get_row(c->st, c->a, c->ws_id, id, out);
}

int crm_status_from_path(struct call *c, struct funnel_status *out)
{
    const char *id;
    int rc = crm_param_slug(c, "statusId", &id);
    return rc ? rc : status_find(c->st, c->a, c->ws_id, id, out);
}
