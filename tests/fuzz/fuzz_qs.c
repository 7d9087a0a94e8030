/* fuzz_qs.c — qs_parse() on arbitrary bytes, once with room to spare and once under
 * a tiny arena cap, with a fresh arena each time. Checks what qs.h promises: RC_OK,
 * RC_BADREQ or RC_NOMEM; at most QS_MAX_PARAMS parameters, each with a non-empty decoded
 * name that qs_get()/qs_count() find again and a NUL-terminated value. */
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/rc.h"
#include "http/qs.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

static void parse_with_cap(const char *s, size_t size, size_t cap)
{
    struct arena a;
    struct qs q;
    arena_init(&a, cap);
    int rc = qs_parse(&a, s, size, &q);
    CHECK(rc == RC_OK || rc == RC_BADREQ || rc == RC_NOMEM);
    if (rc == RC_OK) {
        CHECK(q.n <= QS_MAX_PARAMS);
        for (size_t i = 0; i < q.n; i++) {
            const struct qs_param *p = &q.items[i];
            CHECK(p->name.len > 0 && p->name.len <= size);
            CHECK(p->value.len <= size);
            CHECK(p->value.ptr[p->value.len] == '\0'); /* a name may end at "[]" instead */
            if (!memchr(p->name.ptr, '\0', p->name.len)) {
                char *name = arena_strndup(&a, p->name.ptr, p->name.len);
                if (!name)
                    continue;
                const struct qs_param *last = qs_get(&q, name);
                CHECK(last && last >= p);
                CHECK(qs_count(&q, name) >= 1);
            }
        }
    }
    arena_reset(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    parse_with_cap(s, size, 0);
    parse_with_cap(s, size, 64 + size % 512);
    return 0;
}
