/* cf_value.c — see cf_value.h. A batch (a page of tasks or deals) costs three queries: the
 * fields that apply to any of them, the options of those fields, and their values; each
 * owner then picks its fields from that one array in C (a page is small). Which fields
 * apply is the owner's rule (task.c, deal.c), so this file knows neither. */
#include "model/cf_value.h"
#include <stdio.h>

#include "model/util.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

/* the definition columns of custom_field_from_row, without the position */
static void field_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    row_read(rows, r, CUSTOM_FIELD_ROW, CUSTOM_FIELD_ROW_COLS - 1, sizeof(struct custom_field),
             out);
}

/* "[\"id\",...]" of the fields' ids (uuids made by weeekd: nothing to escape) */
static const char *field_ids_json(struct arena *a, const struct custom_field *f, size_t n)
{
    size_t cap = 3;
    for (size_t i = 0; i < n; i++)
        cap += strlen(f[i].id) + 3;
    char *s = arena_alloc(a, cap);
    if (!s)
        return NULL;
    size_t w = 0;
    s[w++] = '[';
    for (size_t i = 0; i < n; i++)
        w += (size_t)snprintf(s + w, cap - w, "%s\"%s\"", i ? "," : "", f[i].id);
    s[w++] = ']';
    s[w] = '\0';
    return s;
}

/* the fields of query q for the owners in ids, each with its options */
static int load_fields(struct store *st, struct arena *a, int64_t ws_id, enum sql_id q,
                       const char *ids, struct custom_field **out, size_t *n)
{
    int rc =
        ws_query_all(st, a, q, ws_id, SV_TEXT(ids), sizeof(**out), field_from_row, (void **)out, n);
    if (rc || *n == 0)
        return rc;
    const char *fids = field_ids_json(a, *out, *n);
    if (!fids)
        return RC_NOMEM;
    struct sql_val oargs[] = {SV_INT(ws_id), SV_TEXT(fids)};
    struct sql_rows opts;
    rc = store_query(st, a, Q_CF_OPTIONS_FOR, oargs, 2, &opts);
    if (rc)
        return rc;
    struct custom_field_option *all = arena_calloc(a, opts.nrows ? opts.nrows : 1, sizeof(*all));
    if (!all)
        return RC_NOMEM;
    /* rows come ordered by field, so each field's options are contiguous */
    for (size_t r = 0; r < opts.nrows;) {
        const char *fid = sql_text(&opts, r, 0);
        size_t end = r;
        while (end < opts.nrows && strcmp(sql_text(&opts, end, 0), fid) == 0) {
            all[end] = (struct custom_field_option){.id = sql_text(&opts, end, 1),
                                                    .field_id = fid,
                                                    .name = sql_text(&opts, end, 2),
                                                    .color = sql_text(&opts, end, 3),
                                                    .position = (int64_t)(end - r)};
            end++;
        }
        for (size_t i = 0; i < *n; i++)
            if (strcmp((*out)[i].id, fid) == 0) {
                (*out)[i].options = &all[r];
                (*out)[i].noptions = end - r;
            }
        r = end;
    }
    return RC_OK;
}

int cf_batch_load(struct store *st, struct arena *a, int64_t ws_id, enum cf_holder h,
                  const char *ids, struct cf_batch *b)
{
    static const enum sql_id fields[] = {
        [CF_TASKS] = Q_CF_FIELDS_FOR_TASKS, [CF_DEALS] = Q_CF_FIELDS_FOR_DEALS};
    static const enum sql_id values[] = {
        [CF_TASKS] = Q_CF_VALUES_FOR_TASKS, [CF_DEALS] = Q_CF_VALUES_FOR_DEALS};
    int rc = load_fields(st, a, ws_id, fields[h], ids, &b->fields, &b->nfields);
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(ids)};
    return rc ? rc : store_query(st, a, values[h], args, 2, &b->values);
}

/* whether value row r names owner (an integer task id or a deal slug) */
static bool row_of(const struct sql_rows *vals, size_t r, const struct sql_val *owner)
{
    const struct sql_val *v = sql_cell(vals, r, 0);
    if (owner->type == SQL_INT)
        return v->type == SQL_INT && v->u.i == owner->u.i;
    return v->type == SQL_TEXT && strcmp(v->u.s.ptr, owner->u.s.ptr) == 0;
}

/* the value of field f among the owner's rows [from, to) of vals (column 1 field, 2 value) */
static const char *value_of(const struct sql_rows *vals, size_t from, size_t to,
                            const struct custom_field *f)
{
    for (size_t r = from; r < to; r++)
        if (strcmp(sql_text(vals, r, 1), f->id) == 0)
            return sql_text(vals, r, 2);
    return NULL;
}

int cf_batch_entries(struct arena *a, const struct cf_batch *b, struct sql_val owner,
                     bool (*applies)(const struct custom_field *f, const void *holder),
                     const void *holder, struct cf_entry **out, size_t *n)
{
    /* the owner's run of value rows (ordered by owner) */
    const struct sql_rows *vals = &b->values;
    size_t from = 0, to;
    while (from < vals->nrows && !row_of(vals, from, &owner))
        from++;
    to = from;
    while (to < vals->nrows && row_of(vals, to, &owner))
        to++;
    *out = arena_calloc(a, b->nfields ? b->nfields : 1, sizeof(**out));
    if (!*out)
        return RC_NOMEM;
    *n = 0;
    /* a stored value of a field that no longer applies stays in the table, unseen */
    for (size_t k = 0; k < b->nfields; k++)
        if (applies(&b->fields[k], holder))
            (*out)[(*n)++] =
                (struct cf_entry){&b->fields[k], value_of(vals, from, to, &b->fields[k])};
    return RC_OK;
}

/* delete then insert: the same two statements on both databases (no upsert on a partial
 * unique index); clear takes (ws_id, holder, field), put those and the value */
static int set_value(struct store *st, enum sql_id clear, enum sql_id put, int64_t ws_id,
                     struct sql_val holder, const char *field_id, const char *value)
{
    struct sql_val args[] = {SV_INT(ws_id), holder, SV_TEXT(field_id), SV_TEXT_OR_NULL(value)};
    int rc = store_exec(st, clear, args, 3, NULL);
    if (!rc && value)
        rc = store_exec(st, put, args, 4, NULL);
    return rc;
}

int cf_value_set_task(struct store *st, int64_t ws_id, int64_t task_id, const char *field_id,
                      const char *value)
{
    return set_value(st, Q_CF_VALUE_TASK_CLEAR, Q_CF_VALUE_TASK_PUT, ws_id, SV_INT(task_id),
                     field_id, value);
}

int cf_value_set_deal(struct store *st, int64_t ws_id, const char *deal_id, const char *field_id,
                      const char *value)
{
    return set_value(st, Q_CF_VALUE_DEAL_CLEAR, Q_CF_VALUE_DEAL_PUT, ws_id, SV_TEXT(deal_id),
                     field_id, value);
}

static int value_bytes(struct store *st, struct arena *a, enum sql_id q, int64_t ws_id,
                       struct sql_val holder, int64_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id), holder};
    struct sql_rows rows;
    int rc = store_query(st, a, q, args, ARRAY_LEN(args), &rows);
    if (rc)
        return rc;
    *n = rows.nrows ? sql_int(&rows, 0, 0) : 0;
    return RC_OK;
}

int cf_value_bytes_task(struct store *st, struct arena *a, int64_t ws_id, int64_t task_id,
                        int64_t *n)
{
    return value_bytes(st, a, Q_CF_VALUE_BYTES_TASK, ws_id, SV_INT(task_id), n);
}

int cf_value_bytes_deal(struct store *st, struct arena *a, int64_t ws_id, const char *deal_id,
                        int64_t *n)
{
    return value_bytes(st, a, Q_CF_VALUE_BYTES_DEAL, ws_id, SV_TEXT(deal_id), n);
}
