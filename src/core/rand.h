/* rand.h — randomness from the kernel (getrandom), for tokens and UUIDs. */
#ifndef CORE_RAND_H
#define CORE_RAND_H

#include <stddef.h>

#define TOKEN_LEN 46 /* "wk_" + 43 base62 characters (> 256 bits) */
#define UUID_LEN  36

/* Fill buf with n random bytes. 0, or -1 when the kernel refuses. */
int rand_bytes(void *buf, size_t n);
/* A new API token, NUL-terminated, in out[TOKEN_LEN + 1]. 0 or -1. */
int rand_token(char out[TOKEN_LEN + 1]);
/* A random (version 4) UUID in lower-case canonical form, out[UUID_LEN + 1]. 0 or -1. */
int rand_uuid(char out[UUID_LEN + 1]);

#endif
