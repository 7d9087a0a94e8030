/* ws_snapshot.c — see ws_snapshot.h.
 *
 * Encoding (little-endian): "WKSNAP1\n", then per table: u16 name length, name, u16 column
 * count, per column u16 length and name, u32 row count, and the cells row by row, each a
 * type byte (0 null, 1 int64, 2 double, 3 text, 4 blob) and for text and blob a u32 length
 * and the bytes. Column names come from the database's own catalogue at save time (never
 * from input), so a snapshot restores into a schema that has gained columns since.
 *
 * Restore inserts tables parents first (the reverse of ws_admin_data_tables) with their
 * ids; a column named parent_id (tasks, portfolios: a row may name a later row) is
 * inserted as NULL and set afterwards, so no row waits for another. New rows made after a
 * restore get ids past every earlier one (AUTOINCREMENT, PostgreSQL sequences). */
#include "model/ws_snapshot.h"
#include "model/util.h"
#include "model/ws_admin.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

#define MAGIC "WKSNAP1\n"

enum { T_NULL, T_INT, T_REAL, T_TEXT, T_BLOB };

static int put_uint(struct buf *b, uint64_t v, size_t n)
{
    unsigned char x[8];
    for (size_t i = 0; i < n; i++)
        x[i] = (unsigned char)(v >> (8 * i));
    return buf_append(b, x, n);
}

static int put_bytes(struct buf *b, const char *p, size_t n, size_t lenbytes)
{
    int rc = put_uint(b, n, lenbytes);
    return rc ? rc : buf_append(b, p ? p : "", n);
}

static int put_cell(struct buf *b, const struct sql_val *v)
{
    int rc;
    switch (v->type) {
    case SQL_INT:
        rc = put_uint(b, T_INT, 1);
        return rc ? rc : put_uint(b, (uint64_t)v->u.i, 8);
    case SQL_REAL: {
        uint64_t bits;
        memcpy(&bits, &v->u.d, 8);
        rc = put_uint(b, T_REAL, 1);
        return rc ? rc : put_uint(b, bits, 8);
    }
    case SQL_TEXT:
    case SQL_BLOB:
        rc = put_uint(b, v->type == SQL_TEXT ? T_TEXT : T_BLOB, 1);
        return rc ? rc : put_bytes(b, v->u.s.ptr, v->u.s.len, 4);
    default:
        return put_uint(b, T_NULL, 1);
    }
}

static int columns(struct store *st, struct arena *a, const char *table, struct sql_rows *cols)
{
    struct sql_val args[] = {SV_TEXT(table)};
    int rc = store_query(st, a, Q_SNAPSHOT_COLUMNS, args, 1, cols);
    return !rc && cols->nrows == 0 ? RC_STORE : rc;
}

static int save_table(struct store *st, struct arena *a, int64_t ws_id, const char *table,
                      struct buf *b)
{
    struct sql_rows cols, rows = {0};
    int rc = columns(st, a, table, &cols);
    if (rc)
        return rc;
    struct buf sql;
    buf_init(&sql, a, 0);
    rc = buf_puts(&sql, "SELECT ");
    for (size_t c = 0; !rc && c < cols.nrows; c++)
        rc = buf_printf(&sql, "%s%s", c ? ", " : "", sql_text(&cols, c, 0));
    if (!rc)
        rc = buf_printf(&sql, " FROM %s WHERE ws_id = $1", table);
    struct sql_val args[] = {SV_INT(ws_id)};
    if (!rc)
        rc = store_query_sql(st, a, sql.ptr, args, 1, &rows);
    if (!rc)
        rc = put_bytes(b, table, strlen(table), 2);
    if (!rc)
        rc = put_uint(b, cols.nrows, 2);
    for (size_t c = 0; !rc && c < cols.nrows; c++)
        rc = put_bytes(b, sql_text(&cols, c, 0), strlen(sql_text(&cols, c, 0)), 2);
    if (!rc)
        rc = put_uint(b, rows.nrows, 4);
    for (size_t r = 0; !rc && r < rows.nrows; r++)
        for (size_t c = 0; !rc && c < rows.ncols; c++)
            rc = put_cell(b, sql_cell(&rows, r, c));
    return rc;
}

int ws_snapshot_save(struct store *st, struct arena *a, int64_t ws_id, const char *name,
                     struct ws_snapshot *out)
{
    struct buf b;
    buf_init(&b, a, 0);
    int rc = buf_append(&b, MAGIC, strlen(MAGIC));
    for (const char *const *t = ws_admin_data_tables; !rc && *t; t++)
        rc = save_table(st, a, ws_id, *t, &b);
    if (rc)
        return rc;
    out->name = name;
    out->created_at = clock_now_ms();
    out->bytes = (int64_t)b.len;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(name), SV_INT(out->created_at),
                             SV_INT(out->bytes), SV_BLOB(b.ptr, b.len)};
    return store_exec(st, Q_SNAPSHOT_PUT, args, ARRAY_LEN(args), NULL);
}

/* ---- decoding ---- */

struct reader {
    const unsigned char *p, *end;
    bool bad;
};

static uint64_t get_uint(struct reader *r, size_t n)
{
    if (r->bad || (size_t)(r->end - r->p) < n) {
        r->bad = true;
        return 0;
    }
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)r->p[i] << (8 * i);
    r->p += n;
    return v;
}

static const char *get_bytes(struct reader *r, size_t lenbytes, size_t *n)
{
    *n = (size_t)get_uint(r, lenbytes);
    if (r->bad || (size_t)(r->end - r->p) < *n) {
        r->bad = true;
        return NULL;
    }
    const char *s = (const char *)r->p;
    r->p += *n;
    return s;
}

static bool ident_ok(const char *s, size_t n)
{
    if (n == 0 || n > 63)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (s[i] >= '0' && s[i] <= '9')))
            return false;
    return true;
}

struct table_data {
    const char *name;
    size_t ncols, nrows;
    const char **cols;
    struct sql_val *cells; /* nrows * ncols */
};

static int decode_table(struct arena *a, struct reader *r, struct table_data *t)
{
    size_t n;
    const char *s = get_bytes(r, 2, &n);
    if (!s || !ident_ok(s, n))
        return RC_STORE;
    t->name = arena_strndup(a, s, n);
    t->ncols = (size_t)get_uint(r, 2);
    t->cols = arena_calloc(a, t->ncols ? t->ncols : 1, sizeof(*t->cols));
    if (!t->name || !t->cols)
        return RC_NOMEM;
    for (size_t c = 0; c < t->ncols; c++) {
        s = get_bytes(r, 2, &n);
        if (!s || !ident_ok(s, n))
            return RC_STORE;
        if (!(t->cols[c] = arena_strndup(a, s, n)))
            return RC_NOMEM;
    }
    t->nrows = (size_t)get_uint(r, 4);
    if (r->bad || t->ncols == 0 || t->nrows > (size_t)(r->end - r->p))
        return RC_STORE; /* every cell takes at least a byte */
    t->cells = arena_calloc(a, t->nrows * t->ncols + 1, sizeof(*t->cells));
    if (!t->cells)
        return RC_NOMEM;
    for (size_t i = 0; i < t->nrows * t->ncols && !r->bad; i++) {
        struct sql_val *v = &t->cells[i];
        int type = (int)get_uint(r, 1);
        if (type == T_INT) {
            *v = SV_INT((int64_t)get_uint(r, 8));
        } else if (type == T_REAL) {
            uint64_t bits = get_uint(r, 8);
            double d;
            memcpy(&d, &bits, 8);
            *v = SV_REAL(d);
        } else if (type == T_TEXT || type == T_BLOB) {
            s = get_bytes(r, 4, &n);
            *v = type == T_TEXT ? SV_STR(((struct str){s ? s : "", n})) : SV_BLOB(s ? s : "", n);
        } else if (type == T_NULL) {
            *v = SV_NULL;
        } else {
            r->bad = true;
        }
    }
    return r->bad ? RC_STORE : RC_OK;
}

static int insert_table(struct store *st, struct arena *a, int64_t ws_id,
                        const struct table_data *t)
{
    size_t parent = t->ncols, wscol = t->ncols, idcol = t->ncols;
    struct buf sql;
    buf_init(&sql, a, 0);
    int rc = buf_printf(&sql, "INSERT INTO %s (", t->name);
    for (size_t c = 0; !rc && c < t->ncols; c++) {
        if (strcmp(t->cols[c], "parent_id") == 0)
            parent = c;
        if (strcmp(t->cols[c], "ws_id") == 0)
            wscol = c;
        if (strcmp(t->cols[c], "id") == 0)
            idcol = c;
        rc = buf_printf(&sql, "%s%s", c ? ", " : "", t->cols[c]);
    }
    for (size_t c = 0; !rc && c < t->ncols; c++)
        rc = buf_printf(&sql, "%s$%zu", c ? ", " : ") VALUES (", c + 1);
    if (!rc)
        rc = buf_puts(&sql, ")");
    if (rc)
        return rc;
    if (wscol == t->ncols || (parent < t->ncols && idcol == t->ncols))
        return RC_STORE;
    struct sql_val *args = arena_calloc(a, t->ncols, sizeof(*args));
    if (!args)
        return RC_NOMEM;
    for (size_t r = 0; !rc && r < t->nrows; r++) {
        memcpy(args, &t->cells[r * t->ncols], t->ncols * sizeof(*args));
        args[wscol] = SV_INT(ws_id); /* the workspace it is restored into, always */
        if (parent < t->ncols)
            args[parent] = SV_NULL;
        struct sql_rows out;
        rc = store_query_sql(st, a, sql.ptr, args, t->ncols, &out);
    }
    if (rc || parent == t->ncols)
        return rc;
    const char *upd =
        arena_printf(a, "UPDATE %s SET parent_id = $1 WHERE ws_id = $2 AND id = $3", t->name);
    if (!upd)
        return RC_NOMEM;
    for (size_t r = 0; !rc && r < t->nrows; r++) {
        const struct sql_val *p = &t->cells[r * t->ncols + parent];
        if (p->type == SQL_NULL)
            continue;
        struct sql_val uargs[] = {*p, SV_INT(ws_id), t->cells[r * t->ncols + idcol]};
        struct sql_rows out;
        rc = store_query_sql(st, a, upd, uargs, 3, &out);
    }
    return rc;
}

int ws_snapshot_restore(struct store *st, struct arena *a, int64_t ws_id, const char *name)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(name)};
    int rc = store_query(st, a, Q_SNAPSHOT_GET, args, 2, &r);
    if (rc)
        return rc;
    if (r.nrows != 1)
        return RC_NOTFOUND;
    struct str data = sql_blob(&r, 0, 0);
    struct reader rd = {(const unsigned char *)data.ptr, (const unsigned char *)data.ptr + data.len,
                        false};
    if (data.len < strlen(MAGIC) || memcmp(data.ptr, MAGIC, strlen(MAGIC)) != 0)
        return RC_STORE;
    rd.p += strlen(MAGIC);
    size_t cap = 0;
    while (ws_admin_data_tables[cap])
        cap++;
    struct table_data *tables = arena_calloc(a, cap + 1, sizeof(*tables));
    if (!tables)
        return RC_NOMEM;
    size_t n = 0;
    while (rd.p < rd.end) {
        if (n == cap)
            return RC_STORE;
        rc = decode_table(a, &rd, &tables[n++]);
        if (rc)
            return rc;
    }
    rc = ws_admin_reset(st, a, ws_id);
    /* saved children first, so inserted in the reverse order: parents first */
    for (size_t i = n; !rc && i-- > 0;)
        rc = insert_table(st, a, ws_id, &tables[i]);
    return rc;
}

static void snapshot_from_row(const struct sql_rows *r, size_t i, void *out)
{
    struct ws_snapshot *s = out;
    s->name = sql_text(r, i, 0);
    s->created_at = sql_int(r, i, 1);
    s->bytes = sql_int(r, i, 2);
}

int ws_snapshot_list(struct store *st, struct arena *a, int64_t ws_id, struct ws_snapshot **out,
                     size_t *n)
{
    struct sql_val args[] = {SV_INT(ws_id)};
    return query_all(st, a, Q_SNAPSHOT_LIST, args, 1, sizeof(**out), snapshot_from_row,
                     (void **)out, n);
}

int ws_snapshot_delete(struct store *st, int64_t ws_id, const char *name)
{
    int64_t changed = 0;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(name)};
    int rc = store_exec(st, Q_SNAPSHOT_DELETE, args, 2, &changed);
    return rc ? rc : changed ? RC_OK : RC_NOTFOUND;
}
