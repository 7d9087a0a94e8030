/* custom_field.c — see custom_field.h. Fields and options are dense orders (model/order.h).
 * Values are JSON text (model/ never sees jansson): removing an option from a multiselect
 * value is done by the small array-of-strings rewriter below. */
#include "model/custom_field.h"

#include <stdio.h>
#include <string.h>

#include "model/order.h"
#include "model/util.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "core/str.h"
#include "core/common.h"

bool cf_uuid_valid(const char *s, size_t len)
{
    return s && str_is_uuid(s, len);
}

struct cf_owner cf_owner_of(const struct custom_field *f)
{
    return (struct cf_owner){f->scope, f->project_id, f->board_id, f->funnel_id};
}

bool cf_owner_is(const struct custom_field *f, const struct cf_owner *o)
{
    if (strcmp(f->scope, o->scope) != 0)
        return false;
    if (f->project_id != o->project_id || f->board_id != o->board_id)
        return false;
    if (!f->funnel_id || !o->funnel_id)
        return !f->funnel_id && !o->funnel_id;
    return strcmp(f->funnel_id, o->funnel_id) == 0;
}

/* the owner as the five arguments $1..$5 of cf_list / cf_list_options, and the parent of
 * the ORDER_FIELDS order */
static void owner_args(struct sql_val *args, int64_t ws_id, const struct cf_owner *o)
{
    args[0] = SV_INT(ws_id);
    args[1] = SV_TEXT(o->scope);
    args[2] = SV_INT(o->project_id);
    args[3] = SV_INT(o->board_id);
    args[4] = SV_TEXT(o->funnel_id ? o->funnel_id : "");
}

const struct row_field CUSTOM_FIELD_ROW[CUSTOM_FIELD_ROW_COLS] = {
    ROW_FIELDS(struct custom_field, ROW_TEXT, id, scope),
    ROW_FIELDS(struct custom_field, ROW_INT, project_id, board_id),
    ROW_FIELDS(struct custom_field, ROW_TEXT, funnel_id, name, type, config),
    ROW_FIELDS(struct custom_field, ROW_INT, position),
};

static void cf_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, CUSTOM_FIELD_ROW, ARRAY_LEN(CUSTOM_FIELD_ROW), sizeof(struct custom_field), out);
}

static const struct row_field OPTION_ROW[] = {
    ROW_FIELDS(struct custom_field_option, ROW_TEXT, id, field_id, name, color),
    ROW_FIELDS(struct custom_field_option, ROW_INT, position),
};

static void option_from_row(const struct sql_rows *r, size_t i, void *out)
{
    row_read(r, i, OPTION_ROW, ARRAY_LEN(OPTION_ROW), sizeof(struct custom_field_option), out);
}

int custom_field_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                     struct custom_field *out)
{
    if (!cf_uuid_valid(id, strlen(id)))
        return RC_NOTFOUND;
    int rc = ws_query_one(st, a, Q_CF_GET, ws_id, SV_TEXT(id), cf_from_row, out);
    if (rc)
        return rc;
    return ws_query_all(st, a, Q_CF_OPTION_LIST, ws_id, SV_TEXT(id), sizeof(*out->options),
                        option_from_row, (void **)&out->options, &out->noptions);
}

int custom_field_list(struct store *st, struct arena *a, int64_t ws_id, const char *scope,
                      int64_t owner_id, const char *funnel_id, struct custom_field **out, size_t *n)
{
    struct cf_owner o = {.scope = scope, .funnel_id = funnel_id};
    if (strcmp(scope, CF_SCOPE_PROJECT) == 0)
        o.project_id = owner_id;
    else if (strcmp(scope, CF_SCOPE_BOARD) == 0)
        o.board_id = owner_id;
    struct sql_val args[5];
    owner_args(args, ws_id, &o);
    void *items, *opts;
    size_t nopts;
    int rc = query_all(st, a, Q_CF_LIST, args, 5, sizeof(**out), cf_from_row, &items, n);
    if (!rc)
        rc = query_all(st, a, Q_CF_LIST_OPTIONS, args, 5, sizeof(struct custom_field_option),
                       option_from_row, &opts, &nopts);
    if (rc)
        return rc;
    /* both lists come in field order (position, id), so each field's options are the next
     * run of rows naming it */
    struct custom_field *f = items;
    struct custom_field_option *op = opts;
    size_t k = 0;
    for (size_t i = 0; i < *n; i++) {
        f[i].options = op + k;
        while (k < nopts && strcmp(op[k].field_id, f[i].id) == 0) {
            f[i].noptions++;
            k++;
        }
    }
    *out = f;
    return RC_OK;
}

/* ---- fields ------------------------------------------------------------------------------ */

int custom_field_count(struct store *st, struct arena *a, int64_t ws_id, const struct cf_owner *o,
                       int64_t *n)
{
    struct sql_val args[5];
    owner_args(args, ws_id, o);
    bool funnel = strcmp(o->scope, CF_SCOPE_FUNNEL) == 0;
    struct sql_rows rows;
    int rc =
        store_query(st, a, funnel ? Q_CF_COUNT_OWNER : Q_CF_COUNT_TM, args, funnel ? 5 : 1, &rows);
    if (rc)
        return rc;
    *n = rows.nrows ? sql_int(&rows, 0, 0) : 0;
    return RC_OK;
}

int custom_field_create(struct store *st, struct arena *a, int64_t ws_id, struct custom_field *f)
{
    const char *id;
    int rc = new_uuid(a, &id);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_TEXT(id),
                             SV_TEXT(f->scope),
                             f->project_id ? SV_INT(f->project_id) : SV_NULL,
                             f->board_id ? SV_INT(f->board_id) : SV_NULL,
                             SV_TEXT_OR_NULL(f->funnel_id),
                             SV_TEXT_OR_NULL(f->name),
                             SV_TEXT(f->type),
                             SV_TEXT_OR_NULL(f->config),
                             SV_INT(clock_now_ms()),
                             SV_INT(f->project_id),
                             SV_INT(f->board_id),
                             SV_TEXT(f->funnel_id ? f->funnel_id : "")};
    rc = store_exec(st, Q_CF_INSERT, args, ARRAY_LEN(args), NULL);
    return rc ? rc : custom_field_get(st, a, ws_id, id, f);
}

int custom_field_update(struct store *st, int64_t ws_id, const struct custom_field *f)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(f->id), SV_TEXT_OR_NULL(f->name),
                             SV_TEXT_OR_NULL(f->config)};
    return exec_one(st, Q_CF_UPDATE, args, 4);
}

int custom_field_delete(struct store *st, struct arena *a, int64_t ws_id,
                        const struct custom_field *f)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(f->id)};
    int rc = exec_one(st, Q_CF_DELETE, args, 2);
    struct cf_owner owner = cf_owner_of(f);
    if (rc)
        return rc;
    struct sql_val parent[5];
    owner_args(parent, ws_id, &owner);
    return order_compact(st, a, ORDER_FIELDS, parent, 5);
}

int custom_field_transfer(struct store *st, struct arena *a, int64_t ws_id,
                          const struct custom_field *f, const struct cf_owner *to)
{
    if (cf_owner_is(f, to))
        return RC_OK;
    struct sql_val args[] = {SV_INT(ws_id),
                             SV_TEXT(f->id),
                             SV_TEXT(to->scope),
                             to->project_id ? SV_INT(to->project_id) : SV_NULL,
                             to->board_id ? SV_INT(to->board_id) : SV_NULL,
                             SV_TEXT_OR_NULL(to->funnel_id),
                             SV_INT(to->project_id),
                             SV_INT(to->board_id),
                             SV_TEXT(to->funnel_id ? to->funnel_id : "")};
    int rc = exec_one(st, Q_CF_SET_OWNER, args, ARRAY_LEN(args));
    if (rc)
        return rc;
    /* the old owner's order closes up */
    struct cf_owner from = cf_owner_of(f);
    struct sql_val parent[5];
    owner_args(parent, ws_id, &from);
    return order_compact(st, a, ORDER_FIELDS, parent, 5);
}

int custom_field_move(struct store *st, struct arena *a, int64_t ws_id,
                      const struct custom_field *f, const char *target, bool after)
{
    struct cf_owner owner = cf_owner_of(f);
    struct sql_val parent[5], to = SV_TEXT(target);
    owner_args(parent, ws_id, &owner);
    return order_move(st, a, ORDER_FIELDS, parent, 5, SV_TEXT(f->id), &to, after);
}

/* ---- options ----------------------------------------------------------------------------- */

int cf_option_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                  struct custom_field_option *out)
{
    if (!cf_uuid_valid(id, strlen(id)))
        return RC_NOTFOUND;
    return ws_query_one(st, a, Q_CF_OPTION_GET, ws_id, SV_TEXT(id), option_from_row, out);
}

int cf_option_create(struct store *st, struct arena *a, int64_t ws_id,
                     struct custom_field_option *o)
{
    const char *id;
    int rc = new_uuid(a, &id);
    if (rc)
        return rc;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id), SV_TEXT(o->field_id), SV_TEXT(o->name),
                             SV_TEXT(o->color)};
    rc = store_exec(st, Q_CF_OPTION_INSERT, args, ARRAY_LEN(args), NULL);
    return rc ? rc : cf_option_get(st, a, ws_id, id, o);
}

int cf_option_update(struct store *st, int64_t ws_id, const struct custom_field_option *o)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(o->id), SV_TEXT(o->name), SV_TEXT(o->color)};
    return exec_one(st, Q_CF_OPTION_UPDATE, args, 4);
}

/* skip JSON whitespace */
static const char *ws_skip(const char *p)
{
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    return p;
}

int cf_array_without(struct arena *a, const char *arr, const char *id, const char **out,
                     bool *changed)
{
    /* the result is never longer than arr plus the brackets */
    char *res = arena_alloc(a, strlen(arr) + 3);
    if (!res)
        return RC_NOMEM;
    size_t idlen = strlen(id), kept = 0, w = 0;
    *changed = false;
    const char *p = ws_skip(arr);
    if (*p++ != '[')
        return RC_INVALID;
    res[w++] = '[';
    p = ws_skip(p);
    if (*p == ']') {
        *out = NULL;
        return *ws_skip(p + 1) ? RC_INVALID : RC_OK;
    }
    for (;;) {
        if (*p != '"')
            return RC_INVALID;
        const char *s = p++;
        /* find the closing quote, stepping over escapes; the item is copied verbatim */
        while (*p && *p != '"')
            p += (*p == '\\' && p[1]) ? 2 : 1;
        if (*p != '"')
            return RC_INVALID;
        p++;
        size_t len = (size_t)(p - s);
        if (len == idlen + 2 && memcmp(s + 1, id, idlen) == 0) {
            *changed = true;
        } else {
            if (kept++)
                res[w++] = ',';
            memcpy(res + w, s, len);
            w += len;
        }
        p = ws_skip(p);
        if (*p == ']')
            break;
        if (*p++ != ',')
            return RC_INVALID;
        p = ws_skip(p);
    }
    if (*ws_skip(p + 1))
        return RC_INVALID;
    res[w++] = ']';
    res[w] = '\0';
    *out = kept ? res : NULL;
    return RC_OK;
}

/* take option id out of the values of field f (see cf_option_delete) */
static int values_drop_option(struct store *st, struct arena *a, int64_t ws_id,
                              const struct custom_field *f, const char *id)
{
    if (strcmp(f->type, "select") == 0) {
        size_t n = strlen(id) + 3;
        char *json = arena_alloc(a, n);
        if (!json)
            return RC_NOMEM;
        snprintf(json, n, "\"%s\"", id);
        struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(f->id), SV_TEXT(json)};
        return store_exec(st, Q_CF_VALUES_DELETE_EQUAL, args, 3, NULL);
    }
    if (strcmp(f->type, "multiselect") != 0)
        return RC_OK;
    /* a UUID holds no LIKE wildcard, so the pattern matches the id literally; the rows found
     * are rewritten one by one (few: only those holding the option) */
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(f->id), SV_TEXT(id)};
    struct sql_rows r;
    int rc = store_query(st, a, Q_CF_VALUES_CONTAINING, args, 3, &r);
    for (size_t i = 0; !rc && i < r.nrows; i++) {
        const char *text;
        bool changed;
        /* Decision: a value that is not an array of strings is left as it is (the values
         * code never writes one); rewriting it could lose data */
        if (cf_array_without(a, sql_text(&r, i, 2), id, &text, &changed) || !changed)
            continue;
        bool is_task = sql_cell(&r, i, 0)->type != SQL_NULL;
        struct sql_val owner = is_task ? SV_INT(sql_int(&r, i, 0)) : SV_TEXT(sql_text(&r, i, 1));
        if (text) {
            struct sql_val set[] = {SV_INT(ws_id), SV_TEXT(f->id), owner, SV_TEXT(text)};
            rc = store_exec(st, is_task ? Q_CF_VALUE_SET_TASK : Q_CF_VALUE_SET_DEAL, set, 4, NULL);
        } else {
            struct sql_val del[] = {SV_INT(ws_id), SV_TEXT(f->id), owner};
            rc = store_exec(st, is_task ? Q_CF_VALUE_DELETE_TASK : Q_CF_VALUE_DELETE_DEAL, del, 3,
                            NULL);
        }
    }
    return rc;
}

int cf_option_delete(struct store *st, struct arena *a, int64_t ws_id, const struct custom_field *f,
                     const struct custom_field_option *o)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(o->id)};
    int rc = exec_one(st, Q_CF_OPTION_DELETE, args, 2);
    if (!rc)
        rc = values_drop_option(st, a, ws_id, f, o->id);
    struct sql_val parent[] = {SV_INT(ws_id), SV_TEXT(f->id)};
    return rc ? rc : order_compact(st, a, ORDER_OPTIONS, parent, 2);
}

int cf_option_move(struct store *st, struct arena *a, int64_t ws_id,
                   const struct custom_field_option *o, const char *target, bool after)
{
    struct sql_val parent[] = {SV_INT(ws_id), SV_TEXT(o->field_id)}, to = SV_TEXT(target);
    return order_move(st, a, ORDER_OPTIONS, parent, 2, SV_TEXT(o->id), &to, after);
}
