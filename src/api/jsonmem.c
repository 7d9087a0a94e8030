/* jsonmem.c — see jsonmem.h. Each block carries a 16-byte header saying where it came from,
 * so free() knows whether to release it (malloc) or leave it to the arena's reset. */
#include "api/jsonmem.h"
#include "core/arena.h"
#include "core/rc.h"

#include <stdlib.h>
#include "core/common.h"

#define HDR 16 /* keeps max_align_t alignment of the returned pointer */

static _Thread_local jmp_buf *guard;

void jsonmem_guard(jmp_buf *jb)
{
    guard = jb;
}

static void *fail(void)
{
    if (guard)
        longjmp(*guard, 1);
    return NULL;
}

static void *json_mem_alloc(size_t n)
{
    struct arena *a = arena_current();
    unsigned char *p;
    if (n > SIZE_MAX - HDR)
        return fail();
    if (a) {
        p = arena_alloc(a, n + HDR);
        if (!p)
            return fail();
        p[0] = 1;
    } else {
        p = malloc(n + HDR);
        if (!p)
            return fail();
        p[0] = 0;
    }
    return p + HDR;
}

static void json_mem_free(void *ptr)
{
    if (!ptr)
        return;
    unsigned char *p = (unsigned char *)ptr - HDR;
    if (p[0] == 0)
        free(p);
}

json_t *jsonmem_loads(const char *text, size_t flags, bool *oom)
{
    jmp_buf jb;
    jmp_buf *volatile prev = guard;
    *oom = false;
    if (setjmp(jb)) {
        guard = prev;
        *oom = true;
        return NULL;
    }
    guard = &jb;
    json_t *v = json_loads(text, flags, NULL);
    guard = prev;
    return v;
}

struct dump_ctx {
    struct buf *b;
    int rc;
};

static int dump_cb(const char *p, size_t n, void *data)
{
    struct dump_ctx *d = data;
    if (!d->rc)
        d->rc = buf_append(d->b, p, n);
    return d->rc ? -1 : 0;
}

int jsonmem_dump(const json_t *v, size_t flags, struct buf *b)
{
    struct dump_ctx d = {b, RC_OK};
    if (!v)
        return RC_NOMEM;
    if (json_dump_callback(v, dump_cb, &d, flags) != 0 && !d.rc)
        d.rc = RC_NOMEM; /* jansson's own allocations (the loop check) failed */
    if (!d.rc && !b->ptr)
        d.rc = buf_append(b, "", 0); /* an empty dump still gives a string */
    return d.rc;
}

char *jsonmem_dumps(const json_t *v, size_t flags)
{
    struct arena *a = arena_current();
    struct buf b;
    if (!a)
        return NULL;
    buf_init(&b, a, 0);
    return jsonmem_dump(v, flags, &b) ? NULL : b.ptr;
}

void jsonmem_install(void)
{
    json_set_alloc_funcs(json_mem_alloc, json_mem_free);
}
