/* jsonmem.c — see jsonmem.h. Each block carries a 16-byte header saying where it came from,
 * so free() knows whether to release it (malloc) or leave it to the arena's reset. */
#include "api/jsonmem.h"
#include "core/arena.h"

#include <jansson.h>
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

void jsonmem_install(void)
{
    json_set_alloc_funcs(json_mem_alloc, json_mem_free);
}
