/* jsonmem.c — see jsonmem.h. Each block carries a 16-byte header saying where it came from,
 * so free() knows whether to release it (malloc) or leave it to the arena's reset. */
#include "api/pipeline/jsonmem.h"
#include "core/arena.h"
#include "core/jw.h"
#include "core/rc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Rewrite in place, outside strings, every number jansson wrote with a fraction or an
 * exponent in its shortest round-trip form: jansson 2.14 writes reals with %.17g, so a
 * deal amount of 100.01 came back as 100.01000000000001. Shortest is never longer than
 * %.17g, so the text only shrinks. Returns the new length. */
static size_t shorten_reals(char *p, size_t len)
{
    size_t r = 0, w = 0;
    bool in_str = false;
    while (r < len) {
        char ch = p[r];
        if (in_str) {
            p[w++] = p[r++];
            if (ch == '\\' && r < len)
                p[w++] = p[r++];
            else if (ch == '"')
                in_str = false;
            continue;
        }
        if (ch == '"')
            in_str = true;
        if (ch != '-' && (ch < '0' || ch > '9')) {
            p[w++] = p[r++];
            continue;
        }
        size_t start = r;
        bool real = false;
        while (r < len && strchr("+-.eE0123456789", p[r])) {
            real = real || p[r] == '.' || p[r] == 'e' || p[r] == 'E';
            r++;
        }
        char tok[40], out[40];
        size_t tl = r - start;
        size_t ol = 0;
        if (real && tl < sizeof(tok)) {
            memcpy(tok, p + start, tl);
            tok[tl] = '\0';
            ol = jw_real_shortest(strtod(tok, NULL), out, sizeof(out));
        }
        if (ol && ol <= tl) {
            memcpy(p + w, out, ol);
            w += ol;
        } else {
            memmove(p + w, p + start, tl);
            w += tl;
        }
    }
    return w;
}

int jsonmem_dump(const json_t *v, size_t flags, struct buf *b)
{
    struct dump_ctx d = {b, RC_OK};
    size_t start = b->len;
    if (!v)
        return RC_NOMEM;
    if (json_dump_callback(v, dump_cb, &d, flags) != 0 && !d.rc)
        d.rc = RC_NOMEM; /* jansson's own allocations (the loop check) failed */
    /* a caller that asked for a precision of its own keeps it */
    if (!d.rc && b->ptr && !(flags & JSON_REAL_PRECISION(31))) {
        b->len = start + shorten_reals(b->ptr + start, b->len - start);
        b->ptr[b->len] = '\0';
    }
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
