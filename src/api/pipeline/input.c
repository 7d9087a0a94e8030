/* input.c — see input.h. Messages follow the wording the live API uses (tm-notes §2.4):
 * "The field is required.", "The board id must be an integer.",
 * "The completed field must be true or false.". */
#include "api/pipeline/input.h"
#include "core/str.h"

#include <math.h>
#include <stdio.h>
#include "core/common.h"

const char *input_attr(struct call *c, const char *field)
{
    field = call_key(c, field);
    size_t n = strlen(field);
    char *out = arena_alloc(c->a, 2 * n + 1);
    if (!out)
        return field;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        char ch = field[i];
        if (ch >= 'A' && ch <= 'Z') {
            if (w)
                out[w++] = ' ';
            out[w++] = (char)(ch - 'A' + 'a');
        } else if (ch == '_') {
            out[w++] = ' ';
        } else {
            out[w++] = ch;
        }
    }
    out[w] = '\0';
    return out;
}

static enum input_state bad(struct call *c, const char *field, const char *what)
{
    call_invalid(c, field, "The %s %s", input_attr(c, field), what);
    return IN_BAD;
}

static enum input_state missing(struct call *c, const char *field, unsigned flags)
{
    if (flags & (IN_REQUIRED | IN_NOTNULL)) {
        call_invalid(c, field, "The field is required.");
        return IN_BAD;
    }
    return IN_ABSENT;
}

static bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' || ch == '\f';
}

/* Laravel's TrimStrings, which the live API runs on every input string */
static void trim(const char **s, size_t *len)
{
    while (*len && is_space((*s)[0])) {
        (*s)++;
        (*len)--;
    }
    while (*len && is_space((*s)[*len - 1]))
        (*len)--;
}

/* ConvertEmptyStringsToNull: a blank string is a null, for every type */
static enum input_state blank(struct call *c, const char *field, unsigned flags)
{
    return (flags & IN_NULLABLE) ? IN_NULL : missing(c, field, flags);
}

/* body and query alike: text that must become a bounded UTF-8 string */
static enum input_state take_string(struct call *c, const char *field, unsigned flags,
                                    size_t maxlen, const char *s, size_t len, const char **out)
{
    if (!utf8_valid(s, len) || memchr(s, '\0', len))
        return bad(c, field, "must be a valid UTF-8 string.");
    trim(&s, &len);
    if (len == 0)
        return blank(c, field, flags);
    if (maxlen && utf8_len(s, len) > maxlen) {
        call_invalid(c, field, "The %s must not be greater than %zu characters.",
                     input_attr(c, field), maxlen);
        return IN_BAD;
    }
    if (maxlen && (flags & IN_LONG) && input_json_len(s, len) > maxlen) {
        call_invalid(c, field, "The %s must not be greater than %zu bytes.", input_attr(c, field),
                     maxlen);
        return IN_BAD;
    }
    char *p = arena_strndup(c->a, s, len);
    if (!p) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    *out = p;
    return IN_VALUE;
}

size_t input_json_len(const char *s, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\' || ch == '\b' || ch == '\f' || ch == '\n' || ch == '\r' ||
            ch == '\t')
            len += 2;
        else if (ch < 0x20)
            len += 6; /* \u00XX */
        else
            len++;
    }
    return len;
}

static enum input_state in_range(struct call *c, const char *field, int64_t min, int64_t max,
                                 int64_t v, int64_t *out)
{
    if (v < min || v > max) {
        call_invalid(c, field, "The %s must be between %lld and %lld.", input_attr(c, field),
                     (long long)min, (long long)max);
        return IN_BAD;
    }
    *out = v;
    return IN_VALUE;
}

static enum input_state take_int(struct call *c, const char *field, unsigned flags, int64_t min,
                                 int64_t max, const char *s, size_t len, int64_t *out)
{
    int64_t v;
    trim(&s, &len);
    if (len == 0)
        return blank(c, field, flags);
    if (str_to_i64(s, len, &v))
        return bad(c, field, "must be an integer.");
    return in_range(c, field, min, max, v, out);
}

static enum input_state take_bool(struct call *c, const char *field, unsigned flags, const char *s,
                                  size_t len, bool *out)
{
    trim(&s, &len);
    if (len == 0)
        return blank(c, field, flags);
    if (str_to_bool(s, len, out)) {
        call_invalid(c, field, "The %s field must be true or false.", input_attr(c, field));
        return IN_BAD;
    }
    return IN_VALUE;
}

/* One value sent: a JSON value of the body, or the text of a query parameter. */
struct sent {
    const json_t *json; /* NULL for query text */
    struct str text;
};

/* The value of field, wherever this call's input is: the body (or the scope of an array item
 * or nested object), else, for a GET, the last query parameter called field. */
static bool lookup(const struct call *c, const char *field, struct sent *v)
{
    if (!c->body && c->input_qs) {
        const struct qs_param *p = qs_get(&c->qs, field);
        if (p)
            *v = (struct sent){NULL, p->value};
        return p != NULL;
    }
    v->json = c->body ? json_object_get(c->body, field) : NULL;
    return v->json != NULL;
}

/* false with *st set when field is absent or null: the scalar readers then stop there */
static bool present(struct call *c, const char *field, unsigned flags, struct sent *v,
                    enum input_state *st)
{
    if (!lookup(c, field, v)) {
        *st = missing(c, field, flags & ~(unsigned)IN_NOTNULL);
        return false;
    }
    if (v->json && json_is_null(v->json)) {
        *st = (flags & IN_NULLABLE) ? IN_NULL : missing(c, field, flags);
        return false;
    }
    return true;
}

bool input_not_text(struct call *c, const char *field)
{
    struct sent v;
    return lookup(c, field, &v) && v.json && !json_is_string(v.json) && !json_is_null(v.json);
}

json_t *input_array_value(struct call *c, const char *field, bool *from_qs)
{
    *from_qs = !c->body && c->input_qs;
    if (!*from_qs) {
        json_t *v = c->body ? json_object_get(c->body, field) : NULL;
        return v ? json_incref(v) : NULL;
    }
    /* spec: tm-notes §2.6, §7 — PHP reads the query as it comes: a plain name=v sets a
     * string (the last one wins), name[]= and name[N]= append to an array that a later plain
     * name= replaces again. So `tags=51` and `tags=1&tags=2` (what requests and httpx send
     * for a list) are a string, which the array readers refuse with "The tags must be an
     * array." as the live API does; only the bracketed items after the last plain one are
     * the array. */
    size_t from = 0;
    const struct qs_param *last = NULL;
    for (size_t i = 0; i < c->qs.n; i++) {
        const struct qs_param *p = &c->qs.items[i];
        if (!str_eq(p->name, field))
            continue;
        last = p;
        if (!p->bracketed)
            from = i + 1;
    }
    if (!last)
        return NULL;
    if (!last->bracketed) {
        json_t *s = json_stringn_nocheck(last->value.ptr, last->value.len);
        if (!s)
            call_fail(c, RC_NOMEM, NULL);
        return s;
    }
    json_t *arr = json_array();
    for (size_t i = from; arr && i < c->qs.n; i++) {
        const struct qs_param *p = &c->qs.items[i];
        if (!str_eq(p->name, field))
            continue;
        /* _nocheck: the item readers refuse bad UTF-8 and NULs with their own message */
        if (json_array_append_new(arr, json_stringn_nocheck(p->value.ptr, p->value.len))) {
            json_decref(arr);
            arr = NULL;
        }
    }
    if (!arr)
        call_fail(c, RC_NOMEM, NULL);
    return arr;
}

enum input_state input_string(struct call *c, const char *field, unsigned flags, size_t maxlen,
                              const char **out)
{
    enum input_state st;
    struct sent v;
    if (!present(c, field, flags, &v, &st))
        return st;
    if (!v.json)
        return take_string(c, field, flags, maxlen, v.text.ptr, v.text.len, out);
    if (!json_is_string(v.json))
        return bad(c, field, "must be a string.");
    return take_string(c, field, flags, maxlen, json_string_value(v.json),
                       json_string_length(v.json), out);
}

enum input_state input_int(struct call *c, const char *field, unsigned flags, int64_t min,
                           int64_t max, int64_t *out)
{
    enum input_state st;
    struct sent s;
    if (!present(c, field, flags, &s, &st))
        return st;
    if (!s.json)
        return take_int(c, field, flags, min, max, s.text.ptr, s.text.len, out);
    const json_t *v = s.json;
    if (json_is_integer(v))
        return in_range(c, field, min, max, (int64_t)json_integer_value(v), out);
    if (json_is_real(v)) {
        /* 5.0 is an integer to PHP clients; 5.5 is not */
        double d = json_real_value(v);
        if (d == floor(d) && fabs(d) < 9007199254740992.0)
            return in_range(c, field, min, max, (int64_t)d, out);
        return bad(c, field, "must be an integer.");
    }
    if (json_is_string(v))
        return take_int(c, field, flags, min, max, json_string_value(v), json_string_length(v),
                        out);
    return bad(c, field, "must be an integer.");
}

enum input_state input_bool(struct call *c, const char *field, unsigned flags, bool *out)
{
    enum input_state st;
    struct sent s;
    if (!present(c, field, flags, &s, &st))
        return st;
    if (!s.json)
        return take_bool(c, field, flags, s.text.ptr, s.text.len, out);
    const json_t *v = s.json;
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return IN_VALUE;
    }
    if (json_is_integer(v) && (json_integer_value(v) == 0 || json_integer_value(v) == 1)) {
        *out = json_integer_value(v) == 1;
        return IN_VALUE;
    }
    if (json_is_string(v))
        return take_bool(c, field, flags, json_string_value(v), json_string_length(v), out);
    call_invalid(c, field, "The %s field must be true or false.", input_attr(c, field));
    return IN_BAD;
}

int input_invalid_id(struct call *c, const char *field)
{
    return call_invalid(c, field, "The selected %s is invalid.", input_attr(c, field));
}

static enum input_state positive(struct call *c, const char *field, enum input_state st, int64_t v,
                                 int64_t *out)
{
    if (st != IN_VALUE)
        return st;
    if (v < 1) {
        input_invalid_id(c, field);
        return IN_BAD;
    }
    *out = v;
    return IN_VALUE;
}

enum input_state input_id(struct call *c, const char *field, unsigned flags, int64_t *out)
{
    int64_t v = 0;
    enum input_state st = input_int(c, field, flags, INT64_MIN, INT64_MAX, &v);
    return positive(c, field, st, v, out);
}

static bool is_hex_color(const char *s)
{
    if (strlen(s) != 7 || s[0] != '#')
        return false;
    for (int i = 1; i < 7; i++) {
        char ch = s[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return true;
}

enum input_state input_color(struct call *c, const char *field, unsigned flags, const char **out)
{
    const char *v;
    enum input_state st = input_string(c, field, flags, 0, &v);
    if (st != IN_VALUE)
        return st;
    if (!is_hex_color(v)) {
        call_invalid(c, field, "The %s format is invalid.", input_attr(c, field));
        return IN_BAD;
    }
    *out = v;
    return IN_VALUE;
}

static int refs(struct call *c, enum ref_kind kind, const char *field, const void *ids, size_t n,
                const size_t *at, bool keyed)
{
    bool *found = n ? arena_calloc(c->a, n, sizeof(*found)) : NULL;
    if (n && !found)
        return call_fail(c, RC_NOMEM, NULL);
    int rc = ref_find(c->st, c->a, c->ws_id, kind, ids, n, found);
    if (rc)
        return call_fail(c, rc, NULL);
    for (size_t i = 0; i < n; i++) {
        if (found[i])
            continue;
        if (!keyed) {
            input_invalid_id(c, field);
            continue;
        }
        char key[96];
        snprintf(key, sizeof(key), "%s.%zu", field, at ? at[i] : i);
        input_invalid_id(c, key);
    }
    return c->rc;
}

int input_refs(struct call *c, enum ref_kind kind, const char *field, const void *ids, size_t n,
               const size_t *at)
{
    return refs(c, kind, field, ids, n, at, true);
}

int input_ref(struct call *c, enum ref_kind kind, const char *field, const void *id)
{
    /* ids is an array of one: the int64_t or the const char * that id points at */
    return refs(c, kind, field, id, 1, NULL, false);
}
