/* call.h — struct call: everything a handler gets for one request, and the helpers that
 * record what went wrong. Handlers read input through api/pipeline/input.h, call model functions
 * with c->st and c->a, set c->payload (and optionally c->extra) and return an rc; they
 * never choose status codes or write envelopes (api/pipeline/reply.c does). */
#ifndef API_CALL_H
#define API_CALL_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/rc.h"
#include "core/str.h"
#include "http/qs.h"
#include "http/request.h"

struct store;
struct route;
struct app;
struct call;
struct jw;

#define CALL_MAX_PARAMS 4

/* A presenter (api/<entity>_json.c): the spec's JSON object for item, a model struct, as this
 * call answers it (an attachment's url names the request's own host). A new reference;
 * NULL only when memory runs out. */
typedef json_t *(*present_fn)(const struct call *c, const void *item);
/* A writer presenter (api/present/<entity>_json.c, issue 18): the same object written as
 * text into w (core/jw.h), with no tree; its failures stick in w. What the hot objects
 * (Task, Deal) use: the reply is their text, never 15 times its size in jansson nodes. */
typedef void (*write_fn)(struct jw *w, const struct call *c, const void *item);

/* What goes under the envelope key when it is not c->payload: a list answered item by
 * item (call_list, call_write_list), or one object written when the reply is (call_write).
 * Rendered by api/pipeline/reply.c. */
struct call_items {
    const void *items;
    size_t n, size;
    present_fn to_json;   /* a tree per item, or */
    write_fn write;       /* text per item; both NULL: none */
    bool one;             /* items is one object, answered as itself rather than a list */
    const char *more_key; /* call_page: {more_key: more} after the list */
    bool more;
};

struct call {
    struct arena *a;
    struct request *req;
    struct app *app;
    struct store *st;
    const struct route *route;
    int arg; /* the route's argument column, set with the route (call_arg) */
    struct str param_names[CALL_MAX_PARAMS];
    struct str params[CALL_MAX_PARAMS]; /* decoded path parameters */
    size_t nparams;
    struct qs qs;        /* the decoded query string (every method) */
    json_t *body;        /* the JSON object sent, or NULL when there was none ([]/""/{}) */
    bool input_qs;       /* input_* read the query string: a GET, whose body is ignored */
    int64_t ws_id;       /* authenticated workspace */
    const char *user_id; /* authenticated member (uuid) */
    /* the token's hash when ws_id and user_id come from the token memory: to be confirmed
     * inside the request's transaction (router.c, token_confirm) */
    const char *auth_recalled;
    json_t *payload;          /* goes under the route's envelope key */
    struct call_items page;   /* instead of payload: a list built one item at a time */
    json_t *extra;            /* further top-level keys of the envelope (hasMore, ...) */
    const unsigned char *raw; /* a body sent as is instead of an envelope */
    size_t raw_len;
    const char *raw_type;           /* raw's Content-Type; NULL = application/json */
    const char *raw_disposition;    /* raw's Content-Disposition, or NULL */
    const char *raw_etag;           /* raw's ETag (static), or NULL: If-None-Match gets a 304 */
    const char *const *raw_headers; /* further header name, value pairs (static), NULL-ended */
    bool no_content;                /* answer 204 with no body (spec: the task locations routes) */
    /* input of a nested object: the input_* helpers read fields of this object and name
     * errors "<in_prefix><field>" (e.g. "locations.0.projectId"); see input_enter */
    const char *in_prefix;
    /* failure detail */
    int rc;              /* first rc recorded by call_fail (RC_NOMEM inside input_*) */
    json_t *errors;      /* field -> [messages] for RC_INVALID */
    size_t nerrors;      /* messages recorded; past CALL_ERRORS_MAX the rest are dropped */
    const char *message; /* first message, or a message for other rcs */
    const char *detail;  /* for the access log only (e.g. the driver's text) */
};

/* Decision: an error body lists at most the first CALL_ERRORS_MAX messages (issue 13 item
 * 10: 10,000 bad ids gave a 588 KB body); the answer is still a 422 past them. */
#define CALL_ERRORS_MAX 50

/* Record a validation error on field (added to errors, first message kept). Returns
 * RC_INVALID, or RC_NOMEM when the arena is exhausted. */
int call_invalid(struct call *c, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The rc recorded by call_fail, else RC_INVALID when any validation error was recorded,
 * else RC_OK. */
int call_check(const struct call *c);
/* field as errors name it: with c->in_prefix in front while reading a nested object */
const char *call_key(struct call *c, const char *field);
/* Record rc (the first one is kept) with a client-facing message (may be NULL) and
 * return rc. */
int call_fail(struct call *c, int rc, const char *message);
/* The argument column of the route's routes.def row (a scope, a kind, ATTACH/DETACH...),
 * with which one handler serves several routes; router_match sets it with the route, 0 before. */
int call_arg(const struct call *c);
/* The path parameter called name; an empty str when the route has none. */
struct str call_param(const struct call *c, const char *name);
/* A path parameter as a positive integer id. RC_OK or RC_NOTFOUND (a non-numeric id
 * names nothing). */
int call_param_id(const struct call *c, const char *name, int64_t *out);
/* A path parameter as a uuid, lower-cased (ids are stored so) into the arena. RC_OK,
 * RC_NOTFOUND (not a uuid: it names nothing) or RC_NOMEM. */
int call_param_uuid(const struct call *c, const char *name, const char **out);
/* The token of the request's "Authorization: Bearer TOKEN" header (scheme in any case,
 * blanks around the token cut), *n its length; NULL without such a header. Not
 * NUL-terminated at *n. */
const char *call_bearer(const struct call *c, size_t *n);

/* [to_json(c, &items[0]), ...] over n elements of size bytes; NULL when any element
 * cannot be built. */
json_t *present_list(const struct call *c, const void *items, size_t n, size_t size,
                     present_fn to_json);
/* c->payload = payload (a new reference, or NULL when it could not be built): RC_OK, or
 * RC_NOMEM for NULL. */
int call_reply(struct call *c, json_t *payload);
/* The route's list: items answered under the envelope key, each built and serialised on
 * its own when the reply is written (reply.c), so a page never holds the JSON tree of
 * every item at once (issue 13 item 9). RC_OK. */
int call_list(struct call *c, const void *items, size_t n, size_t size, present_fn to_json);
/* A page of a paginated list: call_list, and more_key: more beside it (after the list, before
 * the keys of c->extra). RC_OK. */
int call_page(struct call *c, const void *items, size_t n, size_t size, present_fn to_json,
              const char *more_key, bool more);
/* The route's payload is item (size bytes, copied into the arena: it may live on the
 * handler's stack, but what it points to must be arena memory), written by write when the
 * reply is. RC_OK or RC_NOMEM. */
int call_write(struct call *c, const void *item, size_t size, write_fn write);
/* call_list and call_page with a writer presenter: items (arena memory) are written one
 * after the other straight into the reply's text. RC_OK. */
int call_write_list(struct call *c, const void *items, size_t n, size_t size, write_fn write);
int call_write_page(struct call *c, const void *items, size_t n, size_t size, write_fn write,
                    const char *more_key, bool more);

#endif
