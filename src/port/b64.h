/* b64.h — standard base64 (RFC 4648 §4, with padding) for attachment bytes in the export
 * document. */
#ifndef PORT_B64_H
#define PORT_B64_H

#include <stddef.h>

/* Encode n bytes; a malloc'd NUL-terminated string, NULL on no memory. */
char *b64_encode(const unsigned char *in, size_t n);
/* Decode; a malloc'd buffer with *n bytes, NULL on no memory or a malformed input. */
unsigned char *b64_decode(const char *in, size_t len, size_t *n);

#endif
