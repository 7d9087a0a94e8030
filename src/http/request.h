/* request.h — the library-neutral request and response that server.c fills and the router
 * reads. One struct request per HTTP request; everything hanging off it lives in its arena
 * and is released when the connection reports the request complete. */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/str.h"

/* an incoming X-Request-Id longer than this (or with other than [A-Za-z0-9._:@+=/-]) is
 * replaced by one of the server's own */
#define HTTP_REQUEST_ID_MAX 128

/* What the server must know about a route before its body arrives (http_config.classify):
 * an upload's body may reach --max-upload instead of --max-body, and a route that moves a
 * file either way may hold it in its arena, whose cap grows by --max-upload for it. */
enum req_class {
    REQ_PLAIN = 0,
    REQ_UPLOAD,   /* POST of files (multipart) */
    REQ_DOWNLOAD, /* answers a stored file's bytes */
};

/* Why the server refused a request before the router saw a complete one. */
enum limit_error {
    LIMIT_NONE = 0,
    LIMIT_BODY,    /* body larger than max_body (the upload cap for uploads) -> 413 */
    LIMIT_URI,     /* request target longer than HTTP_MAX_URI           -> 414 */
    LIMIT_HEADERS, /* header fields larger than HTTP_MAX_HEADER_BYTES   -> 431 */
    LIMIT_FRAMING, /* ambiguous framing: Content-Length values that differ, Content-Length
                    * beside Transfer-Encoding, a NUL in the request target   -> 400 */
};

struct request {
    struct arena arena;
    char id[HTTP_REQUEST_ID_MAX + 1]; /* request id for logs and X-Request-Id */
    char client[64];                  /* the client's address, for the access log */
    const char *user_agent;           /* User-Agent header, or NULL */
    const char *method;               /* "GET", "POST", ... */
    struct str path;                  /* raw path, still percent-encoded */
    struct str query;                 /* raw query string without '?', may be empty */
    const char *content_type;         /* header values or NULL */
    const char *authorization;
    const char *host;            /* Host header, or NULL */
    const char *forwarded_proto; /* X-Forwarded-Proto header, or NULL */
    const char *if_none_match;   /* If-None-Match header, or NULL */
    const char *local_addr;      /* "HOST:PORT" the server listens on (static) */
    /* CORS (http/cors.c): Origin, Access-Control-Request-Method and -Headers, or NULL */
    const char *origin, *acr_method, *acr_headers;
    struct buf body;
    enum limit_error limit;
    enum req_class cls;
    size_t max_body; /* the cap that applied: --max-body, or --max-upload for an upload */
    int64_t start_ns;
    bool dispatched;
};

#define RESP_MAX_HEADERS 6

struct response {
    int status;
    const char *body; /* in the request arena */
    size_t body_len;
    const char *allow; /* Allow header for 405, or NULL */
    /* a file instead of JSON: its Content-Type and Content-Disposition (request arena);
     * NULL means application/json */
    const char *content_type;
    const char *disposition;
    /* static ETag (a matching If-None-Match turns the answer into a bodiless 304) and
     * further header name, value pairs ending in NULL, or NULL (the web interface) */
    const char *etag;
    const char *const *headers;
    /* for the access log and the metrics: the matched route (route_slot 0 = none, else its
     * index in the route table + 1) and its template, e.g. "/public/v1" "/ws/tags/{id}" */
    size_t route_slot;
    const char *route_method, *route_prefix, *route;
    /* further headers (Retry-After, CORS), static or in the request arena */
    const char *hdr_name[RESP_MAX_HEADERS], *hdr_value[RESP_MAX_HEADERS];
    int nhdr;
    int64_t ws_id;
    int rc;
    const char *detail;
};

#endif
