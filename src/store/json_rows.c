/* json_rows.c — see store.h (store_rows_from_json). The text comes from the database's own
 * JSON functions (SQLite json_group_array(json_array(...)), PostgreSQL json_agg(row)), so it
 * is well formed; anything else is still refused (RC_INTERNAL), never read past its end.
 * Strings are decoded into the arena, NUL-terminated, as the drivers leave text cells. */
#include "store/store.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/rc.h"

static const char *skip_ws(const char *p)
{
    while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
        p++;
    return p;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        char c = p[i];
        int d = c >= '0' && c <= '9'   ? c - '0'
                : c >= 'a' && c <= 'f' ? c - 'a' + 10
                : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                       : -1;
        if (d < 0)
            return -1;
        v = v << 4 | (unsigned)d;
    }
    *out = v;
    return 0;
}

static char *put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* the string at *pp (at its '"') into v as a text cell, its bytes at *buf (which is moved
 * past them); *pp past it. A decoded string is never longer than its escaped text
 * (\uXXXX: 6 bytes, at most 3 of UTF-8; a surrogate pair: 12 bytes, 4), so a buffer of
 * the whole text's size holds them all. */
static int read_string(const char **pp, char **buf, struct sql_val *v)
{
    const char *p = *pp + 1;
    char *o = *buf, *s = o;
    for (;; p++) {
        char c = *p;
        if (c == '"')
            break;
        if (c == '\0')
            return RC_INTERNAL;
        if (c != '\\') {
            *o++ = c;
            continue;
        }
        unsigned cp, lo;
        switch (c = *++p) {
        case 'b':
            *o++ = '\b';
            break;
        case 'f':
            *o++ = '\f';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        case 't':
            *o++ = '\t';
            break;
        case '"':
        case '\\':
        case '/':
            *o++ = c;
            break;
        case 'u':
            /* hex4 stops at the first non-hex byte, the NUL included */
            if (hex4(p + 1, &cp))
                return RC_INTERNAL;
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && p[1] == '\\' && p[2] == 'u' && !hex4(p + 3, &lo) &&
                lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            o = put_utf8(o, cp);
            break;
        default:
            return RC_INTERNAL; /* the NUL of a text cut after a backslash too */
        }
    }
    *o = '\0';
    *v = (struct sql_val){.type = SQL_TEXT, .u.s = {s, (size_t)(o - s)}};
    *buf = o + 1;
    *pp = p + 1;
    return RC_OK;
}

static bool word(const char *p, const char *w, size_t n)
{
    return strncmp(p, w, n) == 0; /* stops at a NUL of p: never reads past the text */
}

/* one scalar at *pp into v; *pp past it */
static int read_value(const char **pp, char **buf, struct sql_val *v)
{
    const char *p = *pp;
    switch (*p) {
    case '"':
        return read_string(pp, buf, v);
    case 'n':
        if (p[1] != 'u' || p[2] != 'l' || p[3] != 'l')
            return RC_INTERNAL;
        *v = SV_NULL;
        *pp = p + 4;
        return RC_OK;
    case 't':
    case 'f':
        if (*p == 't' ? !word(p, "true", 4) : !word(p, "false", 5))
            return RC_INTERNAL;
        *v = SV_INT(*p == 't');
        *pp = p + (*p == 't' ? 4 : 5);
        return RC_OK;
    default:
        break;
    }
    /* an integer by hand (most cells); a real, or an integer past int64, by strtod */
    const char *d = p + (*p == '-');
    uint64_t u = 0;
    const char *q = d;
    while (*q >= '0' && *q <= '9' && q - d < 19)
        u = u * 10 + (uint64_t)(*q++ - '0');
    if (q == d)
        return RC_INTERNAL;
    if (*q != '.' && *q != 'e' && *q != 'E' && !(*q >= '0' && *q <= '9') &&
        u <= (uint64_t)INT64_MAX + (*p == '-')) {
        *v = SV_INT(*p == '-' ? (int64_t)(0 - u) : (int64_t)u);
        *pp = q;
        return RC_OK;
    }
    char *end;
    *v = SV_REAL(strtod(p, &end));
    *pp = end;
    return RC_OK;
}

/* room for at least one more row of out (doubling, in a) */
static int grow(struct arena *a, struct sql_rows *out, size_t *cap)
{
    if (out->nrows < *cap)
        return RC_OK;
    size_t n = *cap ? *cap * 2 : 4;
    struct sql_val *cells = arena_alloc(a, n * out->ncols * sizeof(*cells));
    if (!cells)
        return RC_NOMEM;
    if (out->nrows)
        memcpy(cells, out->cell, out->nrows * out->ncols * sizeof(*cells));
    out->cell = cells;
    *cap = n;
    return RC_OK;
}

int store_rows_from_json(struct arena *a, const char *json, size_t ncols, struct sql_rows *out)
{
    *out = (struct sql_rows){.ncols = ncols};
    const char *p = skip_ws(json ? json : "[]");
    if (*p != '[')
        return RC_INTERNAL;
    p = skip_ws(p + 1);
    if (*p == ']')
        return *skip_ws(p + 1) ? RC_INTERNAL : RC_OK;
    char *buf = arena_alloc(a, strlen(p) + 1); /* the strings' bytes, one after the other */
    if (!buf)
        return RC_NOMEM;
    size_t cap = 0;
    for (;;) {
        char close = *p == '[' ? ']' : *p == '{' ? '}' : 0;
        if (!close)
            return RC_INTERNAL;
        int rc = grow(a, out, &cap);
        if (rc)
            return rc;
        struct sql_val *row = out->cell + out->nrows * ncols;
        p = skip_ws(p + 1);
        for (size_t c = 0; c < ncols; c++) {
            if (close == '}') { /* an object (PostgreSQL's row): its values in column order */
                struct sql_val key;
                char *kbuf = buf; /* the key's bytes are not kept */
                if (*p != '"' || read_string(&p, &kbuf, &key) || *(p = skip_ws(p)) != ':')
                    return RC_INTERNAL;
                p = skip_ws(p + 1);
            }
            rc = read_value(&p, &buf, &row[c]);
            if (rc)
                return rc;
            p = skip_ws(p);
            if (c + 1 < ncols) {
                if (*p != ',')
                    return RC_INTERNAL;
                p = skip_ws(p + 1);
            }
        }
        if (*p != close)
            return RC_INTERNAL; /* more columns than the query's */
        out->nrows++;
        p = skip_ws(p + 1);
        if (*p == ']')
            break;
        if (*p != ',')
            return RC_INTERNAL;
        p = skip_ws(p + 1);
    }
    return *skip_ws(p + 1) ? RC_INTERNAL : RC_OK;
}
