/* rand.c — see rand.h. */
#include "core/rand.h"
#include "core/str.h"

#include <errno.h>
#include <sys/random.h>
#include "core/common.h"

int rand_bytes(void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t got = getrandom(p, n, 0);
        if (got < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += got;
        n -= (size_t)got;
    }
    return 0;
}

/* out[from..to) gets uniform base62 characters */
static int base62(char *out, size_t from, size_t to)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    unsigned char r[64];
    size_t w = from;
    while (w < to) {
        if (rand_bytes(r, sizeof(r)))
            return -1;
        /* rejection sampling keeps every character uniform: 248 = 4 * 62 */
        for (size_t i = 0; i < sizeof(r) && w < to; i++)
            if (r[i] < 248)
                out[w++] = alphabet[r[i] % 62];
    }
    out[to] = '\0';
    return 0;
}

int rand_token(char out[TOKEN_LEN + 1])
{
    memcpy(out, "wk_", 3);
    return base62(out, 3, TOKEN_LEN);
}

int rand_slug(char out[SLUG_LEN + 1])
{
    return base62(out, 0, SLUG_LEN);
}

static bool slug_chars(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')))
            return false;
    }
    return true;
}

bool slug_valid(const char *s, size_t len)
{
    return len == SLUG_LEN && slug_chars(s, len);
}

bool token_valid(const char *s)
{
    return strlen(s) == TOKEN_LEN && memcmp(s, "wk_", 3) == 0 && slug_chars(s + 3, TOKEN_LEN - 3);
}

int rand_uuid(char out[UUID_LEN + 1])
{
    unsigned char b[16];
    char hex[33];
    if (rand_bytes(b, sizeof(b)))
        return -1;
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40);
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80);
    hex_encode(b, 16, hex);
    size_t w = 0;
    for (size_t i = 0; i < 32; i++) {
        if (i == 8 || i == 12 || i == 16 || i == 20)
            out[w++] = '-';
        out[w++] = hex[i];
    }
    out[UUID_LEN] = '\0';
    return 0;
}
