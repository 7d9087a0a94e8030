/* str.h — sized string slices and strict parsers for untrusted text.
 * Parsers accept exactly what they document and never read past len. */
#ifndef CORE_STR_H
#define CORE_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct str {
    const char *ptr;
    size_t len;
};

#define STR_LIT(s) ((struct str){(s), sizeof(s) - 1})

struct str str_from(const char *s);
bool str_eq(struct str a, const char *lit);

/* Strict decimal integer: optional '-', 1..19 digits, no spaces, no '+', no overflow.
 * Returns 0 and sets *out, or -1. */
int str_to_i64(const char *s, size_t len, int64_t *out);
/* Boolean as clients send it: 1/0, true/false (ASCII case-insensitive). 0 or -1. */
int str_to_bool(const char *s, size_t len, bool *out);
/* true when s[0..len) is a uuid: 8-4-4-4-12 hex digits, either case. */
bool str_is_uuid(const char *s, size_t len);
/* true when s[0..len) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
bool utf8_valid(const char *s, size_t len);
/* Number of code points in well-formed UTF-8. */
size_t utf8_len(const char *s, size_t len);
/* Percent-decode in place ('+' becomes ' ' when plus_is_space). Returns the new length,
 * or -1 on a malformed escape. */
long percent_decode(char *s, size_t len, bool plus_is_space);
/* A percent-decoded, NUL-terminated copy of s[0..len) in a: RC_OK, RC_BADREQ on a
 * malformed escape, RC_NOMEM. */
struct arena;
int str_decoded_copy(struct arena *a, const char *s, size_t len, bool plus_is_space,
                     struct str *out);
/* Lower-case hex of n bytes into out (2n+1 bytes, NUL-terminated). */
void hex_encode(const unsigned char *in, size_t n, char *out);
/* Byte comparison whose time depends only on n. */
bool const_time_eq(const void *a, const void *b, size_t n);

#endif
