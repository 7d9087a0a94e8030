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

/* a date sent as a number, boolean, array or object: the format message, not "must be a
 * string", so every malformed date answers alike */
static bool not_text(struct call *c, const char *field)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    return v && !json_is_string(v) && !json_is_null(v);
}

enum input_state input_date(struct call *c, const char *field, unsigned flags, int64_t *day)
{
    const char *v;
    if (not_text(c, field))
        return fail(c, field, "does not match the format Y-m-d.");
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
    if (not_text(c, field))
        return fail(c, field, "is not a valid date.");
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

/* a string that TrimStrings + ConvertEmptyStringsToNull turn into null (input.c) */
static bool blank_string(const json_t *v)
{
    if (!json_is_string(v))
        return false;
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    for (size_t i = 0; i < n; i++)
        if (!strchr(" \t\n\r\v\f", s[i]) || s[i] == '\0')
            return false;
    return true;
}

/* the array under field, or NULL with *st set; null and a blank string are null, as for
 * the scalar helpers (IN_NULLABLE: IN_NULL, IN_NOTNULL: "The field is required.") */
static json_t *array_of(struct call *c, const char *field, unsigned flags, enum input_state *st)
{
    json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    bool null = v && (json_is_null(v) || blank_string(v));
    if (!v || null) {
        if ((flags & IN_REQUIRED) || (null && (flags & IN_NOTNULL) && !(flags & IN_NULLABLE))) {
            call_invalid(c, field, "The field is required.");
            *st = IN_BAD;
        } else {
            *st = null && (flags & IN_NULLABLE) ? IN_NULL : IN_ABSENT;
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

/* "<field>.<i>" in the arena, or NULL with RC_NOMEM recorded */
static const char *item_key(struct call *c, const char *field, size_t i)
{
    size_t n = strlen(field) + 24;
    char *k = arena_alloc(c->a, n);
    if (!k) {
        call_fail(c, RC_NOMEM, NULL);
        return NULL;
    }
    snprintf(k, n, "%s.%zu", field, i);
    return k;
}

/* Read item i of arr as field "<field>.<i>" through a one-key scope, so every scalar rule
 * of input.c applies to array items too. */
static json_t *item_scope(struct call *c, const char *key, json_t *item)
{
    json_t *o = key ? json_object() : NULL;
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
        if (!scope) {
            st = IN_BAD;
            break;
        }
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
    return st; /* this field's state: errors recorded for other fields do not count */
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
        if (!scope) {
            st = IN_BAD;
            break;
        }
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
    return st; /* this field's state: errors recorded for other fields do not count */
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
    if (!key)
        return false;
    if (!json_is_object(item)) {
        fail(c, key, "must be an array.");
        return false;
    }
    /* inside a scope the new prefix extends the outer one: "locations.1.boards.0." */
    const char *full = call_key(c, key);
    size_t n = strlen(full) + 2;
    char *prefix = arena_alloc(c->a, n);
    if (!prefix) {
        call_fail(c, RC_NOMEM, NULL);
        return false;
    }
    snprintf(prefix, n, "%s.", full);
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
