/* client.h — the one way the porting code (export, import) talks to a workspace: requests
 * in the public API's own terms, answered either in process by router_dispatch() on a store
 * (client_local) or over HTTP by libcurl (client_http, import --from). Every read and write
 * therefore passes the same validation and model code as a client's, so the porting code
 * never bypasses an invariant (positions, workspace isolation). */
#ifndef PORT_CLIENT_H
#define PORT_CLIENT_H

#include <stddef.h>

#include <jansson.h>

struct store_pool;
struct client;

/* One download of client_bytes_many(): target and url as for client_bytes; out/len set. */
struct client_fetch {
    const char *target, *url;
    unsigned char *out; /* malloc'd, the caller frees */
    size_t len;
};

/* One GET of client_json_many(): target as for client_json; status and the parsed answer
 * (any status; NULL when it is not JSON) set. */
struct client_get {
    const char *target;
    long status;
    json_t *body; /* the caller decrefs */
};

struct client_ops {
    json_t *(*json)(struct client *c, const char *method, const char *target, json_t *body,
                    char *err, size_t errlen);
    int (*bytes)(struct client *c, const char *target, const char *url, unsigned char **out,
                 size_t *len, char *err, size_t errlen);
    json_t *(*upload)(struct client *c, const char *target, const char *name,
                      const unsigned char *bytes, size_t len, char *err, size_t errlen);
    void (*free)(struct client *c);
    /* NULL: client_bytes_many() fetches one by one */
    int (*bytes_many)(struct client *c, struct client_fetch *f, size_t n, char *err, size_t errlen);
    int (*json_many)(struct client *c, struct client_get *g, size_t n, char *err, size_t errlen);
};

/* Every client starts with its ops. */
struct client {
    const struct client_ops *ops;
};

/* An in-process client authenticated by token on pool (both outlive it). NULL on no memory. */
struct client *client_local(struct store_pool *pool, const char *token);

/* An HTTP client (libcurl, client_http.c) of the API at base_url (".../public/v1") with a
 * bearer token: retries 429 after its Retry-After and transient failures (5xx, dropped
 * connections, timeouts) with exponential backoff; TLS certificates verified. NULL on no
 * memory. retries: attempts after the first (0..100). */
struct client *client_http(const char *base_url, const char *token, int retries, int concurrency);
void client_free(struct client *c);

/* A JSON request: target is "/path?query" under /public/v1, body NULL or a JSON object.
 * On HTTP 2xx returns the parsed body (caller decrefs); otherwise NULL with err filled
 * ("METHOD target: status message"). */
json_t *client_json(struct client *c, const char *method, const char *target, json_t *body,
                    char *err, size_t errlen);
/* GET of bytes (attachment content): 0 with *out malloc'd (caller frees) and *len, or -1.
 * url is the attachment's own absolute "url" (may be NULL): an HTTP client fetches it when
 * it is under the base URL's origin, else the target under the base URL. */
int client_bytes(struct client *c, const char *target, const char *url, unsigned char **out,
                 size_t *len, char *err, size_t errlen);
/* Several downloads, as many at once as the client allows (client_http: its concurrency).
 * 0 with every f[i].out set, or -1 with err (and whatever was fetched freed). */
int client_bytes_many(struct client *c, struct client_fetch *f, size_t n, char *err, size_t errlen);
/* Several JSON GETs, as many at once as the client allows, each retried like client_json's;
 * an answer that is not 2xx is no failure here: the caller reads g[i].status. 0, or -1 with
 * err when a request got no answer at all (and every g[i].body freed). */
int client_json_many(struct client *c, struct client_get *g, size_t n, char *err, size_t errlen);
/* A multipart upload of one file as files[] to target. Returns the parsed body or NULL. */
json_t *client_upload(struct client *c, const char *target, const char *name,
                      const unsigned char *bytes, size_t len, char *err, size_t errlen);

#endif
