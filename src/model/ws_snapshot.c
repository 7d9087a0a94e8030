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

/* Memory: a snapshot outgrows a request's arena (the default 16 MiB held the rows of about
 * 4,000 tasks), so save and restore work in arenas of their own, freed before they return:
 * `data` holds the encoded snapshot (at most SNAPSHOT_BYTES_MAX; growing by doubling costs
 * at most as much again), `rows` one chunk of rows (save) or one batch of inserts (restore). */
#define DATA_ARENA_LIMIT (2 * (size_t)SNAPSHOT_BYTES_MAX + ((size_t)1 << 20))
#define ROWS_ARENA_LIMIT ((size_t)SNAPSHOT_BYTES_MAX)
#define CHUNK_ROWS       1000
/* bound parameters per INSERT: under SQLite's 32766 and PostgreSQL's 65535, and so few
 * that libpq takes the statement's parameter description (4 bytes a parameter): a message
 * of that kind over 30,000 bytes is, to libpq 15, a protocol error ("lost synchronization") */
#define MAX_PARAMS 7000
#define BATCH_ROWS 500

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

static size_t column_index(const struct sql_rows *cols, const char *name)
{
    for (size_t c = 0; c < cols->nrows; c++)
        if (strcmp(sql_text(cols, c, 0), name) == 0)
            return c;
    return cols->nrows;
}

/* v copied into a (its text would go with the chunk's arena) */
static int copy_val(struct arena *a, const struct sql_val *v, struct sql_val *out)
{
    *out = *v;
    if (v->type != SQL_TEXT && v->type != SQL_BLOB)
        return RC_OK;
    char *p = arena_strndup(a, v->u.s.ptr ? v->u.s.ptr : "", v->u.s.len);
    if (!p)
        return RC_NOMEM;
    out->u.s.ptr = p;
    return RC_OK;
}

/* One table's rows, CHUNK_ROWS at a time by id where the table has one (a chunk's rows live
 * in `rows`, emptied after each), so a large table never sits decoded in memory whole. The
 * row count is written last, into the place kept for it. */
static int save_table(struct store *st, struct arena *a, struct arena *rows_arena, int64_t ws_id,
                      const char *table, struct buf *b)
{
    struct sql_rows cols;
    int rc = columns(st, a, table, &cols);
    if (rc)
        return rc;
    size_t idcol = column_index(&cols, "id");
    bool keyset = idcol < cols.nrows;
    struct buf sql;
    buf_init(&sql, a, 0);
    rc = buf_puts(&sql, "SELECT ");
    for (size_t c = 0; !rc && c < cols.nrows; c++)
        rc = buf_printf(&sql, "%s%s", c ? ", " : "", sql_text(&cols, c, 0));
    if (!rc)
        rc = buf_printf(&sql, " FROM %s WHERE ws_id = $1", table);
    /* ids are integers in some tables and text in others: the next chunk binds the last
     * id read, whatever its type, and both compare in the order ORDER BY gave */
    const char *first =
        rc || !keyset ? sql.ptr : arena_printf(a, "%s ORDER BY id LIMIT %d", sql.ptr, CHUNK_ROWS);
    const char *next =
        rc || !keyset ? NULL
                      : arena_printf(a, "%s AND id > $2 ORDER BY id LIMIT %d", sql.ptr, CHUNK_ROWS);
    if (!rc && (!first || (keyset && !next)))
        rc = RC_NOMEM;
    if (!rc)
        rc = put_bytes(b, table, strlen(table), 2);
    if (!rc)
        rc = put_uint(b, cols.nrows, 2);
    for (size_t c = 0; !rc && c < cols.nrows; c++)
        rc = put_bytes(b, sql_text(&cols, c, 0), strlen(sql_text(&cols, c, 0)), 2);
    size_t count_at = b->len;
    if (!rc)
        rc = put_uint(b, 0, 4);
    uint64_t count = 0;
    struct sql_val args[] = {SV_INT(ws_id), SV_NULL};
    for (bool more = !rc; more;) {
        struct sql_rows rows = {0};
        rc = store_query_sql(st, rows_arena, count ? next : first, args, count ? 2 : 1, &rows);
        for (size_t r = 0; !rc && r < rows.nrows; r++)
            for (size_t c = 0; !rc && c < rows.ncols; c++)
                rc = put_cell(b, sql_cell(&rows, r, c));
        count += rows.nrows;
        more = !rc && keyset && rows.nrows == CHUNK_ROWS;
        if (more) {
            rc = copy_val(a, sql_cell(&rows, rows.nrows - 1, idcol), &args[1]);
            more = !rc;
        }
        arena_reset(rows_arena);
    }
    if (!rc && count > UINT32_MAX)
        rc = RC_TOOBIG;
    for (size_t i = 0; !rc && i < 4; i++)
        b->ptr[count_at + i] = (char)(unsigned char)(count >> (8 * i));
    return rc;
}

int ws_snapshot_save(struct store *st, struct arena *a, int64_t ws_id, const char *name,
                     struct ws_snapshot *out)
{
    struct arena data, rows;
    arena_init(&data, DATA_ARENA_LIMIT);
    arena_init(&rows, ROWS_ARENA_LIMIT);
    struct buf b;
    buf_init(&b, &data, SNAPSHOT_BYTES_MAX);
    int rc = buf_append(&b, MAGIC, strlen(MAGIC));
    for (const char *const *t = ws_admin_data_tables; !rc && *t; t++)
        rc = save_table(st, a, &rows, ws_id, *t, &b);
    if (!rc) {
        out->name = name;
        out->created_at = clock_now_ms();
        out->bytes = (int64_t)b.len;
        struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(name), SV_INT(out->created_at),
                                 SV_INT(out->bytes), SV_BLOB(b.ptr, b.len)};
        rc = store_exec(st, Q_SNAPSHOT_PUT, args, ARRAY_LEN(args), NULL);
    }
    arena_reset(&rows);
    arena_reset(&data);
    return rc;
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

/* A table's header, and where its cells start: rows are decoded a batch at a time, straight
 * from the snapshot's bytes (text and blobs point into them), never all at once. */
struct table_data {
    const char *name;
    size_t ncols, nrows;
    const char **cols;
    struct reader cells;
};

static void get_cell(struct reader *r, struct sql_val *v)
{
    size_t n;
    int type = (int)get_uint(r, 1);
    if (type == T_INT) {
        *v = SV_INT((int64_t)get_uint(r, 8));
    } else if (type == T_REAL) {
        uint64_t bits = get_uint(r, 8);
        double d;
        memcpy(&d, &bits, 8);
        *v = SV_REAL(d);
    } else if (type == T_TEXT || type == T_BLOB) {
        const char *s = get_bytes(r, 4, &n);
        *v = type == T_TEXT ? SV_STR(((struct str){s ? s : "", n})) : SV_BLOB(s ? s : "", n);
    } else if (type == T_NULL) {
        *v = SV_NULL;
    } else {
        r->bad = true;
    }
}

/* Read a table's header and step over its cells (checking them). */
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
    if (r->bad || t->ncols == 0 || t->ncols > MAX_PARAMS || t->nrows > (size_t)(r->end - r->p))
        return RC_STORE; /* every cell takes at least a byte */
    t->cells = *r;
    struct sql_val v;
    for (size_t i = 0; i < t->nrows * t->ncols && !r->bad; i++)
        get_cell(r, &v);
    return r->bad ? RC_STORE : RC_OK;
}

/* "INSERT INTO t (c1, …) VALUES ($1, …), (…)" for `rows` rows */
static const char *insert_sql(struct arena *a, const struct table_data *t, size_t rows)
{
    struct buf sql;
    buf_init(&sql, a, 0);
    int rc = buf_printf(&sql, "INSERT INTO %s (", t->name);
    for (size_t c = 0; !rc && c < t->ncols; c++)
        rc = buf_printf(&sql, "%s%s", c ? ", " : "", t->cols[c]);
    rc = rc ? rc : buf_puts(&sql, ") VALUES ");
    for (size_t r = 0; !rc && r < rows; r++)
        for (size_t c = 0; !rc && c < t->ncols; c++)
            rc = buf_printf(&sql, "%s$%zu%s",
                            c   ? ", "
                            : r ? ", ("
                                : "(",
                            r * t->ncols + c + 1, c + 1 == t->ncols ? ")" : "");
    return rc ? NULL : sql.ptr;
}

static size_t find_col(const struct table_data *t, const char *name)
{
    for (size_t c = 0; c < t->ncols; c++)
        if (strcmp(t->cols[c], name) == 0)
            return c;
    return t->ncols;
}

/* Rows go in as multi-row INSERTs of up to `batch` rows (one round trip each on
 * PostgreSQL; within both backends' parameter limits), with the workspace restored into and
 * parent_id NULL; parents are set afterwards, so no row waits for another. */
static int insert_table(struct store *st, struct arena *a, int64_t ws_id,
                        const struct table_data *t)
{
    size_t parent = find_col(t, "parent_id"), wscol = find_col(t, "ws_id");
    size_t idcol = find_col(t, "id");
    if (wscol == t->ncols || (parent < t->ncols && idcol == t->ncols))
        return RC_STORE;
    size_t batch = MAX_PARAMS / t->ncols;
    if (batch > BATCH_ROWS)
        batch = BATCH_ROWS;
    const char *full = insert_sql(a, t, batch);
    struct sql_val *args = arena_calloc(a, batch * t->ncols, sizeof(*args));
    if (!full || !args)
        return RC_NOMEM;
    struct reader r = t->cells;
    int rc = RC_OK;
    for (size_t done = 0; !rc && done < t->nrows;) {
        size_t n = t->nrows - done < batch ? t->nrows - done : batch;
        for (size_t i = 0; i < n; i++) {
            struct sql_val *row = &args[i * t->ncols];
            for (size_t c = 0; c < t->ncols; c++)
                get_cell(&r, &row[c]);
            row[wscol] = SV_INT(ws_id); /* the workspace it is restored into, always */
            if (parent < t->ncols)
                row[parent] = SV_NULL;
        }
        const char *sql = n == batch ? full : insert_sql(a, t, n);
        struct sql_rows out;
        rc = r.bad  ? RC_STORE
             : !sql ? RC_NOMEM
                    : store_query_sql(st, a, sql, args, n * t->ncols, &out);
        done += n;
    }
    if (rc || parent == t->ncols)
        return rc;
    const char *upd =
        arena_printf(a, "UPDATE %s SET parent_id = $1 WHERE ws_id = $2 AND id = $3", t->name);
    if (!upd)
        return RC_NOMEM;
    r = t->cells;
    for (size_t i = 0; !rc && i < t->nrows; i++) {
        struct sql_val *row = args;
        for (size_t c = 0; c < t->ncols; c++)
            get_cell(&r, &row[c]);
        if (row[parent].type == SQL_NULL)
            continue;
        struct sql_val uargs[] = {row[parent], SV_INT(ws_id), row[idcol]};
        struct sql_rows out;
        rc = store_query_sql(st, a, upd, uargs, 3, &out);
    }
    return rc;
}

int ws_snapshot_restore(struct store *st, struct arena *a, int64_t ws_id, const char *name)
{
    struct arena data, work;
    arena_init(&data, DATA_ARENA_LIMIT);
    arena_init(&work, ROWS_ARENA_LIMIT);
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(name)};
    int rc = store_query(st, &data, Q_SNAPSHOT_GET, args, 2, &r);
    if (!rc && r.nrows != 1)
        rc = RC_NOTFOUND;
    struct str blob = rc ? (struct str){"", 0} : sql_blob(&r, 0, 0);
    struct reader rd = {(const unsigned char *)blob.ptr, (const unsigned char *)blob.ptr + blob.len,
                        false};
    if (!rc && (blob.len < strlen(MAGIC) || memcmp(blob.ptr, MAGIC, strlen(MAGIC)) != 0))
        rc = RC_STORE;
    rd.p += rc ? 0 : strlen(MAGIC);
    size_t cap = 0;
    while (ws_admin_data_tables[cap])
        cap++;
    struct table_data *tables = rc ? NULL : arena_calloc(a, cap + 1, sizeof(*tables));
    if (!rc && !tables)
        rc = RC_NOMEM;
    size_t n = 0;
    while (!rc && rd.p < rd.end)
        rc = n == cap ? RC_STORE : decode_table(a, &rd, &tables[n++]);
    if (!rc)
        rc = ws_admin_reset(st, a, ws_id);
    /* saved children first, so inserted in the reverse order: parents first */
    for (size_t i = n; !rc && i-- > 0;) {
        rc = insert_table(st, &work, ws_id, &tables[i]);
        arena_reset(&work);
    }
    arena_reset(&work);
    arena_reset(&data);
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
