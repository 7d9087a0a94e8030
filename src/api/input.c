/* input.c — see input.h. Messages follow the wording the live API uses (tm-notes §2.4):
 * "The field is required.", "The board id must be an integer.",
 * "The completed field must be true or false.". */
#include "api/input.h"
#include "core/str.h"

#include <math.h>
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

/* shared by body and query: text that must become a bounded UTF-8 string */
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
    char *p = arena_strndup(c->a, s, len);
    if (!p) {
        call_fail(c, RC_NOMEM, NULL);
        return IN_BAD;
    }
    *out = p;
    return IN_VALUE;
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

static const json_t *field_of(struct call *c, const char *field, unsigned flags,
                              enum input_state *st)
{
    const json_t *v = c->body ? json_object_get(c->body, field) : NULL;
    if (!v) {
        *st = missing(c, field, flags & ~(unsigned)IN_NOTNULL);
        return NULL;
    }
    if (json_is_null(v)) {
        *st = (flags & IN_NULLABLE) ? IN_NULL : missing(c, field, flags);
        return NULL;
    }
    return v;
}

enum input_state input_string(struct call *c, const char *field, unsigned flags, size_t maxlen,
                              const char **out)
{
    enum input_state st;
    const json_t *v = field_of(c, field, flags, &st);
    if (!v)
        return st;
    if (!json_is_string(v))
        return bad(c, field, "must be a string.");
    return take_string(c, field, flags, maxlen, json_string_value(v), json_string_length(v), out);
}

enum input_state input_int(struct call *c, const char *field, unsigned flags, int64_t min,
                           int64_t max, int64_t *out)
{
    enum input_state st;
    const json_t *v = field_of(c, field, flags, &st);
    if (!v)
        return st;
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
    const json_t *v = field_of(c, field, flags, &st);
    if (!v)
        return st;
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

static const struct query_param *param_of(struct call *c, const char *name, unsigned flags,
                                          enum input_state *st)
{
    const struct query_param *p = query_get(&c->query, name);
    if (!p)
        *st = missing(c, name, flags);
    return p;
}

enum input_state query_string(struct call *c, const char *name, unsigned flags, size_t maxlen,
                              const char **out)
{
    enum input_state st;
    const struct query_param *p = param_of(c, name, flags, &st);
    if (!p)
        return st;
    return take_string(c, name, flags, maxlen, p->value.ptr, p->value.len, out);
}

enum input_state query_int(struct call *c, const char *name, unsigned flags, int64_t min,
                           int64_t max, int64_t *out)
{
    enum input_state st;
    const struct query_param *p = param_of(c, name, flags, &st);
    if (!p)
        return st;
    return take_int(c, name, flags, min, max, p->value.ptr, p->value.len, out);
}

enum input_state query_bool(struct call *c, const char *name, unsigned flags, bool *out)
{
    enum input_state st;
    const struct query_param *p = param_of(c, name, flags, &st);
    if (!p)
        return st;
    return take_bool(c, name, flags, p->value.ptr, p->value.len, out);
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

enum input_state query_id(struct call *c, const char *name, unsigned flags, int64_t *out)
{
    int64_t v = 0;
    enum input_state st = query_int(c, name, flags, INT64_MIN, INT64_MAX, &v);
    return positive(c, name, st, v, out);
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
