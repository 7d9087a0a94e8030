/* json_util.c — see json_util.h. */
#include "api/pipeline/json_util.h"
#include "api/pipeline/jsonmem.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/rc.h"
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

void jv_write_texts(struct jw *w, const char *const *v, size_t n)
{
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        jw_str(w, v[i]);
    jw_arr_end(w);
}

void jv_write_ints(struct jw *w, const int64_t *v, size_t n)
{
    jw_arr(w);
    for (size_t i = 0; i < n; i++)
        jw_int(w, v[i]);
    jw_arr_end(w);
}

void jv_write_time(struct jw *w, int64_t ms)
{
    char buf[21];
    clock_iso8601(ms, buf);
    jw_str(w, buf);
}

void jv_write_stored(struct jw *w, const char *text)
{
    if (!text) {
        jw_null(w);
        return;
    }
    struct arena *was = arena_current();
    struct arena scratch;
    size_t room = was ? (was->used < was->limit ? was->limit - was->used : 1) : 0;
    arena_init(&scratch, room);
    arena_set_current(&scratch);
    bool oom = false;
    json_t *v = jsonmem_loads(text, JSON_DECODE_ANY, &oom);
    struct buf b;
    buf_init(&b, &scratch, 0);
    int rc = oom ? RC_NOMEM : v ? jsonmem_dump(v, JSON_COMPACT | JSON_ENCODE_ANY, &b) : RC_OK;
    arena_set_current(was);
    if (rc)
        jw_fail(w, rc);
    else if (v && b.ptr)
        jw_raw(w, b.ptr, b.len);
    else
        jw_null(w);
    if (was) {
        was->failed = was->failed || scratch.failed;
        was->hit_limit = was->hit_limit || scratch.hit_limit;
    }
    arena_reset(&scratch);
}

/* text written by fn(w, c, item, n) and parsed back */
static json_t *written(const struct call *c, const void *item, size_t n, size_t size,
                       write_fn write, bool list)
{
    struct jw w;
    jw_init(&w, c->a);
    if (list)
        jw_arr(&w);
    for (size_t i = 0; i < n; i++)
        write(&w, c, (const char *)item + i * size);
    if (list)
        jw_arr_end(&w);
    const char *text;
    size_t len;
    if (jw_finish(&w, &text, &len))
        return NULL;
    bool oom = false;
    return jsonmem_loads(text, JSON_DECODE_ANY, &oom);
}

json_t *jv_written(const struct call *c, const void *item, write_fn write)
{
    return written(c, item, 1, 0, write, false);
}

json_t *jv_written_list(const struct call *c, const void *items, size_t n, size_t size,
                        write_fn write)
{
    return written(c, items, n, size, write, true);
}
