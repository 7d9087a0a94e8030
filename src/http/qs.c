/* qs.c — see qs.h. Compiled with -Wconversion; fuzzed by tests/fuzz/fuzz_qs.c. */
#include "http/qs.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

/* "tags[]" -> "tags", "tags[12]" -> "tags"; any other bracket suffix is kept as written */
static bool strip_index(struct str *name)
{
    if (name->len < 3 || name->ptr[name->len - 1] != ']')
        return false;
    size_t open = name->len - 1;
    while (open > 0 && name->ptr[open - 1] >= '0' && name->ptr[open - 1] <= '9')
        open--;
    if (open == 0 || name->ptr[open - 1] != '[' || open - 1 == 0)
        return false;
    name->len = open - 1;
    return true;
}

static int decode(struct arena *a, const char *s, size_t len, struct str *out)
{
    return str_decoded_copy(a, s, len, true, out);
}

int qs_parse(struct arena *a, const char *s, size_t len, struct qs *out)
{
    out->items = NULL;
    out->n = 0;
    size_t count = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] == '&')
            count++;
    count++;
    if (count > QS_MAX_PARAMS * 4)
        return RC_BADREQ;
    struct qs_param *items = arena_alloc(a, count * sizeof(*items));
    if (!items)
        return RC_NOMEM;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && s[end] != '&')
            end++;
        if (end > pos) {
            if (out->n == QS_MAX_PARAMS)
                return RC_BADREQ;
            size_t eq = pos;
            while (eq < end && s[eq] != '=')
                eq++;
            struct qs_param *qp = &items[out->n];
            int rc = decode(a, s + pos, eq - pos, &qp->name);
            if (!rc)
                rc = decode(a, eq < end ? s + eq + 1 : "", eq < end ? end - eq - 1 : 0, &qp->value);
            if (rc)
                return rc;
            qp->bracketed = strip_index(&qp->name);
            if (qp->name.len)
                out->n++;
        }
        pos = end + 1;
    }
    out->items = items;
    return RC_OK;
}

const struct qs_param *qs_get(const struct qs *q, const char *name)
{
    for (size_t i = q->n; i > 0; i--)
        if (str_eq(q->items[i - 1].name, name))
            return &q->items[i - 1];
    return NULL;
}

size_t qs_count(const struct qs *q, const char *name)
{
    size_t n = 0;
    for (size_t i = 0; i < q->n; i++)
        if (str_eq(q->items[i].name, name))
            n++;
    return n;
}
