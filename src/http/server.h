/* server.h — the HTTP listener: the only code that knows libmicrohttpd. It assembles each
 * request (headers, body up to the cap), hands it to a dispatch callback on the last
 * access-handler call, sends the response, writes the access-log line and frees the
 * request's arena when the library reports the request complete. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include <stddef.h>

#include "http/request.h"

#define HTTP_MAX_URI          8192  /* request target, bytes (414 past it) */
#define HTTP_MAX_HEADER_BYTES 16384 /* all header names and values (431 past it) */
#define HTTP_MEMORY_LIMIT     65536 /* libmicrohttpd per-connection pool */

typedef void (*http_dispatch_fn)(void *ctx, struct request *req, struct response *resp);
/* The class of a request by method and raw path, asked once its headers are in. */
typedef enum req_class (*http_classify_fn)(const char *method, const char *path, size_t len);
/* Asked once the headers of a REQ_UPLOAD request are in: false answers it at once, before
 * its body is read (an unauthenticated upload). */
typedef bool (*http_admit_fn)(void *ctx, struct request *req);
/* GET /readyz: RC_OK when the server can serve requests, else an rc and why (logged). */
typedef int (*http_ready_fn)(void *ctx, char *why, size_t whylen);
struct metrics_store;
/* the store's counters for /metrics (main reads them from store/, which http/ does not see) */
typedef void (*http_counters_fn)(struct metrics_store *out);

struct http_config {
    const char *host;        /* listen address, e.g. "127.0.0.1" or "::1" */
    const char *port;        /* "8080"; "0" picks a free port */
    unsigned threads;        /* worker threads (each serves many connections) */
    size_t max_body;         /* request body cap in bytes */
    size_t max_upload;       /* body cap of REQ_UPLOAD requests; also what REQ_UPLOAD and
                              * REQ_DOWNLOAD requests may hold in their arena on top of
                              * arena_limit */
    size_t arena_limit;      /* per-request memory cap in bytes */
    unsigned conn_timeout_s; /* idle connection timeout */
    unsigned max_conns;      /* total connections */
    unsigned max_conns_per_ip;
    unsigned drain_s; /* how long shutdown waits for in-flight requests */
    http_dispatch_fn dispatch;
    http_classify_fn classify; /* NULL: every request is REQ_PLAIN */
    http_admit_fn admit;       /* NULL: every upload is read */
    http_ready_fn ready;       /* NULL: /readyz answers as /healthz would, 200 */
    http_counters_fn counters; /* NULL: the store counters read 0 */
    void *ctx;
    size_t nroutes;    /* route slots of response.route_slot, for the metrics */
    const char *store; /* the store's driver name, for weeekd_build_info */
    /* GET /metrics: on this "HOST:PORT" of its own when set (then not on the API's port),
     * else on the API's port */
    const char *metrics_host, *metrics_port;
};

struct http_server;

/* Bind, listen and start the worker threads. Prints "listening on HOST:PORT" on stdout
 * (and "metrics on HOST:PORT" with a metrics listener): what scripts and tests read to
 * learn the port. RC_OK, or an rc with a message in err. */
int http_start(struct http_server **out, const struct http_config *cfg, char *err, size_t errlen);
/* Stop accepting, wait up to drain_s for in-flight requests, then stop every thread. */
void http_stop(struct http_server *s);

#endif
