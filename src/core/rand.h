/* rand.h — randomness from the kernel (getrandom), for tokens and UUIDs. */
#ifndef CORE_RAND_H
#define CORE_RAND_H

#include <stdbool.h>
#include <stddef.h>

#define TOKEN_LEN 46 /* "wk_" + 43 base62 characters (> 256 bits) */
#define UUID_LEN  36
#define SLUG_LEN  16 /* CRM ids: 16 characters of [A-Za-z0-9] (crm-notes §3) */

/* Fill buf with n random bytes. 0, or -1 when the kernel refuses. */
int rand_bytes(void *buf, size_t n);
/* A new API token, NUL-terminated, in out[TOKEN_LEN + 1]. 0 or -1. */
int rand_token(char out[TOKEN_LEN + 1]);
/* A random (version 4) UUID in lower-case canonical form, out[UUID_LEN + 1]. 0 or -1. */
int rand_uuid(char out[UUID_LEN + 1]);
/* A new CRM slug id (SLUG_LEN base62 characters, ~95 bits), out[SLUG_LEN + 1]. 0 or -1. */
int rand_slug(char out[SLUG_LEN + 1]);
/* Whether s[0..len) has the form of a slug id (anything else names nothing). */
bool slug_valid(const char *s, size_t len);
/* Whether s has the form of a token rand_token draws ("wk_" + 43 base62 characters): a
 * token chosen by hand (weeekd init --token) must, so that it is as hard to guess. */
bool token_valid(const char *s);

#endif
