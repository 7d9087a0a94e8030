/* json_rows.c — see store.h (store_rows_from_json). The text comes from the database's own
 * JSON functions (SQLite json_group_array(json_array(...)), PostgreSQL json_agg(row)), so it
 * is well formed; anything else is still refused (RC_INTERNAL), never read past its end.
 * Strings are decoded into the arena, NUL-terminated, as the drivers leave text cells. */
#include "store/store.h"
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

/* past the string starting at p (at its '"'); NULL when it does not end */
static const char *skip_string(const char *p)
{
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && !*++p)
            return NULL;
    return *p ? p + 1 : NULL;
}

/* rows of the outer array: its elements at depth 1, counted without decoding */
static size_t count_rows(const char *p)
{
    size_t n = 0;
    int depth = 0;
    for (; *p; p++) {
        if (*p == '"') {
            p = skip_string(p);
            if (!p)
                return 0;
            p--;
        } else if (*p == '[' || *p == '{') {
            if (++depth == 2)
                n++;
        } else if (*p == ']' || *p == '}') {
            depth--;
        }
    }
    return n;
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

/* the string at *pp (at its '"') into v as a text cell; *pp past it */
static int read_string(struct arena *a, const char **pp, struct sql_val *v)
{
    const char *p = *pp + 1, *end = skip_string(*pp);
    if (!end)
        return RC_INTERNAL;
    /* a decoded string is never longer than its escaped text (\uXXXX: 6 bytes, at most 3
     * of UTF-8; a surrogate pair: 12 bytes, 4) */
    char *o = arena_alloc(a, (size_t)(end - p));
    if (!o)
        return RC_NOMEM;
    char *s = o;
    for (; p < end - 1; p++) {
        if (*p != '\\') {
            *o++ = *p;
            continue;
        }
        char c = *++p;
        unsigned cp, lo;
        switch (c) {
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
        case 'u':
            if (end - 1 - p < 5 || hex4(p + 1, &cp))
                return RC_INTERNAL;
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && end - 1 - p >= 7 && p[1] == '\\' && p[2] == 'u' &&
                !hex4(p + 3, &lo) && lo >= 0xDC00 && lo < 0xE000) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            o = put_utf8(o, cp);
            break;
        default:
            *o++ = c;
            break; /* \" \\ \/ */
        }
    }
    *o = '\0';
    *v = (struct sql_val){.type = SQL_TEXT, .u.s = {s, (size_t)(o - s)}};
    *pp = end;
    return RC_OK;
}

/* one scalar at *pp into v; *pp past it */
static int read_value(struct arena *a, const char **pp, struct sql_val *v)
{
    const char *p = *pp;
    if (*p == '"')
        return read_string(a, pp, v);
    if (strncmp(p, "null", 4) == 0) {
        *v = SV_NULL;
        *pp = p + 4;
    } else if (strncmp(p, "true", 4) == 0 || strncmp(p, "false", 5) == 0) {
        *v = SV_INT(*p == 't');
        *pp = p + (*p == 't' ? 4 : 5);
    } else {
        char *end;
        size_t span = strspn(p, "-0123456789");
        if (span == 0)
            return RC_INTERNAL;
        if (p[span] && strchr(".eE", p[span])) {
            *v = SV_REAL(strtod(p, &end));
        } else {
            *v = SV_INT(strtoll(p, &end, 10));
        }
        if (end == p)
            return RC_INTERNAL;
        *pp = end;
    }
    return RC_OK;
}

int store_rows_from_json(struct arena *a, const char *json, size_t ncols, struct sql_rows *out)
{
    *out = (struct sql_rows){.ncols = ncols};
    const char *p = skip_ws(json ? json : "[]");
    if (*p != '[')
        return RC_INTERNAL;
    size_t cap = count_rows(p);
    size_t ncells = cap * ncols;
    out->cell = arena_calloc(a, ncells ? ncells : 1, sizeof(*out->cell));
    if (!out->cell)
        return RC_NOMEM;
    p = skip_ws(p + 1);
    while (*p != ']') {
        char close = *p == '[' ? ']' : *p == '{' ? '}' : 0;
        if (!close || out->nrows == cap)
            return RC_INTERNAL;
        struct sql_val *row = out->cell + out->nrows * ncols;
        p = skip_ws(p + 1);
        for (size_t c = 0; c < ncols; c++) {
            if (close == '}') { /* an object (PostgreSQL's row): its values in column order */
                const char *key_end = *p == '"' ? skip_string(p) : NULL;
                if (!key_end || *(p = skip_ws(key_end)) != ':')
                    return RC_INTERNAL;
                p = skip_ws(p + 1);
            }
            int rc = read_value(a, &p, &row[c]);
            if (rc)
                return rc;
            p = skip_ws(p);
            if (c + 1 < ncols && *p++ != ',')
                return RC_INTERNAL;
            p = skip_ws(p);
        }
        if (*p != close)
            return RC_INTERNAL; /* more columns than the query's */
        out->nrows++;
        p = skip_ws(p + 1);
        if (*p == ',')
            p = skip_ws(p + 1);
        else if (*p != ']')
            return RC_INTERNAL;
    }
    return *skip_ws(p + 1) ? RC_INTERNAL : RC_OK;
}
