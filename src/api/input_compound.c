/* input_compound.c — enums, dates, uuids, arrays and nested objects (see input.h). Same
 * rules as input.c: liberal in forms, precise in messages, errors keyed the way Laravel
 * keys them so clients written for the live API find them. */
#include "api/input.h"
#include "core/date.h"
#include "core/str.h"

#include <stdio.h>
#include "core/common.h"

/* "The <attr> <what>" */
static enum input_state fail(struct call *c, const char *field, const char *what)
{
    call_invalid(c, field, "The %s %s", input_attr(c, field), what);
    return IN_BAD;
}

static enum input_state fail_selected(struct call *c, const char *field)
{
    input_invalid_id(c, field);
    return IN_BAD;
}

enum input_state input_enum(struct call *c, const char *field, unsigned flags,
                            const char *const *allowed, const char **out)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    for (size_t i = 0; allowed[i]; i++)
        if (strcmp(v, allowed[i]) == 0) {
            *out = allowed[i];
            return IN_VALUE;
        }
    return fail_selected(c, field);
}

enum input_state input_date(struct call *c, const char *field, unsigned flags, int64_t *day)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    if (date_parse_ymd(v, strlen(v), day))
        return fail(c, field, "does not match the format Y-m-d.");
    return IN_VALUE;
}

enum input_state input_datetime(struct call *c, const char *field, unsigned flags, int64_t *day,
                                int64_t *sec)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    if (date_parse_iso8601(v, strlen(v), day, sec))
        return fail(c, field, "is not a valid date.");
    return IN_VALUE;
}

static bool is_uuid(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        char ch = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? ch != '-'
                 : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
                     (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return true;
}

/* uuids are stored lower-case (rand_uuid); a client may send them upper-case */
static const char *lower_copy(struct arena *a, const char *s)
{
    char *p = arena_strdup(a, s);
    for (char *q = p; q && *q; q++)
        if (*q >= 'A' && *q <= 'F')
            *q = (char)(*q - 'A' + 'a');
    return p;
}

enum input_state input_uuid(struct call *c, const char *field, unsigned flags, const char **out)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    if (!is_uuid(v))
        return fail_selected(c, field);
    if (!(*out = lower_copy(c->a, v))) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    return IN_VALUE;
}

/* the array under field, or NULL with *st set */
static json_t *array_of(struct call *c, const char *field, unsigned flags, enum input_state *st)
{
    json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    if (!v || json_is_null(v) || (json_is_string(v) && json_string_length(v) == 0)) {
        if (flags & IN_REQUIRED) {
            call_invalid(c, field, "The field is required.");
            *st = IN_BAD;
        } else {
            *st = v && json_is_null(v) && (flags & IN_NULLABLE) ? IN_NULL : IN_ABSENT;
        }
        return NULL;
    }
    if (!json_is_array(v)) {
        *st = fail(c, field, "must be an array.");
        return NULL;
    }
    if (json_array_size(v) == 0 && (flags & IN_REQUIRED)) {
        call_invalid(c, field, "The field is required.");
        *st = IN_BAD;
        return NULL;
    }
    *st = IN_VALUE;
    return v;
}

/* "<field>.<i>" in the arena */
static const char *item_key(struct call *c, const char *field, size_t i)
{
    size_t n = strlen(field) + 24;
    char *k = arena_alloc(c->a, n);
    if (k)
        snprintf(k, n, "%s.%zu", field, i);
    return k ? k : field;
}

/* Read item i of arr as field "<field>.<i>" through a one-key scope, so every scalar rule
 * of input.c applies to array items too. */
static json_t *item_scope(struct call *c, const char *key, json_t *item)
{
    json_t *o = json_object();
    if (!o || json_object_set(o, key, item)) {
        json_decref(o);
        call_fail(c, RC_NOMEM, NULL);
        return NULL;
    }
    return o;
}

enum input_state input_uuids(struct call *c, const char *field, unsigned flags, const char ***out,
                             size_t *n)
{
    enum input_state st;
    json_t *arr = array_of(c, field, flags, &st);
    if (!arr)
        return st;
    size_t len = json_array_size(arr), w = 0;
    const char **v = arena_calloc(c->a, len ? len : 1, sizeof(*v));
    if (!v) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    json_t *saved = c->body;
    for (size_t i = 0; i < len; i++) {
        const char *key = item_key(c, field, i), *u = NULL;
        json_t *scope = item_scope(c, key, json_array_get(arr, i));
        if (!scope)
            break;
        c->body = scope;
        if (input_uuid(c, key, IN_REQUIRED, &u) == IN_VALUE) {
            bool dup = false;
            for (size_t k = 0; k < w && !dup; k++)
                dup = strcmp(v[k], u) == 0;
            if (!dup)
                v[w++] = u;
        } else {
            st = IN_BAD;
        }
        c->body = saved;
        json_decref(scope);
    }
    *out = v;
    *n = w;
    return call_check(c) ? IN_BAD : st;
}

enum input_state input_ids(struct call *c, const char *field, unsigned flags, int64_t **out,
                           size_t *n)
{
    enum input_state st;
    json_t *arr = array_of(c, field, flags, &st);
    if (!arr)
        return st;
    size_t len = json_array_size(arr), w = 0;
    int64_t *v = arena_calloc(c->a, len ? len : 1, sizeof(*v));
    if (!v) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    json_t *saved = c->body;
    for (size_t i = 0; i < len; i++) {
        const char *key = item_key(c, field, i);
        int64_t id = 0;
        json_t *scope = item_scope(c, key, json_array_get(arr, i));
        if (!scope)
            break;
        c->body = scope;
        if (input_id(c, key, IN_REQUIRED, &id) == IN_VALUE) {
            bool dup = false;
            for (size_t k = 0; k < w && !dup; k++)
                dup = v[k] == id;
            if (!dup)
                v[w++] = id;
        } else {
            st = IN_BAD;
        }
        c->body = saved;
        json_decref(scope);
    }
    *out = v;
    *n = w;
    return call_check(c) ? IN_BAD : st;
}

enum input_state input_objects(struct call *c, const char *field, unsigned flags, json_t **out)
{
    enum input_state st;
    json_t *arr = array_of(c, field, flags, &st);
    if (arr)
        *out = arr;
    return st;
}

bool input_enter(struct call *c, const char *field, size_t index, json_t *item,
                 struct input_scope *saved)
{
    const char *key = item_key(c, field, index);
    if (!json_is_object(item)) {
        fail(c, key, "must be an array.");
        return false;
    }
    size_t n = strlen(key) + 2;
    char *prefix = arena_alloc(c->a, n);
    if (!prefix) {
        call_fail(c, RC_NOMEM, NULL);
        return false;
    }
    snprintf(prefix, n, "%s.", key);
    saved->body = c->body;
    saved->prefix = c->in_prefix;
    c->body = item;
    c->in_prefix = prefix;
    return true;
}

void input_leave(struct call *c, const struct input_scope *saved)
{
    c->body = saved->body;
    c->in_prefix = saved->prefix;
}
