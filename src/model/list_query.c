/* list_query.c — see list_query.h. The text is assembled from the fragments of
 * sql/queries/<kind>_list.sql (through store_fragment, which picks the connection's dialect)
 * and the program's own punctuation, nothing else: values only ever travel as parameters. */
#include "model/list_query.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include <stdio.h>
#include "core/common.h"

int lq_init(struct list_query *q, struct store *st, struct arena *a, int64_t ws_id, size_t max_args)
{
    *q = (struct list_query){.st = st, .a = a, .cap = max_args};
    buf_init(&q->b, a, LIST_QUERY_SQL_MAX);
    q->args = arena_alloc(a, (max_args ? max_args : 1) * sizeof(*q->args));
    if (!q->args)
        return q->rc = RC_NOMEM;
    if (!max_args)
        return q->rc = RC_INTERNAL;
    q->args[q->nargs++] = SV_INT(ws_id); /* $1 in every fragment */
    return RC_OK;
}

void lq_begin(struct list_query *q, struct store *st, struct arena *a, int64_t ws_id,
              size_t max_args, enum sql_frag_id head)
{
    if (!lq_init(q, st, a, ws_id, max_args))
        lq_put0(q, head);
}

int lq_end(struct list_query *q, int64_t limit, int64_t offset)
{
    lq_page(q, limit, offset);
    return q->rc;
}

void lq_text(struct list_query *q, const char *text, const struct sql_val *vals, size_t n)
{
    size_t used = 0;
    if (q->rc)
        return;
    if (q->b.len)
        q->rc = buf_puts(&q->b, " ");
    for (const char *p = text; !q->rc && *p;) {
        size_t len = strcspn(p, "$");
        q->rc = buf_append(&q->b, p, len);
        p += len;
        if (!*p || q->rc)
            break;
        if (p[1] != '_' && p[1] != '=') {
            q->rc = buf_append(&q->b, p++, 1); /* $1 and any other dollar stay as written */
            continue;
        }
        if (p[1] == '=') {
            if (!used) { /* "$=": the parameter just numbered, once more */
                q->rc = RC_INTERNAL;
                break;
            }
        } else if (used == n || q->nargs == q->cap) {
            q->rc = RC_INTERNAL;
            break;
        } else {
            q->args[q->nargs++] = vals[used++];
        }
        q->rc = buf_printf(&q->b, "$%zu", q->nargs);
        p += 2;
    }
    if (!q->rc && used != n)
        q->rc = RC_INTERNAL;
}

void lq_put(struct list_query *q, enum sql_frag_id f, const struct sql_val *vals, size_t n)
{
    lq_text(q, store_fragment(q->st, f), vals, n);
}

void lq_put0(struct list_query *q, enum sql_frag_id f)
{
    lq_put(q, f, NULL, 0);
}

void lq_put1(struct list_query *q, enum sql_frag_id f, struct sql_val v)
{
    lq_put(q, f, &v, 1);
}

void lq_any(struct list_query *q, enum sql_frag_id f, const char *json, bool ints)
{
    if (!json)
        return;
    lq_put0(q, f);
    lq_put1(q, ints ? SQLF_LIST_IN_JSON_INT : SQLF_LIST_IN_JSON, SV_TEXT(json));
    lq_text(q, ")", NULL, 0);
}

/* s, or a failure kept in q when the arena could not hold it */
static const char *or_nomem(struct list_query *q, const char *s)
{
    if (!s && !q->rc)
        q->rc = RC_NOMEM;
    return s;
}

void lq_any_texts(struct list_query *q, enum sql_frag_id f, const char *const *v, size_t n)
{
    if (n && !q->rc)
        lq_any(q, f, or_nomem(q, lq_json_texts(q->a, v, n)), false);
}

void lq_any_ints(struct list_query *q, enum sql_frag_id f, const int64_t *v, size_t n)
{
    if (n && !q->rc)
        lq_any(q, f, or_nomem(q, lq_json_ints(q->a, v, n)), true);
}

void lq_search(struct list_query *q, enum sql_frag_id f, const char *text)
{
    const char *pattern = text && !q->rc ? or_nomem(q, like_pattern(q->a, text)) : NULL;
    if (pattern)
        lq_put1(q, f, SV_TEXT(pattern));
}

void lq_page(struct list_query *q, int64_t limit, int64_t offset)
{
    struct sql_val page[] = {SV_INT(limit + 1), SV_INT(offset)};
    lq_text(q, "LIMIT $_ OFFSET $_", page, 2);
}

const char *lq_sql(const struct list_query *q)
{
    return q->rc ? NULL : q->b.ptr;
}

int lq_run(struct list_query *q, struct sql_rows *out)
{
    if (q->rc)
        return q->rc;
    return store_query_sql(q->st, q->a, q->b.ptr, q->args, q->nargs, out);
}

int lq_page_all(struct list_query *q, int64_t limit, size_t elem_size,
                void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n,
                bool *has_more)
{
    struct sql_rows r;
    int rc = lq_run(q, &r);
    if (rc)
        return rc;
    size_t rows = r.nrows;
    *has_more = rows > (size_t)limit;
    if (*has_more)
        rows = (size_t)limit;
    char *items = arena_calloc(q->a, rows ? rows : 1, elem_size);
    if (!items)
        return RC_NOMEM;
    for (size_t i = 0; i < rows; i++)
        from_row(&r, i, items + i * elem_size);
    *out = items;
    *n = rows;
    return RC_OK;
}

const char *lq_json_texts(struct arena *a, const char *const *v, size_t n)
{
    size_t len = 3;
    for (size_t i = 0; i < n; i++)
        len += 6 * strlen(v[i]) + 3; /* each byte escaped as \u00XX at worst, quotes, comma */
    char *s = arena_alloc(a, len);
    if (!s)
        return NULL;
    size_t w = 0;
    s[w++] = '[';
    for (size_t i = 0; i < n; i++) {
        if (i)
            s[w++] = ',';
        s[w++] = '"';
        for (const unsigned char *p = (const unsigned char *)v[i]; *p; p++) {
            if (*p == '"' || *p == '\\') {
                s[w++] = '\\';
                s[w++] = (char)*p;
            } else if (*p < 0x20) {
                w += (size_t)snprintf(s + w, 7, "\\u%04x", *p);
            } else {
                s[w++] = (char)*p;
            }
        }
        s[w++] = '"';
    }
    s[w++] = ']';
    s[w] = '\0';
    return s;
}

const char *lq_json_ints(struct arena *a, const int64_t *v, size_t n)
{
    char *s = arena_alloc(a, n * 21 + 3);
    if (!s)
        return NULL;
    size_t w = 0;
    s[w++] = '[';
    for (size_t i = 0; i < n; i++)
        w += (size_t)snprintf(s + w, 22, "%s%lld", i ? "," : "", (long long)v[i]);
    s[w++] = ']';
    s[w] = '\0';
    return s;
}
