/* buf.c — see buf.h. */
#include "core/buf.h"
#include "core/arena.h"
#include "core/rc.h"

#include <stdarg.h>
#include <stdio.h>
#include "core/common.h"

void buf_init(struct buf *b, struct arena *a, size_t max)
{
    b->a = a;
    b->ptr = NULL;
    b->len = b->cap = 0;
    b->max = max;
}

static int grow(struct buf *b, size_t need)
{
    if (b->max && need > b->max)
        return RC_TOOBIG;
    if (need + 1 <= b->cap)
        return RC_OK;
    if (need >= SIZE_MAX / 2)
        return RC_TOOBIG; /* the doubling below would wrap to 0 and never end */
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need + 1)
        cap *= 2;
    if (b->max && cap > b->max + 1)
        cap = b->max + 1;
    char *p = arena_alloc(b->a, cap);
    if (!p)
        return b->a->hit_limit ? RC_TOOBIG : RC_NOMEM;
    if (b->len)
        memcpy(p, b->ptr, b->len);
    b->ptr = p;
    b->cap = cap;
    return RC_OK;
}

int buf_reserve(struct buf *b, size_t n)
{
    if (b->max && n > b->max)
        return RC_TOOBIG;
    if (n >= SIZE_MAX / 2)
        return RC_TOOBIG;
    if (n + 1 <= b->cap)
        return RC_OK;
    char *p = arena_alloc(b->a, n + 1);
    if (!p)
        return b->a->hit_limit ? RC_TOOBIG : RC_NOMEM;
    if (b->len)
        memcpy(p, b->ptr, b->len);
    p[b->len] = '\0';
    b->ptr = p;
    b->cap = n + 1;
    return RC_OK;
}

int buf_append(struct buf *b, const void *data, size_t n)
{
    if (n > SIZE_MAX - b->len - 1)
        return RC_TOOBIG;
    int rc = grow(b, b->len + n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return RC_OK;
}

int buf_puts(struct buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return RC_INTERNAL;
    int rc = grow(b, b->len + (size_t)n);
    if (rc)
        return rc;
    va_start(ap, fmt);
    vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return RC_OK;
}
