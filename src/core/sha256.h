/* sha256.h — SHA-256 (FIPS 180-4), used to store API tokens as hashes. Tokens are 256-bit
 * random strings, so one plain hash is enough: no salt or key stretching, which would only
 * add per-request cost. */
#ifndef CORE_SHA256_H
#define CORE_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_LEN 32

struct sha256 {
    uint32_t h[8];
    uint64_t total;
    unsigned char block[64];
    size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
void sha256_final(struct sha256 *s, unsigned char out[SHA256_LEN]);
/* One-shot digest as 64 lower-case hex characters plus NUL. */
void sha256_hex(const void *data, size_t n, char out[2 * SHA256_LEN + 1]);

#endif
