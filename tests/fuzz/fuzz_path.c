/* fuzz_path.c — router_match() on arbitrary paths: the first byte picks the method, the
 * rest is the raw path. A match must be for that method (or GET for HEAD) with its
 * parameters decoded into the arena; a miss leaves an Allow list of known methods. */
#include <stdint.h>
#include <stdlib.h>

#include "api/pipeline/call.h"
#include "api/pipeline/router.h"
#include "core/arena.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const methods[] = {"GET",   "HEAD",   "POST",    "PUT",
                                          "PATCH", "DELETE", "OPTIONS", "get"};
    if (size == 0)
        return 0;
    const char *method = methods[data[0] % ARRAY_LEN(methods)];
    const char *path = (const char *)data + 1;
    size_t len = size - 1;
    struct arena a;
    arena_init(&a, data[0] & 0x80 ? 48 : 0); /* sometimes too small for the parameters */
    struct call c = {.a = &a};
    char allow[96];
    const struct route *r = router_match(method, path, len, &c, allow, sizeof(allow));
    const struct route *r2 = router_match(method, path, len, NULL, allow, sizeof(allow));
    if (r) {
        CHECK(r == r2);
        CHECK(strcmp(r->method, method) == 0 ||
              (strcmp(method, "HEAD") == 0 && strcmp(r->method, "GET") == 0));
        CHECK(c.nparams <= CALL_MAX_PARAMS);
        for (size_t i = 0; i < c.nparams; i++)
            CHECK(c.params[i].len > 0 && c.params[i].ptr[c.params[i].len] == '\0');
    } else if (!r2) {
        CHECK(strlen(allow) < sizeof(allow));
        for (const char *p = allow; *p; p++)
            CHECK((*p >= 'A' && *p <= 'Z') || *p == ',' || *p == ' ');
    }
    arena_reset(&a);
    return 0;
}
