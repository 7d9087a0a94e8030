/* multipart.h — a strict multipart/form-data parser (RFC 7578 over RFC 2046) for the
 * upload routes, working on the request body the server has already buffered (up to
 * --max-upload). Parts are slices of that body, never copied; names, filenames and types
 * are decoded into the arena. Byte-level only: the caller checks UTF-8 and meaning.
 * Compiled with -Wconversion; fuzzed by tests/fuzz/fuzz_multipart.c.
 *
 * Why not libmicrohttpd's MHD_create_post_processor: it runs inside the HTTP layer while
 * the body arrives, before the router has authenticated anyone, it skips what it cannot
 * parse instead of reporting it (a malformed upload would look like "no files"), and it
 * copies each part through callbacks. With the body buffered anyway, a parser over one
 * buffer is short, returns slices, names every malformation, and can be fuzzed alone. */
#ifndef HTTP_MULTIPART_H
#define HTTP_MULTIPART_H

#include <stdbool.h>
#include <stddef.h>

#include "core/str.h"

struct arena;

#define MULTIPART_MAX_PARTS        256  /* RC_TOOBIG past it */
#define MULTIPART_MAX_HEADER_BYTES 8192 /* one part's header section */
#define MULTIPART_MAX_BOUNDARY     70   /* RFC 2046 §5.1.1 */

struct multipart_part {
    struct str name;         /* form field name ("files[]"), decoded, NUL-terminated */
    struct str filename;     /* decoded, NUL-terminated; ptr NULL when no filename was given */
    struct str content_type; /* the part's Content-Type, trimmed; "" when absent */
    const char *data;        /* the part's bytes: a slice of the body */
    size_t len;
};

struct multipart {
    struct multipart_part *parts;
    size_t n;
    const char *error; /* with RC_BADREQ: what is wrong, a static sentence */
};

/* Parse body[0..len) sent with Content-Type content_type ("multipart/form-data;
 * boundary=..."). RC_OK (zero parts is valid); RC_BADREQ with out->error when the type has
 * no usable boundary or the body is malformed; RC_TOOBIG past MULTIPART_MAX_PARTS;
 * RC_NOMEM. Preamble and epilogue are ignored; lines must end in CRLF; every part needs a
 * Content-Disposition of form-data with a name. filename* (RFC 5987, UTF-8 only) is used
 * when filename is absent. */
int multipart_parse(struct arena *a, const char *content_type, const char *body, size_t len,
                    struct multipart *out);

#endif
