/* crm_book.c — see crm_book.h. Arrays are read item by item through a one-key scope object,
 * as input_compound.c does, so every scalar rule (trimming, blank = null, lengths) and the
 * Laravel keys "emails.0" apply to items too. */
#include "api/crm_book.h"
#include "model/contact.h"
#include "model/organization.h"
#include "model/tag.h"
#include "model/workspace.h"

#include <stdio.h>
#include "core/common.h"

static bool is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

int crm_path_uuid(struct call *c, const char *name, const char **out)
{
    struct str s = call_param(c, name);
    if (s.len != 36)
        return RC_NOTFOUND;
    char *p = arena_strndup(c->a, s.ptr, s.len);
    if (!p)
        return RC_NOMEM;
    for (size_t i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? p[i] != '-' : !is_hex(p[i]))
            return RC_NOTFOUND;
        if (p[i] >= 'A' && p[i] <= 'F')
            p[i] = (char)(p[i] - 'A' + 'a');
    }
    *out = p;
    return RC_OK;
}

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

/* The array under field: NULL with *st = IN_ABSENT (not sent), IN_NULL (null or "": an
 * empty set) or IN_BAD. */
static json_t *array_field(struct call *c, const char *field, enum input_state *st)
{
    json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    if (!v) {
        *st = IN_ABSENT;
        return NULL;
    }
    if (json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
        *st = IN_NULL;
        return NULL;
    }
    if (!json_is_array(v)) {
        call_invalid(c, field, "The %s must be an array.", input_attr(c, field));
        *st = IN_BAD;
        return NULL;
    }
    *st = IN_VALUE;
    return v;
}

enum input_state crm_input_values(struct call *c, const char *field, enum crm_value form,
                                  struct crm_texts *out)
{
    enum input_state st;
    json_t *arr = array_field(c, field, &st);
    out->set = st == IN_VALUE || st == IN_NULL;
    out->n = 0;
    size_t len = arr ? json_array_size(arr) : 0;
    out->v = arena_calloc(c->a, len + 1, sizeof(*out->v));
    if (!out->v) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    json_t *saved = c->body;
    for (size_t i = 0; i < len; i++) {
        char key[64];
        snprintf(key, sizeof(key), "%s.%zu", field, i);
        json_t *item = json_array_get(arr, i);
        char num[32];
        json_t *scope;
        if (json_is_integer(item)) {
            /* lenient: a phone (or any value) sent as a JSON integer is its digits */
            snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(item));
            scope = json_pack("{s:s}", key, num);
        } else {
            scope = json_pack("{s:O}", key, item);
        }
        if (!scope) {
            call_fail(c, RC_NOMEM, NULL);
            return IN_BAD;
        }
        c->body = scope;
        const char *v = NULL;
        if (crm_input_value(c, key, IN_REQUIRED, form, &v) == IN_VALUE)
            out->v[out->n++] = v;
        else
            st = IN_BAD;
        c->body = saved;
        json_decref(scope);
    }
    return st;
}

static size_t error_count(const struct call *c)
{
    return c->errors ? json_object_size(c->errors) : 0;
}

/* input_uuids / input_ids answer IN_BAD when any field before them failed; the array itself
 * is good when it added no error (so its ids are still looked up and reported) */
static enum input_state own_state(const struct call *c, size_t before, enum input_state st)
{
    return st == IN_BAD && !c->rc && error_count(c) == before ? IN_VALUE : st;
}

/* "" is null (Laravel's ConvertEmptyStringsToNull), which input_uuids / input_ids take for
 * an absent key; here, as in crm_input_values, it sends an empty set */
static bool empty_string(const struct call *c, const char *field)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    return v && json_is_string(v) && json_string_length(v) == 0;
}

enum input_state crm_input_uuids(struct call *c, const char *field, struct crm_texts *out)
{
    if (empty_string(c, field)) {
        *out = (struct crm_texts){.set = true};
        return IN_NULL;
    }
    const char **v = NULL;
    size_t n = 0, before = error_count(c);
    enum input_state st = own_state(c, before, input_uuids(c, field, IN_NULLABLE, &v, &n));
    out->set = st == IN_VALUE || st == IN_NULL;
    out->v = v;
    out->n = st == IN_VALUE ? n : 0;
    return st;
}

enum input_state crm_input_tag_ids(struct call *c, const char *field, struct crm_ids *out)
{
    if (empty_string(c, field)) {
        *out = (struct crm_ids){.set = true};
        return IN_NULL;
    }
    int64_t *v = NULL;
    size_t n = 0, before = error_count(c);
    enum input_state st = own_state(c, before, input_ids(c, field, IN_NULLABLE, &v, &n));
    out->set = st == IN_VALUE || st == IN_NULL;
    out->v = v;
    out->n = st == IN_VALUE ? n : 0;
    return st;
}

static int selected_invalid(struct call *c, const char *field, size_t i)
{
    char key[64];
    snprintf(key, sizeof(key), "%s.%zu", field, i);
    return input_invalid_id(c, key);
}

/* rc of a lookup of item i: a miss becomes a 422 on "<field>.<i>" */
static int checked(struct call *c, int rc, const char *field, size_t i)
{
    if (rc == RC_NOTFOUND)
        rc = selected_invalid(c, field, i);
    return rc == RC_INVALID ? RC_OK : rc;
}

int crm_check_members(struct call *c, const char *field, const struct crm_texts *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        struct member m;
        int rc = checked(c, member_get(c->st, c->a, c->ws_id, ids->v[i], &m), field, i);
        if (rc)
            return rc;
    }
    return call_check(c);
}

int crm_check_tags(struct call *c, const char *field, const struct crm_ids *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        struct tag t;
        int rc = checked(c, tag_get(c->st, c->a, c->ws_id, ids->v[i], &t), field, i);
        if (rc)
            return rc;
    }
    return call_check(c);
}

int crm_check_organizations(struct call *c, const char *field, const struct crm_texts *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        int rc = checked(c, organization_exists(c->st, c->a, c->ws_id, ids->v[i]), field, i);
        if (rc)
            return rc;
    }
    return call_check(c);
}

int crm_check_contacts(struct call *c, const char *field, const struct crm_texts *ids)
{
    for (size_t i = 0; i < ids->n; i++) {
        int rc = checked(c, contact_exists(c->st, c->a, c->ws_id, ids->v[i]), field, i);
        if (rc)
            return rc;
    }
    return call_check(c);
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
