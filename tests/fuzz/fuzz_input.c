/* fuzz_input.c — the input_* helpers on whatever JSON object the bytes parse to (as the
 * router parses bodies), and the query_* helpers on the same bytes read as a query string.
 * Checks the input.h contract: IN_VALUE sets the output, IN_BAD leaves call_check() failing,
 * and strings handed out are trimmed UTF-8 within their length limit. */
#include <stdint.h>
#include <stdlib.h>

#include "api/call.h"
#include "api/input.h"
#include "api/jsonmem.h"
#include "core/arena.h"
#include "core/str.h"
#include "core/common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)  \
    do {             \
        if (!(cond)) \
            abort(); \
    } while (0)

static const char *const fields[] = {"title", "id", "boardId", "isCompleted", "", "a"};

static void check_string(struct call *c, enum input_state st, const char *s, size_t maxlen)
{
    if (st == IN_VALUE) {
        size_t n = strlen(s);
        CHECK(n > 0 && utf8_valid(s, n));
        CHECK(maxlen == 0 || utf8_len(s, n) <= maxlen);
        CHECK(s[0] != ' ' && s[n - 1] != ' ');
    }
    if (st == IN_BAD)
        CHECK(call_check(c) != RC_OK);
}

static void read_fields(struct call *c, bool from_query)
{
    for (size_t i = 0; i < ARRAY_LEN(fields); i++) {
        const char *f = fields[i];
        unsigned flags = (unsigned)i % 4; /* every mix of IN_REQUIRED and IN_NULLABLE */
        const char *s = NULL;
        int64_t v = 0;
        bool b = false;
        enum input_state st;
        st = from_query ? query_string(c, f, flags, 5, &s) : input_string(c, f, flags, 5, &s);
        check_string(c, st, s, 5);
        st = from_query ? query_int(c, f, flags, -10, 1000, &v)
                        : input_int(c, f, flags, -10, 1000, &v);
        CHECK(st != IN_VALUE || (v >= -10 && v <= 1000));
        CHECK(st != IN_BAD || call_check(c) != RC_OK);
        st = from_query ? query_bool(c, f, flags, &b) : input_bool(c, f, flags, &b);
        CHECK(st != IN_BAD || call_check(c) != RC_OK);
        CHECK(!(flags & IN_REQUIRED) || st != IN_ABSENT);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool installed;
    if (!installed) {
        jsonmem_install();
        installed = true;
    }
    struct arena a;
    struct request req = {.method = "POST"};
    arena_init(&a, 0);
    arena_set_current(&a);

    struct call c = {.a = &a, .req = &req};
    json_t *v =
        json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, NULL);
    if (json_is_object(v)) {
        c.body = v;
        read_fields(&c, false);
    }

    struct call q = {.a = &a, .req = &req};
    if (query_parse(&a, (const char *)data, size, &q.query) == RC_OK)
        read_fields(&q, true);

    arena_set_current(NULL);
    arena_reset(&a);
    return 0;
}
