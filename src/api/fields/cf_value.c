/* cf_value.c — see cf_value.h. A value is read with the input_* helpers inside the map
 * (c->body = the map, prefix "customFields."), so errors are keyed
 * "customFields.<fieldId>" and strings are trimmed and blank-is-null as everywhere else;
 * each type then normalises it to the JSON text stored and read back. */
#include "api/fields/cf_value.h"
#include "api/pipeline/input.h"
#include "api/pipeline/input_compound.h"
#include "api/pipeline/jsonmem.h"
#include "model/cf_value.h"
#include "model/contact.h"
#include "model/deal.h"
#include "model/task.h"
#include "core/date.h"
#include "core/str.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

/* a JSON value (reference taken) -> its text (NULL on NOMEM) */
static const char *dump(struct call *c, json_t *v)
{
    if (!v) {
        call_fail(c, RC_NOMEM, NULL);
        return NULL;
    }
    /* in the request arena (api/pipeline/jsonmem.h): nothing to free */
    const char *out = jsonmem_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
    json_decref(v);
    if (!out)
        call_fail(c, RC_NOMEM, NULL);
    return out;
}

static int bad_value(struct call *c, const char *id)
{
    return call_invalid(c, id, "The %s is invalid.", input_attr(c, id));
}

/* config.precision of a number field: 0..6, -1 when unset, -2 when out of memory (which
 * must not pass for "unset": the value would be stored unrounded) */
static int precision_of(const char *config)
{
    bool oom = false;
    json_t *cfg = config ? jsonmem_loads(config, 0, &oom) : NULL;
    if (oom)
        return -2;
    json_t *p = cfg ? json_object_get(cfg, "precision") : NULL;
    int prec = json_is_integer(p) ? (int)json_integer_value(p) : -1;
    json_decref(cfg);
    return prec >= 0 && prec <= 6 ? prec : -1;
}

/* a number (JSON or text), rounded half away from zero to precision; integral values are
 * stored as integers so 5 reads back 5, not 5.0. Done without libm (weeekd does not link
 * it): beyond 2^53 a double has no fraction left to round. */
#define CF_EXACT 9007199254740992.0
static json_t *number_json(double d, int prec)
{
    if (prec >= 0) {
        double scale = 1;
        for (int i = 0; i < prec; i++)
            scale *= 10;
        double x = d * scale;
        if (x > -CF_EXACT && x < CF_EXACT)
            d = (double)(long long)(x < 0 ? x - 0.5 : x + 0.5) / scale;
    }
    if (d > -CF_EXACT && d < CF_EXACT && d == (double)(long long)d)
        return json_integer((json_int_t)d);
    return json_real(d);
}

static bool parse_number(const char *s, size_t len, double *out)
{
    char buf[64];
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    if (len == 0 || len >= sizeof(buf))
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double d = strtod(buf, &end);
    if (*end != '\0' || !isfinite(d))
        return false;
    *out = d;
    return true;
}

/* Y-m-d or an ISO 8601 date-time -> "YYYY-MM-DDTHH:MM:SSZ" (a day alone is its midnight) */
static json_t *datetime_json(int64_t day, int64_t sec)
{
    char buf[DATE_ISO8601_SIZE];
    date_format_iso8601(day, sec, buf);
    return json_string(buf);
}

static bool is_link(const char *s)
{
    size_t skip = strncasecmp(s, "https://", 8) == 0  ? 8
                  : strncasecmp(s, "http://", 7) == 0 ? 7
                                                      : 0;
    if (!skip || !s[skip] || s[skip] == '/')
        return false;
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p <= ' ')
            return false;
    return true;
}

static bool has_option(const struct custom_field *f, const char *id)
{
    for (size_t i = 0; i < f->noptions; i++)
        if (strcmp(f->options[i].id, id) == 0)
            return true;
    return false;
}

/* an id list (array, or a single id taken as one): each an option of f, or with members a
 * member of the workspace (all looked up in one query); duplicates dropped, order kept; an
 * empty list clears. The first id that is not one sets *bad. */
static json_t *id_list(struct call *c, const struct custom_field *f, json_t *v, bool members,
                       bool *bad)
{
    size_t n = json_is_array(v) ? json_array_size(v) : 1, m = 0;
    const char **ids = arena_calloc(c->a, n + 1, sizeof(*ids));
    bool *found = arena_calloc(c->a, n + 1, sizeof(*found));
    json_t *out = ids && found ? json_array() : NULL;
    if (!out)
        return NULL;
    while (m < n && (ids[m] = json_string_value(json_is_array(v) ? json_array_get(v, m) : v)))
        m++;
    int rc = members ? ref_find(c->st, c->a, c->ws_id, REF_MEMBER, ids, m, found) : RC_OK;
    for (size_t i = 0; !members && i < m; i++)
        found[i] = has_option(f, ids[i]);
    if (rc) {
        *bad = true;
        call_fail(c, rc, NULL);
        return out;
    }
    for (size_t i = 0; i < n; i++) {
        if (i >= m || !found[i]) {
            *bad = true;
            break;
        }
        bool seen = false;
        for (size_t k = 0; k < json_array_size(out); k++)
            seen = seen || strcmp(json_string_value(json_array_get(out, k)), ids[i]) == 0;
        if (!seen && json_array_append_new(out, json_string(ids[i]))) {
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

static int option_ok(const struct custom_field *f, const char *id)
{
    return has_option(f, id) ? RC_OK : RC_NOTFOUND;
}

static bool blank_text(json_t *v)
{
    const char *s = json_string_value(v);
    for (size_t i = 0; i < json_string_length(v); i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            return false;
    return true;
}

/* Read the value of field f (key f->id of the current map) into *out: JSON text, or NULL
 * to clear. RC_OK, RC_INVALID (recorded) or a failure. */
static int read_value(struct call *c, json_t *v, const struct custom_field *f, const char **out)
{
    const char *id = f->id, *s;
    const char *t = f->type;
    *out = NULL;
    if (json_is_null(v) || (json_is_string(v) && blank_text(v)))
        return RC_OK; /* contract: null or "" (blank, as Laravel trims) clears, any type */
    json_t *j = NULL;
    if (strcmp(t, "text") == 0 || strcmp(t, "link") == 0) {
        bool link = t[0] == 'l';
        enum input_state st =
            input_string(c, id, IN_NULLABLE | IN_LONG, link ? CF_LINK_MAX : CF_TEXT_MAX, &s);
        if (st != IN_VALUE)
            return st == IN_BAD ? RC_INVALID : RC_OK;
        if (link && !is_link(s))
            return call_invalid(c, id, "The %s format is invalid.", input_attr(c, id));
        j = json_string(s);
    } else if (strcmp(t, "number") == 0) {
        double d;
        bool ok = json_is_number(v) ? (d = json_number_value(v), isfinite(d))
                                    : json_is_string(v) && parse_number(json_string_value(v),
                                                                        json_string_length(v), &d);
        if (!ok)
            return call_invalid(c, id, "The %s must be a number.", input_attr(c, id));
        int prec = precision_of(f->config);
        if (prec == -2)
            return call_fail(c, RC_NOMEM, NULL);
        j = number_json(d, prec);
    } else if (strcmp(t, "boolean") == 0) {
        bool b;
        enum input_state st = input_bool(c, id, IN_NULLABLE, &b);
        if (st != IN_VALUE)
            return st == IN_BAD ? RC_INVALID : RC_OK;
        j = json_boolean(b);
    } else if (strcmp(t, "datetime") == 0) {
        int64_t day, sec = 0;
        enum input_state st;
        /* a bare Y-m-d is a day; anything longer must carry a time of day */
        if (json_is_string(v) && json_string_length(v) <= 10)
            st = input_date(c, id, IN_NULLABLE, &day);
        else
            st = input_datetime(c, id, IN_NULLABLE, &day, &sec);
        if (st != IN_VALUE)
            return st == IN_BAD ? RC_INVALID : RC_OK;
        j = datetime_json(day, sec);
    } else if (strcmp(t, "select") == 0 || strcmp(t, "contact") == 0) {
        enum input_state st = input_string(c, id, IN_NULLABLE, 255, &s);
        if (st != IN_VALUE)
            return st == IN_BAD ? RC_INVALID : RC_OK;
        int rc = t[0] == 's' ? option_ok(f, s) : contact_exists(c->st, c->a, c->ws_id, s);
        if (rc == RC_NOTFOUND)
            return input_invalid_id(c, id);
        if (rc)
            return call_fail(c, rc, NULL);
        j = json_string(s);
    } else if (strcmp(t, "multiselect") == 0 || strcmp(t, "member") == 0 ||
               strcmp(t, "approval") == 0) {
        if (!json_is_array(v) && !json_is_string(v))
            return call_invalid(c, id, "The %s must be an array.", input_attr(c, id));
        /* counted before any id is looked up (issue 13 items 9 and 10) */
        if (json_array_size(v) > INPUT_ITEMS_MAX)
            return call_invalid(c, id, "The %s must not have more than %d items.",
                                input_attr(c, id), INPUT_ITEMS_MAX);
        bool bad = false;
        j = id_list(c, f, v, !(t[0] == 'm' && t[1] == 'u'), &bad);
        if (bad) {
            json_decref(j);
            return c->rc ? c->rc : input_invalid_id(c, id);
        }
        if (j && json_array_size(j) == 0) {
            json_decref(j);
            return RC_OK; /* Decision: an empty list clears, as null does */
        }
    } else {
        return bad_value(c, id); /* a type weeekd does not know holds no value */
    }
    *out = dump(c, j);
    return *out ? RC_OK : RC_NOMEM;
}

bool cf_body_has_map(const struct call *c)
{
    /* spec: tm-notes §2.7 — the array form [{id, value}] is accepted and ignored, as live */
    return c->body && json_is_object(json_object_get(c->body, "customFields"));
}

/* The writes the map asks for, checked against the applicable entries; set() stores one. */
static int apply(struct call *c, const struct cf_entry *e, size_t n,
                 int (*set)(struct call *c, const void *owner, const char *field,
                            const char *value),
                 const void *owner)
{
    json_t *map = json_object_get(c->body, "customFields");
    size_t count = json_object_size(map);
    const char **fields = arena_calloc(c->a, count + 1, sizeof(char *));
    const char **values = arena_calloc(c->a, count + 1, sizeof(char *));
    if (!fields || !values)
        return RC_NOMEM;
    json_t *saved_body = c->body;
    const char *saved_prefix = c->in_prefix;
    c->body = map;
    c->in_prefix = "customFields.";
    size_t k = 0;
    const char *key;
    json_t *v;
    int rc = RC_OK;
    json_object_foreach(map, key, v)
    {
        const struct custom_field *f = NULL;
        for (size_t i = 0; i < n && !f; i++)
            if (strcmp(e[i].field->id, key) == 0)
                f = e[i].field;
        if (!f) {
            /* another workspace's field, another project's, or no field at all */
            rc = input_invalid_id(c, key);
        } else {
            rc = read_value(c, v, f, &values[k]);
            if (!rc)
                fields[k++] = f->id;
        }
        if (rc && rc != RC_INVALID)
            break;
    }
    c->body = saved_body;
    c->in_prefix = saved_prefix;
    rc = call_check(c);
    for (size_t i = 0; !rc && i < k; i++)
        rc = set(c, owner, fields[i], values[i]);
    return rc;
}

static int set_task(struct call *c, const void *owner, const char *field, const char *value)
{
    return cf_value_set_task(c->st, c->ws_id, *(const int64_t *)owner, field, value);
}

static int set_deal(struct call *c, const void *owner, const char *field, const char *value)
{
    return cf_value_set_deal(c->st, c->ws_id, owner, field, value);
}

/* After the values are written (rc RC_OK, n the bytes the holder's values now take): the
 * CF_VALUES_BYTES_MAX 422, which rolls the request back with everything it wrote */
static int within_bytes(struct call *c, int rc, int64_t n)
{
    if (rc || n <= CF_VALUES_BYTES_MAX)
        return rc;
    return call_invalid(c, "customFields",
                        "The custom fields must not be greater than %d bytes in total.",
                        CF_VALUES_BYTES_MAX);
}

int cf_apply_task(struct call *c, int64_t task_id)
{
    if (!cf_body_has_map(c))
        return RC_OK;
    struct task t;
    int64_t n = 0;
    int rc = task_get(c->st, c->a, c->ws_id, task_id, &t);
    if (!rc)
        rc = apply(c, t.custom_fields, t.ncustom_fields, set_task, &task_id);
    if (!rc)
        rc = cf_value_bytes_task(c->st, c->a, c->ws_id, task_id, &n);
    return within_bytes(c, rc, n);
}

int cf_apply_deal(struct call *c, const char *deal_id)
{
    if (!cf_body_has_map(c))
        return RC_OK;
    struct deal d;
    int64_t n = 0;
    int rc = deal_get(c->st, c->a, c->ws_id, deal_id, &d);
    if (!rc)
        rc = apply(c, d.custom_fields, d.ncustom_fields, set_deal, deal_id);
    if (!rc)
        rc = cf_value_bytes_deal(c->st, c->a, c->ws_id, deal_id, &n);
    return within_bytes(c, rc, n);
}

json_t *cf_filter_value(const char *type, const char *s)
{
    double d;
    if (strcmp(type, "number") == 0)
        return parse_number(s, strlen(s), &d) ? number_json(d, -1) : NULL;
    if (strcmp(type, "boolean") == 0) {
        if (strcmp(s, "1") == 0 || strcmp(s, "true") == 0)
            return json_true();
        if (strcmp(s, "0") == 0 || strcmp(s, "false") == 0)
            return json_false();
        return NULL;
    }
    if (strcmp(type, "datetime") == 0) {
        int64_t day, sec = 0;
        size_t len = strlen(s);
        bool ok = len <= 10 ? date_parse_ymd(s, len, &day) == 0
                            : date_parse_iso8601(s, len, &day, &sec) == 0;
        return ok ? datetime_json(day, sec) : NULL;
    }
    return json_string(s);
}
