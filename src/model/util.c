/* util.c — see util.h. */
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/fold.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/common.h"

const char *like_pattern(struct arena *a, const char *text)
{
    const char *s = fold_text(a, text);
    if (!s)
        return NULL;
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

void row_read(const struct sql_rows *r, size_t i, const struct row_field *fields, size_t nfields,
              size_t size, void *out)
{
    memset(out, 0, size);
    for (size_t k = 0; k < nfields; k++) {
        char *m = (char *)out + fields[k].off;
        switch (fields[k].kind) {
        case ROW_TEXT:
            *(const char **)m = sql_text(r, i, k);
            break;
        case ROW_INT:
            *(int64_t *)m = sql_int(r, i, k);
            break;
        case ROW_INT32:
            *(int *)m = (int)sql_int(r, i, k);
            break;
        case ROW_BOOL:
            *(bool *)m = sql_int(r, i, k) != 0;
            break;
        case ROW_NUMBER: {
            double d = sql_number(r, i, k);
            memcpy(m, &d, sizeof(d));
            break;
        }
        case ROW_OPT:
            *(int64_t *)m = sql_cell(r, i, k)->type == SQL_NULL ? ROW_NONE : sql_int(r, i, k);
            break;
        }
    }
}

int exec_one(struct store *st, enum sql_id q, const struct sql_val *args, size_t nargs)
{
    int64_t changed = 0;
    int rc = store_exec(st, q, args, nargs, &changed);
    if (rc)
        return rc;
    return changed ? RC_OK : RC_NOTFOUND;
}

int query_one(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, void (*from_row)(const struct sql_rows *, size_t, void *), void *out)
{
    struct sql_rows r;
    int rc = store_query(st, a, q, args, nargs, &r);
    if (rc)
        return rc;
    if (r.nrows == 0)
        return RC_NOTFOUND;
    from_row(&r, 0, out);
    return RC_OK;
}

int query_all(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, size_t elem_size,
              void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n)
{
    struct sql_rows r;
    int rc = store_query(st, a, q, args, nargs, &r);
    if (rc)
        return rc;
    char *items = arena_calloc(a, r.nrows ? r.nrows : 1, elem_size);
    if (!items)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++)
        from_row(&r, i, items + i * elem_size);
    *out = items;
    *n = r.nrows;
    return RC_OK;
}

int ws_query_one(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                 struct sql_val key, void (*from_row)(const struct sql_rows *, size_t, void *),
                 void *out)
{
    struct sql_val args[] = {SV_INT(ws_id), key};
    return query_one(st, a, q, args, 2, from_row, out);
}

int ws_query_all(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                 struct sql_val key, size_t elem_size,
                 void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), key};
    return query_all(st, a, q, args, 2, elem_size, from_row, out, n);
}

int ws_query_list(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id, size_t elem_size,
                  void (*from_row)(const struct sql_rows *, size_t, void *), void **out, size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id)};
    return query_all(st, a, q, args, 1, elem_size, from_row, out, n);
}

int ws_exec_one(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val key)
{
    struct sql_val args[] = {SV_INT(ws_id), key};
    return exec_one(st, q, args, 2);
}

int insert_id(struct store *st, struct arena *a, enum sql_id q, const struct sql_val *args,
              size_t nargs, int64_t *id)
{
    struct sql_rows r;
    int rc = store_query(st, a, q, args, nargs, &r);
    if (!rc && r.nrows != 1)
        rc = RC_STORE;
    if (!rc)
        *id = sql_int(&r, 0, 0);
    return rc;
}

int new_uuid(struct arena *a, const char **out)
{
    char *id = arena_alloc(a, UUID_LEN + 1);
    if (!id)
        return RC_NOMEM;
    if (rand_uuid(id))
        return RC_INTERNAL;
    *out = id;
    return RC_OK;
}

int touch_row(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val id)
{
    struct sql_val args[] = {SV_INT(ws_id), id, SV_INT(clock_now_ms())};
    return exec_one(st, q, args, 3);
}

int touch_row_read(struct store *st, enum sql_id q, int64_t ws_id, struct sql_val id)
{
    struct sql_val args[] = {SV_INT(ws_id), id, SV_INT(clock_now_ms())};
    return store_exec_later(st, q, args, 3, false);
}

double sql_number(const struct sql_rows *r, size_t row, size_t col)
{
    const struct sql_val *v = sql_cell(r, row, col);
    return v->type == SQL_REAL ? v->u.d : v->type == SQL_INT ? (double)v->u.i : 0.0;
}

/* Decision: a slug clash is vanishingly rare (62^16); a few draws bound the loop */
#define SLUG_TRIES 8

int slug_insert(struct store *st, struct arena *a, enum sql_id q, struct sql_val *args,
                size_t nargs, size_t slot, const char **id)
{
    for (int i = 0; i < SLUG_TRIES; i++) {
        char *slug = arena_alloc(a, SLUG_LEN + 1);
        if (!slug)
            return RC_NOMEM;
        if (rand_slug(slug))
            return RC_INTERNAL;
        args[slot] = SV_TEXT(slug);
        struct sql_rows r;
        int rc = store_query(st, a, q, args, nargs, &r);
        if (rc)
            return rc;
        if (r.nrows) {
            *id = slug;
            return RC_OK;
        }
    }
    return RC_CONFLICT;
}
