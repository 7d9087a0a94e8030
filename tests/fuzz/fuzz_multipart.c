/* fuzz_multipart.c — multipart_parse() on arbitrary bytes. An input starting "CT:" carries
 * its own Content-Type up to the first newline (so boundaries are fuzzed too); any other
 * input is a body sent with boundary "XyZ". Each runs with room to spare and under a small
 * arena cap, with a fresh arena. Checks what multipart.h promises: RC_OK, RC_BADREQ (with a
 * message), RC_TOOBIG or RC_NOMEM; at most MULTIPART_MAX_PARTS parts, each a slice of the
 * body in order, with a NUL-terminated name and (when present) filename and type. */
#include <stdint.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/rc.h"
#include "http/multipart.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

static void parse_with_cap(const char *ct, const char *body, size_t len, size_t cap)
{
    struct arena a;
    struct multipart mp;
    arena_init(&a, cap);
    int rc = multipart_parse(&a, ct, body, len, &mp);
    CHECK(rc == RC_OK || rc == RC_BADREQ || rc == RC_TOOBIG || rc == RC_NOMEM);
    if (rc == RC_BADREQ)
        CHECK(mp.error && *mp.error);
    if (rc == RC_OK) {
        CHECK(mp.n <= MULTIPART_MAX_PARTS);
        const char *prev_end = body;
        for (size_t i = 0; i < mp.n; i++) {
            const struct multipart_part *p = &mp.parts[i];
            CHECK(p->data >= prev_end && p->data + p->len <= body + len);
            prev_end = p->data + p->len;
            CHECK(p->name.ptr && p->name.ptr[p->name.len] == '\0'); /* name="" is a name */
            if (p->filename.ptr)
                CHECK(p->filename.ptr[p->filename.len] == '\0');
            CHECK(p->content_type.ptr && p->content_type.ptr[p->content_type.len] == '\0');
        }
    }
    arena_reset(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    char *ct = NULL;
    const char *body = s;
    size_t len = size;
    if (size >= 3 && memcmp(s, "CT:", 3) == 0) {
        const char *nl = memchr(s, '\n', size);
        size_t ctlen = nl ? (size_t)(nl - s) - 3 : size - 3;
        ct = malloc(ctlen + 1);
        if (!ct)
            return 0;
        memcpy(ct, s + 3, ctlen);
        ct[ctlen] = '\0';
        body = nl ? nl + 1 : s + size;
        len = nl ? size - (size_t)(nl + 1 - s) : 0;
    }
    const char *type = ct ? ct : "multipart/form-data; boundary=XyZ";
    parse_with_cap(type, body, len, 0);
    parse_with_cap(type, body, len, 256 + size % 1024);
    free(ct);
    return 0;
}
