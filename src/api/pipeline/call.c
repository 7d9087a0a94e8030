/* call.c — see call.h. */
#include "api/pipeline/call.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "core/common.h"

int call_invalid(struct call *c, const char *field, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    if (c->nerrors >= CALL_ERRORS_MAX)
        return RC_INVALID; /* the body already names enough; the rest are not collected */
    c->nerrors++;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    if (!c->errors && !(c->errors = json_object()))
        return call_fail(c, RC_NOMEM, NULL);
    field = call_key(c, field);
    json_t *list = json_object_get(c->errors, field);
    if (!list) {
        list = json_array();
        if (!list || json_object_set_new(c->errors, field, list))
            return call_fail(c, RC_NOMEM, NULL);
    }
    if (json_array_append_new(list, json_string(msg)))
        return call_fail(c, RC_NOMEM, NULL);
    if (!c->message)
        c->message = arena_strdup(c->a, msg);
    return RC_INVALID;
}

const char *call_key(struct call *c, const char *field)
{
    if (!c->in_prefix)
        return field;
    size_t np = strlen(c->in_prefix), nf = strlen(field);
    char *k = arena_alloc(c->a, np + nf + 1);
    if (!k)
        return field;
    memcpy(k, c->in_prefix, np);
    memcpy(k + np, field, nf + 1);
    return k;
}

int call_check(const struct call *c)
{
    if (c->rc)
        return c->rc;
    return c->errors && json_object_size(c->errors) ? RC_INVALID : RC_OK;
}

int call_fail(struct call *c, int rc, const char *message)
{
    if (rc && !c->rc)
        c->rc = rc;
    if (message && !c->message)
        c->message = message;
    return rc;
}

int call_arg(const struct call *c)
{
    return c->arg;
}

struct str call_param(const struct call *c, const char *name)
{
    for (size_t i = 0; i < c->nparams; i++)
        if (str_eq(c->param_names[i], name))
            return c->params[i];
    return (struct str){"", 0};
}

int call_param_id(const struct call *c, const char *name, int64_t *out)
{
    struct str s = call_param(c, name);
    int64_t v;
    if (str_to_i64(s.ptr, s.len, &v) || v <= 0)
        return RC_NOTFOUND;
    *out = v;
    return RC_OK;
}

int call_param_uuid(const struct call *c, const char *name, const char **out)
{
    struct str s = call_param(c, name);
    if (!str_is_uuid(s.ptr, s.len))
        return RC_NOTFOUND;
    *out = arena_strndup_lower(c->a, s.ptr, s.len);
    return *out ? RC_OK : RC_NOMEM;
}

json_t *present_list(const struct call *c, const void *items, size_t n, size_t size,
                     present_fn to_json)
{
    json_t *list = json_array();
    for (size_t i = 0; list && i < n; i++)
        if (json_array_append_new(list, to_json(c, (const char *)items + i * size))) {
            json_decref(list);
            return NULL;
        }
    return list;
}

const char *call_bearer(const struct call *c, size_t *n)
{
    const char *h = c->req->authorization;
    if (!h)
        return NULL;
    while (*h == ' ')
        h++;
    if (strncasecmp(h, "Bearer ", 7) != 0)
        return NULL;
    h += 7;
    while (*h == ' ')
        h++;
    *n = strlen(h);
    while (*n && (h[*n - 1] == ' ' || h[*n - 1] == '\t'))
        (*n)--;
    return h;
}

int call_reply(struct call *c, json_t *payload)
{
    c->payload = payload;
    return payload ? RC_OK : RC_NOMEM;
}

int call_list(struct call *c, const void *items, size_t n, size_t size, present_fn to_json)
{
    c->payload = NULL;
    c->page = (struct call_items){.items = items, .n = n, .size = size, .to_json = to_json};
    return RC_OK;
}

int call_page(struct call *c, const void *items, size_t n, size_t size, present_fn to_json,
              const char *more_key, bool more)
{
    call_list(c, items, n, size, to_json);
    c->page.more_key = more_key;
    c->page.more = more;
    return RC_OK;
}

int call_write(struct call *c, const void *item, size_t size, write_fn write)
{
    void *copy = arena_alloc(c->a, size);
    if (!copy)
        return call_fail(c, RC_NOMEM, NULL);
    memcpy(copy, item, size);
    c->payload = NULL;
    c->page = (struct call_items){.items = copy, .n = 1, .size = size, .write = write, .one = true};
    return RC_OK;
}

int call_write_list(struct call *c, const void *items, size_t n, size_t size, write_fn write)
{
    c->payload = NULL;
    c->page = (struct call_items){.items = items, .n = n, .size = size, .write = write};
    return RC_OK;
}

int call_write_page(struct call *c, const void *items, size_t n, size_t size, write_fn write,
                    const char *more_key, bool more)
{
    call_write_list(c, items, n, size, write);
    c->page.more_key = more_key;
    c->page.more = more;
    return RC_OK;
}
