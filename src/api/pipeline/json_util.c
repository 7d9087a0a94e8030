/* json_util.c — see json_util.h. */
#include "api/pipeline/json_util.h"
#include "core/clock.h"
#include "core/common.h"

json_t *jv_opt_text(const char *s)
{
    return s ? json_string(s) : json_null();
}

json_t *jv_texts(const char *const *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, json_string(v[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

json_t *jv_ints(const int64_t *v, size_t n)
{
    json_t *arr = json_array();
    for (size_t i = 0; arr && i < n; i++)
        if (json_array_append_new(arr, json_integer(v[i]))) {
            json_decref(arr);
            return NULL;
        }
    return arr;
}

json_t *jv_time(int64_t ms)
{
    char buf[21];
    clock_iso8601(ms, buf);
    return json_string(buf);
}
