/* crm_query.c — see crm_query.h. */
#include "api/crm_query.h"
#include "api/crm_book.h"

#include "core/common.h"

static bool blank_value(struct str v)
{
    for (size_t i = 0; i < v.len; i++)
        if (!strchr(" \t\r\n\v\f", v.ptr[i]))
            return false;
    return true;
}

/* The values of query parameter name as the body field name of a scope object, so the
 * body's array readers apply. */
static json_t *query_array_scope(struct call *c, const char *name)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < c->query.n; i++) {
        const struct query_param *p = &c->query.items[i];
        /* a blank value (tags[]=) filters nothing, as a blank scalar is absent */
        if (!str_eq(p->name, name) || blank_value(p->value))
            continue;
        json_t *s = json_stringn_nocheck(p->value.ptr, p->value.len);
        if (!s || json_array_append_new(arr, s)) {
            json_decref(arr);
            return NULL;
        }
    }
    json_t *scope = arr ? json_pack("{s:o}", name, arr) : NULL;
    if (!scope)
        call_fail(c, RC_NOMEM, NULL);
    return scope;
}

enum input_state crm_query_uuids(struct call *c, const char *name, struct crm_texts *out)
{
    out->set = false;
    out->n = 0;
    out->v = NULL;
    if (!query_get(&c->query, name))
        return IN_ABSENT;
    json_t *scope = query_array_scope(c, name), *saved = c->body;
    if (!scope)
        return IN_BAD;
    c->body = scope;
    enum input_state st = crm_input_uuids(c, name, out);
    c->body = saved;
    json_decref(scope);
    return st;
}

enum input_state crm_query_ids(struct call *c, const char *name, struct crm_ids *out)
{
    out->set = false;
    out->n = 0;
    out->v = NULL;
    if (!query_get(&c->query, name))
        return IN_ABSENT;
    json_t *scope = query_array_scope(c, name), *saved = c->body;
    if (!scope)
        return IN_BAD;
    c->body = scope;
    enum input_state st = crm_input_tag_ids(c, name, out);
    c->body = saved;
    json_decref(scope);
    return st;
}

void crm_query_page(struct call *c, enum crm_sort *sort, int64_t *limit, int64_t *offset)
{
    static const char *const sorts[] = {"alphabet", "-alphabet", "updatedAt", "-updatedAt"};
    static const enum crm_sort codes[] = {CRM_SORT_NAME, CRM_SORT_NAME_DESC, CRM_SORT_UPDATED,
                                          CRM_SORT_UPDATED_DESC};
    *sort = CRM_SORT_CREATED;
    *limit = CRM_LIMIT_DEFAULT;
    *offset = 0;
    /* Decision (crm.md): limit 1..100, default 50; the docs give 50 as the example */
    query_int(c, "limit", 0, 1, CRM_LIMIT_MAX, limit);
    query_int(c, "offset", 0, 0, INT32_MAX, offset);
    const char *s;
    if (query_string(c, "sort", 0, 0, &s) != IN_VALUE)
        return;
    for (size_t i = 0; i < ARRAY_LEN(sorts); i++)
        if (strcmp(s, sorts[i]) == 0) {
            *sort = codes[i];
            return;
        }
    input_invalid_id(c, "sort");
}

int crm_has_more(struct call *c, bool more)
{
    /* spec: not documented for these lists; the vendor PHP client reads `hasMore` */
    c->extra = json_pack("{s:b}", "hasMore", more);
    return c->extra ? RC_OK : call_fail(c, RC_NOMEM, NULL);
}
