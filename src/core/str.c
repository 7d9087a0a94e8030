/* str.c — see str.h. Compiled with -Wconversion: these parse untrusted input. */
#include "core/str.h"
#include "core/arena.h"
#include "core/rc.h"
#include "core/common.h"

struct str str_from(const char *s)
{
    return (struct str){s, s ? strlen(s) : 0};
}

bool str_eq(struct str a, const char *lit)
{
    size_t n = strlen(lit);
    return a.len == n && (n == 0 || memcmp(a.ptr, lit, n) == 0); /* ptr may be NULL when n == 0 */
}

int str_to_i64(const char *s, size_t len, int64_t *out)
{
    size_t i = 0;
    bool neg = false;
    if (len && s[0] == '-') {
        neg = true;
        i = 1;
    }
    if (i == len || len - i > 19)
        return -1;
    uint64_t v = 0;
    for (; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (!neg && v > (uint64_t)INT64_MAX)
        return -1;
    if (neg && v > (uint64_t)INT64_MAX + 1)
        return -1;
    *out = neg ? (int64_t)(0 - v) : (int64_t)v;
    return 0;
}

static bool ieq(const char *s, size_t len, const char *lit)
{
    size_t n = strlen(lit);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != lit[i])
            return false;
    }
    return true;
}

bool str_is_uuid(const char *s, size_t len)
{
    if (len != 36)
        return false;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? ch != '-'
                 : !((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') ||
                     (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return true;
}

int str_to_bool(const char *s, size_t len, bool *out)
{
    if (ieq(s, len, "1") || ieq(s, len, "true")) {
        *out = true;
        return 0;
    }
    if (ieq(s, len, "0") || ieq(s, len, "false")) {
        *out = false;
        return 0;
    }
    return -1;
}

bool utf8_valid(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* ASCII, the common case, eight bytes at a time (memcpy: no alignment assumed) */
        uint64_t w;
        while (len - i >= 8 && (memcpy(&w, p + i, 8), !(w & 0x8080808080808080ull)))
            i += 8;
        if (i == len)
            break;
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned cp;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (len - i <= n)
            return false;
        for (size_t k = 1; k <= n; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3Fu);
        }
        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += n + 1;
    }
    return true;
}

size_t utf8_len(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

long percent_decode(char *s, size_t len, bool plus_is_space)
{
    size_t r = 0, w = 0;
    while (r < len) {
        char c = s[r];
        if (c == '%') {
            if (len - r < 3)
                return -1;
            int hi = hexval(s[r + 1]), lo = hexval(s[r + 2]);
            if (hi < 0 || lo < 0)
                return -1;
            s[w++] = (char)(hi * 16 + lo);
            r += 3;
        } else {
            s[w++] = plus_is_space && c == '+' ? ' ' : c;
            r++;
        }
    }
    if (w < len)
        s[w] = '\0';
    return (long)w;
}

void hex_encode(const unsigned char *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

bool const_time_eq(const void *a, const void *b, size_t n)
{
    const volatile unsigned char *x = a, *y = b;
    unsigned char d = 0;
    for (size_t i = 0; i < n; i++)
        d |= (unsigned char)(x[i] ^ y[i]);
    return d == 0;
}

int str_decoded_copy(struct arena *a, const char *s, size_t len, bool plus_is_space,
                     struct str *out)
{
    char *p = arena_strndup(a, s, len);
    if (!p)
        return RC_NOMEM;
    long n = percent_decode(p, len, plus_is_space);
    if (n < 0)
        return RC_BADREQ;
    p[n] = '\0';
    *out = (struct str){p, (size_t)n};
    return RC_OK;
}
