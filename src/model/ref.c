/* ref.c — see ref.h. The ids travel as one JSON array text, the form both backends unnest
 * (json_each / jsonb_array_elements_text), and the query answers the ids that exist. */
#include "model/ref.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/rc.h"
#include "store/store.h"

#include <stdio.h>
#include "core/common.h"

static const enum sql_id FIND[] = {Q_REF_TAGS, Q_REF_MEMBERS, Q_REF_CONTACTS, Q_REF_ORGANIZATIONS};

/* s as a JSON string: the uuids the readers let through need no escapes, but nothing
 * here relies on that */
static int put_text(struct buf *b, const char *s)
{
    int rc = buf_append(b, "\"", 1);
    for (const unsigned char *p = (const unsigned char *)s; !rc && *p; p++) {
        if (*p == '"' || *p == '\\')
            rc = buf_printf(b, "\\%c", *p);
        else if (*p < 0x20)
            rc = buf_printf(b, "\\u%04x", *p);
        else
            rc = buf_append(b, (const char *)p, 1);
    }
    return rc ? rc : buf_append(b, "\"", 1);
}

static int ids_json(struct arena *a, enum ref_kind kind, const void *ids, size_t n,
                    const char **out)
{
    struct buf b;
    buf_init(&b, a, 0);
    int rc = buf_append(&b, "[", 1);
    for (size_t i = 0; !rc && i < n; i++) {
        if (i)
            rc = buf_append(&b, ",", 1);
        if (!rc)
            rc = kind == REF_TAG ? buf_printf(&b, "%lld", (long long)((const int64_t *)ids)[i])
                                 : put_text(&b, ((const char *const *)ids)[i]);
    }
    if (!rc)
        rc = buf_append(&b, "]", 1);
    if (!rc)
        *out = b.ptr;
    return rc;
}

int ref_find(struct store *st, struct arena *a, int64_t ws_id, enum ref_kind kind, const void *ids,
             size_t n, bool *found)
{
    for (size_t i = 0; i < n; i++)
        found[i] = false;
    if (!n)
        return RC_OK;
    const char *list = NULL;
    int rc = ids_json(a, kind, ids, n, &list);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(list)};
    struct sql_rows r;
    rc = store_query(st, a, FIND[kind], args, 2, &r);
    if (rc)
        return rc;
    for (size_t row = 0; row < r.nrows; row++)
        for (size_t i = 0; i < n; i++)
            found[i] = found[i] ||
                       (kind == REF_TAG ? sql_int(&r, row, 0) == ((const int64_t *)ids)[i]
                                        : strcmp(sql_text(&r, row, 0) ? sql_text(&r, row, 0) : "",
                                                 ((const char *const *)ids)[i]) == 0);
    return RC_OK;
}
