/* jw.c — see jw.h. The chunks grow with the text (half of what is written so far, up to
 * JW_CHUNK_MAX), so a large reply takes few of them and leaves at most a third of them
 * unused: the text costs at most 1.5 times its size in chunks, plus its size again when
 * jw_finish has to join them, 2.5 times in all (issue 18: at most 3). The first chunk is
 * small, so a small reply is not a mostly empty chunk. */
#include "core/jw.h"
#include "core/arena.h"
#include "core/rc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "core/common.h"

#define JW_CHUNK_FIRST 1024
#define JW_CHUNK_MAX   (1024 * 1024)

struct jw_chunk {
    struct jw_chunk *next;
    size_t len; /* bytes written into data, set when the next chunk starts or at the end */
    char data[];
};

void jw_init(struct jw *w, struct arena *a)
{
    w->a = a;
    w->p = w->end = NULL;
    w->first = w->cur = NULL;
    w->before = 0;
    w->rc = RC_OK;
    w->comma = false;
}

size_t jw_len(const struct jw *w)
{
    return w->before + (w->cur ? (size_t)(w->p - w->cur->data) : 0);
}

void jw_fail(struct jw *w, int rc)
{
    if (!w->rc)
        w->rc = rc;
}

/* A new chunk with room for at least need bytes; false (w->rc set) when the arena refuses. */
static bool next_chunk(struct jw *w, size_t need)
{
    size_t written = jw_len(w);
    size_t cap = written / 2 > JW_CHUNK_FIRST ? written / 2 : JW_CHUNK_FIRST;
    if (cap > JW_CHUNK_MAX)
        cap = JW_CHUNK_MAX;
    if (cap < need + 1)
        cap = need + 1;
    if (cap > SIZE_MAX / 2) {
        jw_fail(w, RC_TOOBIG);
        return false;
    }
    struct jw_chunk *c = arena_alloc(w->a, sizeof(*c) + cap);
    if (!c) {
        jw_fail(w, w->a->hit_limit ? RC_TOOBIG : RC_NOMEM);
        return false;
    }
    c->next = NULL;
    c->len = 0;
    if (w->cur) {
        w->cur->len = (size_t)(w->p - w->cur->data);
        w->before += w->cur->len;
        w->cur->next = c;
    } else {
        w->first = c;
    }
    w->cur = c;
    w->p = c->data;
    w->end = c->data + cap - 1;
    return true;
}

static void put_slow(struct jw *w, const char *s, size_t n)
{
    size_t room = (size_t)(w->end - w->p);
    if (w->rc)
        return;
    if (room >= n) { /* not from put(), which writes such text itself; for the compiler */
        memcpy(w->p, s, n);
        w->p += n;
        return;
    }
    if (room) {
        memcpy(w->p, s, room);
        w->p += room;
        s += room;
        n -= room;
    }
    if (!next_chunk(w, n))
        return;
    memcpy(w->p, s, n);
    w->p += n;
}

static inline void put(struct jw *w, const char *s, size_t n)
{
    if (!n)
        return;
    if ((size_t)(w->end - w->p) >= n && !w->rc) {
        memcpy(w->p, s, n);
        w->p += n;
    } else {
        put_slow(w, s, n);
    }
}

static inline void put_ch(struct jw *w, char ch)
{
    if (w->p < w->end && !w->rc)
        *w->p++ = ch;
    else
        put_slow(w, &ch, 1);
}

/* a value starts: its comma */
static inline void value(struct jw *w)
{
    if (w->comma)
        put_ch(w, ',');
    w->comma = true;
}

int jw_finish(struct jw *w, const char **out, size_t *len)
{
    if (!w->first && !w->rc)
        next_chunk(w, 0);
    if (w->rc)
        return w->rc;
    w->cur->len = (size_t)(w->p - w->cur->data);
    size_t n = w->before + w->cur->len;
    char *text;
    if (w->first == w->cur) {
        text = w->first->data;
    } else {
        text = arena_alloc(w->a, n + 1);
        if (!text) {
            jw_fail(w, w->a->hit_limit ? RC_TOOBIG : RC_NOMEM);
            return w->rc;
        }
        size_t at = 0;
        for (const struct jw_chunk *c = w->first; c; c = c->next) {
            memcpy(text + at, c->data, c->len);
            at += c->len;
        }
    }
    text[n] = '\0';
    *out = text;
    *len = n;
    return RC_OK;
}

void jw_obj(struct jw *w)
{
    value(w);
    put_ch(w, '{');
    w->comma = false;
}

void jw_obj_end(struct jw *w)
{
    put_ch(w, '}');
    w->comma = true;
}

void jw_arr(struct jw *w)
{
    value(w);
    put_ch(w, '[');
    w->comma = false;
}

void jw_arr_end(struct jw *w)
{
    put_ch(w, ']');
    w->comma = true;
}

void jw_key(struct jw *w, const char *key)
{
    value(w);
    put_ch(w, '"');
    put(w, key, strlen(key));
    put(w, "\":", 2);
    w->comma = false;
}

/* The length of the well-formed UTF-8 sequence at s (of n bytes), lead byte >= 0x80,
 * or 0: jansson's utf8_check_first/utf8_check_full (no overlong forms, no surrogates,
 * nothing past U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    unsigned char u = s[0];
    size_t len;
    uint32_t cp;
    if (u >= 0xC2 && u <= 0xDF) {
        len = 2;
        cp = u & 0x1Fu;
    } else if (u >= 0xE0 && u <= 0xEF) {
        len = 3;
        cp = u & 0x0Fu;
    } else if (u >= 0xF0 && u <= 0xF4) {
        len = 4;
        cp = u & 0x07u;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp > 0x10FFFFu || (cp >= 0xD800u && cp <= 0xDFFFu))
        return 0;
    if ((len == 3 && cp < 0x800u) || (len == 4 && cp < 0x10000u))
        return 0;
    return len;
}

void jw_strn(struct jw *w, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *u = (const unsigned char *)s;
    value(w);
    put_ch(w, '"');
    size_t run = 0; /* start of the bytes not yet written */
    for (size_t i = 0; i < n;) {
        unsigned char ch = u[i];
        if (ch >= 0x20 && ch != '"' && ch != '\\' && ch < 0x80) {
            i++;
            continue;
        }
        if (ch >= 0x80) {
            size_t len = utf8_len(u + i, n - i);
            if (!len) {
                jw_fail(w, RC_INTERNAL);
                return;
            }
            i += len;
            continue;
        }
        put(w, s + run, i - run);
        char esc[6] = {'\\', 0, 0, 0, 0, 0};
        size_t elen = 2;
        switch (ch) {
        case '"':
        case '\\':
            esc[1] = (char)ch;
            break;
        case '\b':
            esc[1] = 'b';
            break;
        case '\f':
            esc[1] = 'f';
            break;
        case '\n':
            esc[1] = 'n';
            break;
        case '\r':
            esc[1] = 'r';
            break;
        case '\t':
            esc[1] = 't';
            break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[ch >> 4];
            esc[5] = hex[ch & 15];
            elen = 6;
            break;
        }
        put(w, esc, elen);
        run = ++i;
    }
    put(w, s + run, n - run);
    put_ch(w, '"');
}

void jw_str(struct jw *w, const char *s)
{
    if (!s) {
        jw_fail(w, RC_INTERNAL); /* json_string(NULL) is NULL: no value */
        return;
    }
    jw_strn(w, s, strlen(s));
}

void jw_opt_str(struct jw *w, const char *s)
{
    if (s)
        jw_strn(w, s, strlen(s));
    else
        jw_null(w);
}

void jw_int(struct jw *w, int64_t v)
{
    char buf[24];
    char *e = buf + sizeof(buf), *p = e;
    /* in unsigned arithmetic, so INT64_MIN has a magnitude */
    uint64_t m = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    do {
        *--p = (char)('0' + m % 10);
        m /= 10;
    } while (m);
    if (v < 0)
        *--p = '-';
    value(w);
    put(w, p, (size_t)(e - p));
}

size_t jw_real_jansson(double x, int precision, char *out, size_t n)
{
    if (!isfinite(x) || n < 40)
        return 0;
    int len = snprintf(out, n, "%.*g", precision ? precision : 17, x);
    if (len <= 0 || (size_t)len + 3 > n)
        return 0;
    size_t l = (size_t)len;
    if (!strchr(out, '.') && !strchr(out, 'e')) {
        memcpy(out + l, ".0", 3);
        l += 2;
    }
    /* e+300 -> e300, e-07 -> e-7 (jansson's jsonp_dtostr) */
    char *start = strchr(out, 'e');
    if (start) {
        start++;
        char *end = start + 1;
        if (*start == '-')
            start++;
        while (*end == '0')
            end++;
        if (end != start) {
            memmove(start, end, l - (size_t)(end - out) + 1);
            l -= (size_t)(end - start);
        }
    }
    return l;
}

size_t jw_real_shortest(double x, char *out, size_t n)
{
    char sci[40];
    int digits = 17;
    if (!isfinite(x) || n < 40)
        return 0;
    for (int p = 1; p <= 17; p++) {
        snprintf(sci, sizeof(sci), "%.*e", p - 1, x);
        if (strtod(sci, NULL) == x) {
            digits = p;
            break;
        }
    }
    snprintf(sci, sizeof(sci), "%.*e", digits - 1, x);
    const char *e = strchr(sci, 'e');
    int exp10 = e ? (int)strtol(e + 1, NULL, 10) : 0;
    int len;
    if (exp10 >= -4 && exp10 < 17) {
        int prec = digits > exp10 + 1 ? digits : exp10 + 1;
        len = snprintf(out, n, "%.*g", prec, x);
    } else {
        len = snprintf(out, n, "%.*g", digits, x);
        char *ep = strchr(out, 'e');
        if (ep) { /* e+300 -> e300, e-07 -> e-7 */
            char *wp = ep + 1, *r = ep + 1;
            if (*r == '+' || *r == '-')
                r++;
            if (*wp == '-')
                wp++;
            while (*r == '0' && r[1])
                r++;
            memmove(wp, r, strlen(r) + 1);
            len = (int)strlen(out);
        }
    }
    if (len > 0 && !strpbrk(out, ".e") && (size_t)len + 3 <= n) {
        memcpy(out + len, ".0", 3);
        len += 2;
    }
    return len > 0 ? (size_t)len : 0;
}

void jw_real(struct jw *w, double v)
{
    char jansson[40], shortest[40];
    size_t jl = jw_real_jansson(v, 0, jansson, sizeof(jansson));
    if (!jl) {
        jw_fail(w, RC_INTERNAL); /* json_real refuses a value that is not finite */
        return;
    }
    /* what api/pipeline/jsonmem.c makes of jansson's text: the shortest form unless longer */
    size_t sl = jw_real_shortest(v, shortest, sizeof(shortest));
    value(w);
    if (sl && sl <= jl)
        put(w, shortest, sl);
    else
        put(w, jansson, jl);
}

void jw_bool(struct jw *w, bool v)
{
    value(w);
    if (v)
        put(w, "true", 4);
    else
        put(w, "false", 5);
}

void jw_null(struct jw *w)
{
    value(w);
    put(w, "null", 4);
}

void jw_raw(struct jw *w, const char *text, size_t n)
{
    value(w);
    put(w, text, n);
}

void jw_members(struct jw *w, const char *text, size_t n)
{
    if (n <= 2)
        return;
    value(w);
    put(w, text + 1, n - 2);
}

void jw_key_str(struct jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_str(w, s);
}

void jw_key_opt_str(struct jw *w, const char *key, const char *s)
{
    jw_key(w, key);
    jw_opt_str(w, s);
}

void jw_key_int(struct jw *w, const char *key, int64_t v)
{
    jw_key(w, key);
    jw_int(w, v);
}

void jw_key_bool(struct jw *w, const char *key, bool v)
{
    jw_key(w, key);
    jw_bool(w, v);
}

void jw_key_null(struct jw *w, const char *key)
{
    jw_key(w, key);
    jw_null(w);
}
