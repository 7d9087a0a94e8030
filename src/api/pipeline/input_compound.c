/* input_compound.c — enums, dates, uuids, arrays and nested objects (see input.h). Same
 * rules as input.c: liberal in forms, precise in messages, errors keyed the way Laravel
 * keys them so clients written for the live API find them. */
#include "api/pipeline/input_compound.h"
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

/* a day (sec NULL: Y-m-d) or a day and a time of day (ISO 8601), with Laravel's message for
 * each rule */
static enum input_state read_date(struct call *c, const char *field, unsigned flags, int64_t *day,
                                  int64_t *sec)
{
    const char *what = sec ? "is not a valid date." : "does not match the format Y-m-d.";
    const char *v;
    if (input_not_text(c, field))
        return fail(c, field, what);
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    size_t n = strlen(v);
    if (sec ? date_parse_iso8601(v, n, day, sec) : date_parse_ymd(v, n, day))
        return fail(c, field, what);
    return IN_VALUE;
}

enum input_state input_date(struct call *c, const char *field, unsigned flags, int64_t *day)
{
    return read_date(c, field, flags, day, NULL);
}

enum input_state input_datetime(struct call *c, const char *field, unsigned flags, int64_t *day,
                                int64_t *sec)
{
    return read_date(c, field, flags, day, sec);
}

enum input_state input_uuid(struct call *c, const char *field, unsigned flags, const char **out)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    if (!str_is_uuid(v, strlen(v)))
        return fail_selected(c, field);
    if (!(*out = arena_strndup_lower(c->a, v, strlen(v)))) {
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

/* the array under field as a new reference, or NULL with *st set; null and a blank string
 * are null, as for the scalar helpers (IN_NULLABLE: IN_NULL, IN_NOTNULL: "The field is
 * required."). *from_qs: the items are query parameters (input_array_value). */
static json_t *array_of(struct call *c, const char *field, unsigned flags, enum input_state *st,
                        bool *from_qs)
{
    json_t *v = input_array_value(c, field, from_qs);
    if (!v && c->rc) {
        *st = IN_BAD;
        return NULL;
    }
    bool null = v && (json_is_null(v) || blank_string(v));
    if (!v || null) {
        json_decref(v);
        if ((flags & IN_REQUIRED) || (null && (flags & IN_NOTNULL) && !(flags & IN_NULLABLE))) {
            call_invalid(c, field, "The field is required.");
            *st = IN_BAD;
        } else {
            *st = null && (flags & IN_NULLABLE) ? IN_NULL : IN_ABSENT;
        }
        return NULL;
    }
    if (!json_is_array(v)) {
        json_decref(v);
        *st = fail(c, field, "must be an array.");
        return NULL;
    }
    /* before any per-item work, so a huge array costs one count (issue 13 item 10) */
    if (!*from_qs && json_array_size(v) > INPUT_ITEMS_MAX) {
        json_decref(v);
        call_invalid(c, field, "The %s must not have more than %d items.", input_attr(c, field),
                     INPUT_ITEMS_MAX);
        *st = IN_BAD;
        return NULL;
    }
    if (json_array_size(v) == 0 && (flags & IN_REQUIRED)) {
        json_decref(v);
        call_invalid(c, field, "The field is required.");
        *st = IN_BAD;
        return NULL;
    }
    *st = IN_VALUE;
    return v;
}

size_t input_count(struct call *c, const char *field)
{
    bool from_qs;
    json_t *v = input_array_value(c, field, &from_qs);
    size_t n = json_is_array(v) ? json_array_size(v) : 0;
    json_decref(v);
    return n;
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

/* The one array reader: every item of the array field (body) or every query parameter of
 * that name (GET) read by rule, errors keyed "<field>.<i>" as Laravel keys them. A blank
 * query parameter (tags[]=) is null, and Laravel leaves a null out of a filter: skipped, its
 * index kept. *out gets the good values in order, (*at)[k] the index value k was sent at. */
enum input_state input_array(struct call *c, const char *field, unsigned flags,
                             const struct input_item *rule, void **out, size_t **at, size_t *n)
{
    enum input_state st;
    bool from_qs;
    json_t *arr = array_of(c, field, flags, &st, &from_qs);
    if (!arr)
        return st;
    size_t len = json_array_size(arr), w = 0;
    /* one spare zeroed slot: a list of pointers ends in NULL */
    char *v = arena_calloc(c->a, len + 1, rule->size);
    size_t *where = arena_calloc(c->a, len + 1, sizeof(*where));
    if (!v || !where) {
        json_decref(arr);
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    json_t *saved = c->body;
    for (size_t i = 0; i < len; i++) {
        json_t *item = json_array_get(arr, i);
        if (from_qs && blank_string(item))
            continue;
        const char *key = item_key(c, field, i);
        json_t *scope = item_scope(c, key, item);
        if (!scope) {
            st = IN_BAD;
            break;
        }
        c->body = scope;
        char *slot = v + w * rule->size;
        if (rule->read(c, key, rule->arg, slot) == IN_VALUE) {
            bool dup = false;
            for (size_t k = 0; rule->same && k < w && !dup; k++)
                dup = rule->same(v + k * rule->size, slot);
            if (!dup)
                where[w++] = i;
        } else {
            st = IN_BAD;
        }
        c->body = saved;
        json_decref(scope);
    }
    json_decref(arr);
    *out = v;
    if (at)
        *at = where;
    *n = w;
    return st; /* this field's state: errors recorded for other fields do not count */
}

static enum input_state read_uuid(struct call *c, const char *key, const void *arg, void *slot)
{
    (void)arg;
    return input_uuid(c, key, IN_REQUIRED, slot);
}

static enum input_state read_id(struct call *c, const char *key, const void *arg, void *slot)
{
    (void)arg;
    return input_id(c, key, IN_REQUIRED, slot);
}

static enum input_state read_int(struct call *c, const char *key, const void *arg, void *slot)
{
    const int64_t *range = arg;
    return input_int(c, key, IN_REQUIRED, range[0], range[1], slot);
}

static enum input_state read_string(struct call *c, const char *key, const void *arg, void *slot)
{
    return input_string(c, key, IN_REQUIRED, *(const size_t *)arg, slot);
}

static enum input_state read_word(struct call *c, const char *key, const void *arg, void *slot)
{
    return input_enum(c, key, IN_REQUIRED, arg, slot);
}

static bool same_text(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y) == 0;
}

static bool same_int(const void *x, const void *y)
{
    return *(const int64_t *)x == *(const int64_t *)y;
}

enum input_state input_uuids(struct call *c, const char *field, unsigned flags, const char ***out,
                             size_t *n, size_t **at)
{
    const struct input_item rule = {sizeof(**out), read_uuid, same_text, NULL};
    return input_array(c, field, flags, &rule, (void **)out, at, n);
}

enum input_state input_ids(struct call *c, const char *field, unsigned flags, int64_t **out,
                           size_t *n, size_t **at)
{
    const struct input_item rule = {sizeof(**out), read_id, same_int, NULL};
    return input_array(c, field, flags, &rule, (void **)out, at, n);
}

enum input_state input_ints(struct call *c, const char *field, unsigned flags, int64_t min,
                            int64_t max, int64_t **out, size_t *n)
{
    const int64_t range[2] = {min, max};
    const struct input_item rule = {sizeof(**out), read_int, NULL, range};
    return input_array(c, field, flags, &rule, (void **)out, NULL, n);
}

enum input_state input_strings(struct call *c, const char *field, unsigned flags, size_t maxlen,
                               const char ***out, size_t *n)
{
    const struct input_item rule = {sizeof(**out), read_string, NULL, &maxlen};
    return input_array(c, field, flags, &rule, (void **)out, NULL, n);
}

enum input_state input_enums(struct call *c, const char *field, unsigned flags,
                             const char *const *allowed, const char ***out, size_t *n)
{
    const struct input_item rule = {sizeof(**out), read_word, NULL, allowed};
    return input_array(c, field, flags, &rule, (void **)out, NULL, n);
}

enum input_state input_objects(struct call *c, const char *field, unsigned flags, json_t **out)
{
    enum input_state st;
    bool from_qs;
    json_t *arr = array_of(c, field, flags, &st, &from_qs);
    if (arr)
        *out = arr;
    /* the body's value lives as long as the body; an array made of query parameters lives
     * in the request arena (api/pipeline/jsonmem.h) */
    if (!from_qs)
        json_decref(arr);
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
