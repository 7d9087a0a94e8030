/* json_util.c — see json_util.h. */
#include "api/pipeline/json_util.h"
#include "core/clock.h"
#include "core/common.h"

json_t *jv_opt_text(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *text_at(const void *v, size_t i)
{
    return json_string(((const char *const *)v)[i]);
}

static json_t *int_at(const void *v, size_t i)
{
    return json_integer(((const int64_t *)v)[i]);
}

/* [at(v, 0), ..., at(v, n - 1)]; NULL when any element cannot be built */
static json_t *array_of(const void *v, size_t n, json_t *(*at)(const void *, size_t))
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, at(v, i))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

json_t *jv_texts(const char *const *v, size_t n)
{
    return array_of(v, n, text_at);
}

json_t *jv_ints(const int64_t *v, size_t n)
{
    return array_of(v, n, int_at);
}

json_t *jv_time(int64_t ms)
{
    char buf[21];
    clock_iso8601(ms, buf);
    return json_string(buf);
}
