/* util.c — see util.h. */
#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

const char *like_escape(struct arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, 2 * n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' || s[i] == '_' || s[i] == '!')
            out[w++] = '!';
        out[w++] = s[i];
    }
    out[w] = '\0';
    return out;
}

int exec_one(struct store *st, enum query_id q, const struct sql_val *args, size_t nargs)
{
    int64_t changed = 0;
    int rc = store_exec(st, q, args, nargs, &changed);
    if (rc)
        return rc;
    return changed ? RC_OK : RC_NOTFOUND;
}
