/* router.h — the request pipeline: match routes.def by method and path, authenticate the
 * bearer token, decode query and body, run the handler inside one transaction (retried
 * once on RC_BUSY), and build the response through api/pipeline/reply.c.
 * See docs/internals/routes.md. */
#ifndef API_ROUTER_H
#define API_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

struct call;
struct store_pool;
struct cors_cfg;

#define API_PREFIX "/public/v1"

enum route_flags {
    R_WRITE = 1u << 0,
    R_NOAUTH = 1u << 1,
    R_NOSTORE = 1u << 2,
    R_ROOT = 1u << 3,
    R_EXTRA = 1u << 4,
    R_NF400 = 1u << 5,     /* a GET of a missing object is HTTP 400 code 1000001 (the task only) */
    R_UPLOAD = 1u << 6,    /* multipart file upload: body cap --max-upload (REQ_UPLOAD) */
    R_DOWNLOAD = 1u << 7,  /* answers a stored file's bytes (REQ_DOWNLOAD) */
    R_NOSUCCESS = 1u << 8, /* the answer has no "success" key (a task's comments: tm-notes §7) */
    R_ADMIN = 1u << 9,     /* the admin API (/_weeekd/): --admin-token instead of an API token */
};

struct route {
    const char *method;
    const char *path;
    int (*handler)(struct call *c);
    const char *handler_name;
    int arg; /* the table's argument column, read by the handler through call_arg() */
    const char *envelope;
    unsigned flags;
};

/* Shared by every request; set up once by main. */
struct app {
    struct store_pool *pool;
    const char *admin_token;     /* --admin-token; NULL: every /_weeekd/ path is 404 */
    struct tdouble *td;          /* the test-double state (api/double/double.h); NULL when off */
    const struct cors_cfg *cors; /* --cors-origin (http/cors.h); NULL: no CORS */
    /* Fills a new workspace with a named seed (port/seed.h, wired by main: port is above
     * api); seeds lists the names it knows. NULL: only "empty" exists. */
    int (*seed)(struct store_pool *pool, int64_t ws, const char *name, const char *owner_email,
                const char *token, char *err, size_t errlen);
    const char *const *seeds;
};

extern const struct route routes[];
extern const size_t routes_count;

/* Handle one complete request; always fills resp. Matches the http_dispatch_fn type. */
void router_dispatch(void *app, struct request *req, struct response *resp);

/* The request class of method + raw path for the HTTP server (http_classify_fn): from the
 * route's R_UPLOAD / R_DOWNLOAD flag; REQ_PLAIN for anything else, unknown paths included. */
enum req_class router_classify(const char *method, const char *path, size_t len);

/* Before an upload's body is read (http_admit_fn): false when the request's bearer token
 * is missing or unknown, so the server answers (router_dispatch then gives the 401) without
 * buffering up to --max-upload bytes for a stranger. true otherwise, store errors included. */
bool router_admit(void *app, struct request *req);

/* Match method + raw path. Returns the route, or NULL with *allow set to the methods of
 * the path ("" when the path matches no route). Path parameters go into c when c != NULL;
 * when the arena cannot hold one, NULL with c->rc = RC_NOMEM.
 * Exposed for tests. */
const struct route *router_match(const char *method, const char *path, size_t len, struct call *c,
                                 char *allow, size_t allowlen);

#endif
