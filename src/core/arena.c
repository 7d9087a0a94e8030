/* arena.c — block bump allocator with a cap.
 * Blocks are ARENA_BLOCK_SIZE or, for large requests, exactly the request size, so a
 * large allocation never wastes a whole block. With ARENA_DEBUG set in the environment
 * every allocation is its own block, so ASan sees overflows a bump allocator would hide. */
#include "core/arena.h"
#include "core/fault.h"
#include "core/rc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

struct arena_block {
    struct arena_block *next;
    size_t size, used;
    max_align_t data[];
};

static _Thread_local struct arena *current;
static int debug_mode = -1;

struct arena *arena_current(void)
{
    return current;
}

void arena_set_current(struct arena *a)
{
    current = a;
}

void arena_init(struct arena *a, size_t limit)
{
    a->head = NULL;
    a->used = 0;
    a->limit = limit ? limit : ARENA_DEFAULT_LIMIT;
    a->hit_limit = false;
    a->failed = false;
}

static size_t align_up(size_t n)
{
    size_t al = _Alignof(max_align_t);
    return (n + al - 1) & ~(al - 1);
}

static void *alloc_block(struct arena *a, size_t size);

/* every NULL arena_alloc gives is recorded, so a caller can tell "out of memory" from any
 * other reason a JSON value could not be built (api/pipeline/reply.c): on this arena and
 * on the request's, when a scratch arena of the request's own ran short */
void *arena_alloc(struct arena *a, size_t size)
{
    void *p = alloc_block(a, size);
    if (!p) {
        a->failed = true;
        if (current)
            current->failed = true;
    }
    return p;
}

static void *alloc_block(struct arena *a, size_t size)
{
    if (debug_mode < 0)
        debug_mode = getenv("ARENA_DEBUG") != NULL;
    /* checked before rounding up, which would wrap to a tiny size near SIZE_MAX */
    if (size > SIZE_MAX / 2) {
        a->hit_limit = true;
        return NULL;
    }
    /* an injected failure looks like malloc's: hit_limit stays false, so RC_NOMEM */
    if (fault_alloc())
        return NULL;
    size = align_up(size ? size : 1);
    if (size > a->limit || a->used > a->limit - size) {
        a->hit_limit = true;
        return NULL;
    }
    struct arena_block *b = a->head;
    if (!b || debug_mode || b->size - b->used < size) {
        size_t bsize = size > ARENA_BLOCK_SIZE || debug_mode ? size : ARENA_BLOCK_SIZE;
        b = malloc(sizeof(*b) + bsize);
        if (!b)
            return NULL;
        b->size = bsize;
        b->used = 0;
        /* keep the partly used head in front when this is a one-off large block */
        if (a->head && bsize == size && !debug_mode) {
            b->next = a->head->next;
            a->head->next = b;
        } else {
            b->next = a->head;
            a->head = b;
        }
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    a->used += size;
    return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return NULL;
    void *p = arena_alloc(a, n * size);
    if (p)
        memset(p, 0, n * size);
    return p;
}

char *arena_strndup_lower(struct arena *a, const char *s, size_t n)
{
    char *p = arena_strndup(a, s, n);
    for (char *q = p; q && *q; q++)
        if (*q >= 'A' && *q <= 'Z')
            *q = (char)(*q - 'A' + 'a');
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = n < SIZE_MAX ? arena_alloc(a, n + 1) : NULL;
    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (!p)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_reset(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
    a->used = 0;
    a->hit_limit = false;
    a->failed = false;
}
