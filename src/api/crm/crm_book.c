/* crm_book.c — see crm_book.h. Arrays are read item by item through a one-key scope object,
 * as input_compound.c does, so every scalar rule (trimming, blank = null, lengths) and the
 * Laravel keys "emails.0" apply to items too. */
#include "api/crm/crm_book.h"
#include "api/pipeline/input_compound.h"
#include "model/tag.h"

#include <stdio.h>
#include "core/common.h"

/* Decision (crm.md): an email is one '@' with something before it and a domain after it
 * that has a dot neither first nor last; no spaces or control characters anywhere. Looser
 * than RFC 5322 on purpose: it refuses what is clearly not an address and nothing else. */
static bool is_email(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == 0x7f)
            return false;
    const char *domain = at + 1, *dot = strchr(domain, '.');
    size_t dlen = strlen(domain);
    return dot && dlen >= 3 && domain[0] != '.' && domain[dlen - 1] != '.';
}

/* a phone: digits, spaces and + ( ) - . with at least one digit */
static bool is_phone(const char *s)
{
    bool digit = false;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9')
            digit = true;
        else if (!strchr(" +()-.", *p))
            return false;
    }
    return digit;
}

enum input_state crm_input_value(struct call *c, const char *field, unsigned flags,
                                 enum crm_value form, const char **out)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, CRM_VALUE_MAX, &v);
    if (st != IN_VALUE)
        return st;
    if (form == CRM_EMAIL && !is_email(v)) {
        call_invalid(c, field, "The %s must be a valid email address.", input_attr(c, field));
        return IN_BAD;
    }
    if (form == CRM_PHONE && !is_phone(v)) {
        call_invalid(c, field, "The %s format is invalid.", input_attr(c, field));
        return IN_BAD;
    }
    *out = v;
    return IN_VALUE;
}

/* one item of crm_input_values: a value of the form *arg; lenient, a phone (or any value)
 * sent as a JSON integer is its digits */
static enum input_state read_value(struct call *c, const char *key, const void *arg, void *slot)
{
    const json_t *item = json_object_get(c->body, key);
    if (!json_is_integer(item))
        return crm_input_value(c, key, IN_REQUIRED, *(const enum crm_value *)arg, slot);
    char num[32];
    snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(item));
    json_t *scope = json_pack("{s:s}", key, num), *saved = c->body;
    if (!scope) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    c->body = scope;
    enum input_state st = crm_input_value(c, key, IN_REQUIRED, *(const enum crm_value *)arg, slot);
    c->body = saved;
    json_decref(scope);
    return st;
}

enum input_state crm_input_values(struct call *c, const char *field, enum crm_value form,
                                  struct crm_texts *out)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    *out = (struct crm_texts){.v = arena_calloc(c->a, 1, sizeof(*out->v)), .set = v != NULL};
    if (!out->v) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    if (!v)
        return IN_ABSENT;
    /* null or "" is an empty set; any other text (blank too) is not an array */
    if (json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0))
        return IN_NULL;
    if (!json_is_array(v)) {
        out->set = false;
        call_invalid(c, field, "The %s must be an array.", input_attr(c, field));
        return IN_BAD;
    }
    const struct input_item rule = {sizeof(*out->v), read_value, NULL, &form};
    enum input_state st = input_array(c, field, 0, &rule, (void **)&out->v, NULL, &out->n);
    out->set = st == IN_VALUE;
    return st;
}

/* "" is null (Laravel's ConvertEmptyStringsToNull), which input_uuids / input_ids take for
 * an absent key; here, as in crm_input_values, it sends an empty set. (In a query string a
 * blank parameter is left out of the array, which then is an empty set too.) */
static bool empty_string(const struct call *c, const char *field)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    return v && json_is_string(v) && json_string_length(v) == 0;
}

/* out->set: the key was sent; out->n: 0 unless every item was good (the ids are then
 * looked up with input_refs) */
enum input_state crm_input_uuids(struct call *c, const char *field, struct crm_texts *out)
{
    *out = (struct crm_texts){.set = true};
    if (empty_string(c, field))
        return IN_NULL;
    enum input_state st = input_uuids(c, field, IN_NULLABLE, &out->v, &out->n, NULL);
    out->set = st == IN_VALUE || st == IN_NULL;
    out->n = st == IN_VALUE ? out->n : 0;
    return st;
}

enum input_state crm_input_tag_ids(struct call *c, const char *field, struct crm_ids *out)
{
    *out = (struct crm_ids){.set = true};
    if (empty_string(c, field))
        return IN_NULL;
    enum input_state st = input_ids(c, field, IN_NULLABLE, &out->v, &out->n, NULL);
    out->set = st == IN_VALUE || st == IN_NULL;
    out->n = st == IN_VALUE ? out->n : 0;
    return st;
}

int crm_read_tag(struct call *c, int64_t *tag)
{
    /* spec: organizations and contacts document `tagId`, deals `tag` (crm-notes §9.7);
     * weeekd takes either, `tagId` first */
    const char *field = "tagId";
    if (!c->body || !json_object_get(c->body, "tagId")) {
        if (c->body && json_object_get(c->body, "tag"))
            field = "tag";
    }
    if (input_id(c, field, IN_REQUIRED, tag) != IN_VALUE)
        return call_check(c);
    struct tag t;
    int rc = tag_get(c->st, c->a, c->ws_id, *tag, &t);
    if (rc == RC_NOTFOUND)
        return input_invalid_id(c, field);
    return rc;
}

void crm_read_page(struct call *c, enum crm_sort *sort, int64_t *limit, int64_t *offset)
{
    static const char *const sorts[] = {"alphabet", "-alphabet", "updatedAt", "-updatedAt"};
    static const enum crm_sort codes[] = {CRM_SORT_NAME, CRM_SORT_NAME_DESC, CRM_SORT_UPDATED,
                                          CRM_SORT_UPDATED_DESC};
    *sort = CRM_SORT_CREATED;
    *limit = CRM_LIMIT_DEFAULT;
    *offset = 0;
    /* Decision (crm.md): limit 1..100, default 50; the docs give 50 as the example */
    input_int(c, "limit", 0, 1, CRM_LIMIT_MAX, limit);
    input_int(c, "offset", 0, 0, INT32_MAX, offset);
    const char *s;
    if (input_string(c, "sort", 0, 0, &s) != IN_VALUE)
        return;
    for (size_t i = 0; i < ARRAY_LEN(sorts); i++)
        if (strcmp(s, sorts[i]) == 0) {
            *sort = codes[i];
            return;
        }
    input_invalid_id(c, "sort");
}
