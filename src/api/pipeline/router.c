/* router.c — see router.h. The route table is routes.def, expanded here into routes[]
 * (api/pipeline/handlers.h expands it into the handler prototypes and defines the constants of its
 * argument column; a missing handler is a link error). Matching is a linear scan
 * that first compares the number of path segments (counted once per pattern, at the first
 * request): a profile of GET /tm/tasks/{id} spent 11% of its instructions comparing
 * patterns that could never match, and the count rules out all but a handful. A trie
 * would only add code. */
#include "api/pipeline/router.h"
#include "api/double/admin.h"
#include "api/pipeline/call.h"
#include "api/pipeline/handlers.h"
#include "api/pipeline/jsonmem.h"
#include "api/pipeline/reply.h"
#include "core/log.h"
#include "core/sha256.h"
#include "model/token.h"
#include "store/store.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <strings.h>
#include "core/common.h"

const struct route routes[] = {
#define ROUTE(method, path, handler, arg, envelope, flags) \
    {#method, path, handler, #handler, arg, envelope, flags},
#include "api/pipeline/routes.def"
#undef ROUTE
};
const size_t routes_count = ARRAY_LEN(routes);

#define MAX_TOKEN_LEN 512

/* segments of each pattern ("/" is 1, like "/ws"), and whether its method is GET */
static unsigned char route_nseg[ARRAY_LEN(routes)];
static bool route_get[ARRAY_LEN(routes)];
static pthread_once_t routes_once = PTHREAD_ONCE_INIT;

static size_t count_segments(const char *p, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += p[i] == '/';
    return n;
}

static void routes_prepare(void)
{
    for (size_t i = 0; i < routes_count; i++) {
        size_t n = count_segments(routes[i].path, strlen(routes[i].path));
        route_nseg[i] = n > UCHAR_MAX ? UCHAR_MAX : (unsigned char)n;
        route_get[i] = strcmp(routes[i].method, "GET") == 0;
    }
}

/* Compare one route pattern with a path; captures parameters into c when given. */
static bool match_path(const char *pat, const char *path, size_t len, struct call *c)
{
    size_t np = 0, pi = 0, i = 0;
    while (pat[pi] || i < len) {
        if (pat[pi] != '/' || i >= len || path[i] != '/')
            return false;
        pi++;
        i++;
        size_t ps = pi, s = i;
        while (pat[pi] && pat[pi] != '/')
            pi++;
        while (i < len && path[i] != '/')
            i++;
        size_t plen = pi - ps, slen = i - s;
        if (slen == 0 && plen != 0)
            return false; /* an empty segment matches only the pattern "/" (the interface) */
        if (pat[ps] == '{') {
            if (c && np < CALL_MAX_PARAMS) {
                int rc = str_decoded_copy(c->a, path + s, slen, false, &c->params[np]);
                /* out of memory is not a mismatch: router_dispatch answers 503, not 404/405 */
                if (rc == RC_NOMEM)
                    c->rc = RC_NOMEM;
                if (rc || c->params[np].len == 0)
                    return false;
                c->param_names[np] = (struct str){pat + ps + 1, plen - 2};
                np++;
            }
        } else if (plen != slen || memcmp(pat + ps, path + s, slen) != 0) {
            return false;
        }
    }
    if (c)
        c->nparams = np;
    return true;
}

static void add_allow(char *allow, size_t allowlen, const char *m)
{
    if (strstr(allow, m))
        return;
    size_t n = strlen(allow);
    snprintf(allow + n, allowlen - n, "%s%s", n ? ", " : "", m);
}

const struct route *router_match(const char *method, const char *path, size_t len, struct call *c,
                                 char *allow, size_t allowlen)
{
    allow[0] = '\0';
    const char *rel = NULL;
    size_t rlen = 0, plen = strlen(API_PREFIX);
    if (len > 1 && path[len - 1] == '/')
        len--; /* "/ws/tags/" is "/ws/tags" */
    if (len >= plen && memcmp(path, API_PREFIX, plen) == 0 && (len == plen || path[plen] == '/')) {
        rel = path + plen;
        rlen = len - plen;
    }
    bool is_head = strcmp(method, "HEAD") == 0;
    pthread_once(&routes_once, routes_prepare);
    size_t nseg = count_segments(path, len), nrel = rel ? count_segments(rel, rlen) : 0;
    for (size_t i = 0; i < routes_count; i++) {
        const struct route *r = &routes[i];
        bool root = r->flags & R_ROOT;
        if (route_nseg[i] != (root ? nseg : nrel) || (!root && !rel))
            continue;
        bool ok =
            root ? match_path(r->path, path, len, NULL) : match_path(r->path, rel, rlen, NULL);
        if (!ok)
            continue;
        if (strcmp(r->method, method) == 0 || (is_head && strcmp(r->method, "GET") == 0)) {
            if (c) {
                const char *p = (r->flags & R_ROOT) ? path : rel;
                size_t l = (r->flags & R_ROOT) ? len : rlen;
                if (!match_path(r->path, p, l, c))
                    return NULL; /* a parameter that does not decode */
                c->arg = r->arg;
            }
            return r;
        }
        add_allow(allow, allowlen, r->method);
        if (route_get[i])
            add_allow(allow, allowlen, "HEAD");
    }
    return NULL;
}

enum req_class router_classify(const char *method, const char *path, size_t len)
{
    char allow[96];
    const struct route *r = router_match(method, path, len, NULL, allow, sizeof(allow));
    if (!r)
        return REQ_PLAIN;
    if (r->flags & R_UPLOAD)
        return REQ_UPLOAD;
    return (r->flags & R_DOWNLOAD) ? REQ_DOWNLOAD : REQ_PLAIN;
}

static bool is_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r' && p[i] != '\n')
            return false;
    return true;
}

static bool has_media_type(const char *ct, const char *type)
{
    size_t n = strlen(type);
    while (ct && *ct == ' ')
        ct++;
    return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* application/x-www-form-urlencoded: the same decoding as the query string; repeated or
 * bracketed names become arrays of strings, which input_* then convert like JSON text */
static int form_body(struct call *c, const struct buf *b)
{
    struct qs q;
    int rc = qs_parse(c->a, b->ptr, b->len, &q);
    if (rc)
        return call_fail(c, rc, rc == RC_BADREQ ? "The form body is malformed." : NULL);
    json_t *obj = json_object();
    for (size_t i = 0; obj && i < q.n; i++) {
        const struct qs_param *p = &q.items[i];
        if (!utf8_valid(p->value.ptr, p->value.len) || !utf8_valid(p->name.ptr, p->name.len))
            return call_fail(c, RC_BADREQ, "The form body is not valid UTF-8.");
        json_t *v = json_stringn(p->value.ptr, p->value.len);
        char *name = arena_strndup(c->a, p->name.ptr, p->name.len);
        if (!v || !name)
            return call_fail(c, RC_NOMEM, NULL);
        json_t *old = json_object_get(obj, name);
        if (p->bracketed || old) {
            if (!json_is_array(old)) {
                json_t *arr = json_array();
                if (!arr || (old && json_array_append(arr, old)) ||
                    json_object_set_new(obj, name, arr))
                    return call_fail(c, RC_NOMEM, NULL);
                old = arr;
            }
            if (json_array_append_new(old, v))
                return call_fail(c, RC_NOMEM, NULL);
        } else if (json_object_set_new(obj, name, v)) {
            return call_fail(c, RC_NOMEM, NULL);
        }
    }
    c->body = obj && json_object_size(obj) ? obj : NULL;
    return RC_OK;
}

/* json_loadb under the jsonmem guard: an allocation the arena refuses ends the parse here
 * (see jsonmem.h for why jansson must never see it fail). NULL with *oom set then. */
static json_t *load_json(const struct buf *b, json_error_t *e, bool *oom)
{
    jmp_buf jb;
    *oom = false;
    if (setjmp(jb)) {
        jsonmem_guard(NULL);
        *oom = true;
        return NULL;
    }
    jsonmem_guard(&jb);
    json_t *v = json_loadb(b->ptr, b->len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, e);
    jsonmem_guard(NULL);
    return v;
}

/* Optional bodies arrive as nothing, [], "", {} or null: all mean "no fields". So does any
 * other body that is valid JSON but not an object (a scalar such as the string "{}" that a
 * generated client sends on actions, or an array): it names no field, so a route whose
 * fields are optional carries on and one that needs a field answers its 422 "required", as
 * Laravel does (request->all() holds no named key). Only malformed JSON is a 400. */
static int parse_body(struct call *c)
{
    const struct buf *b = &c->req->body;
    c->body = NULL;
    if (!b->len || is_blank(b->ptr, b->len))
        return RC_OK;
    const char *ct = c->req->content_type;
    /* multipart is never decoded here: an upload route's handler parses it from the raw
     * body (api/ws/attachments.c, http/multipart.h); on any other route its fields are
     * unknown fields, ignored like every other unknown field */
    if (has_media_type(ct, "multipart/form-data"))
        return RC_OK;
    /* JSON is recognised by its first character whatever the Content-Type says: `curl -d`
     * and some HTTP libraries label JSON as a form */
    size_t i = 0;
    while (i < b->len && is_blank(b->ptr + i, 1))
        i++;
    bool looks_json = b->ptr[i] == '{' || b->ptr[i] == '[' || b->ptr[i] == '"';
    if (!looks_json && has_media_type(ct, "application/x-www-form-urlencoded"))
        return form_body(c, b);
    json_error_t e;
    bool oom;
    json_t *v = load_json(b, &e, &oom);
    if (!v) {
        if (oom || c->a->hit_limit)
            return call_fail(c, c->a->hit_limit ? RC_TOOBIG : RC_NOMEM,
                             "The request body is too complex to process.");
        bool text_ok = utf8_valid(e.text, strlen(e.text));
        const char *msg =
            arena_printf(c->a, "The request body is not valid JSON: %s (line %d, column %d).",
                         text_ok ? e.text : "invalid text", e.line, e.column);
        return call_fail(c, RC_BADREQ, msg ? msg : "The request body is not valid JSON.");
    }
    if (json_is_object(v) && json_object_size(v))
        c->body = v;
    return RC_OK;
}

/* The token's workspace and member: from the token memory when recall allows and the token
 * is remembered (no round trip: the transaction confirms it, run_in_transaction), else
 * looked up now (autocommit). */
static int authenticate(struct call *c, bool recall)
{
    size_t n = 0;
    const char *h = call_bearer(c, &n);
    if (!h || n == 0 || n > MAX_TOKEN_LEN)
        return RC_UNAUTH;
    char hash[2 * SHA256_LEN + 1];
    sha256_hex(h, n, hash);
    c->auth_recalled = NULL;
    if (recall && token_recall(c->a, hash, &c->ws_id, &c->user_id)) {
        c->auth_recalled = arena_strdup(c->a, hash);
        return c->auth_recalled ? RC_OK : RC_NOMEM;
    }
    int rc = token_authenticate(c->st, c->a, hash, &c->ws_id, &c->user_id);
    if (rc == RC_NOTFOUND)
        return RC_UNAUTH;
    if (!rc)
        token_remember(hash, c->ws_id, c->user_id);
    return rc;
}

bool router_admit(void *appv, struct request *req)
{
    char allow[96];
    const struct route *r =
        router_match(req->method, req->path.ptr, req->path.len, NULL, allow, sizeof(allow));
    if (!r || (r->flags & (R_NOAUTH | R_NOSTORE)))
        return true;
    struct app *app = appv;
    struct call c = {.a = &req->arena, .req = req, .app = app};
    c.st = store_acquire(app->pool);
    int rc = authenticate(&c, true);
    store_release(app->pool, c.st);
    /* only a token known to be bad turns the body away; a store hiccup is left to the
     * normal path, which reports it properly */
    return rc != RC_UNAUTH;
}

static void reset_outcome(struct call *c)
{
    c->rc = RC_OK;
    c->payload = NULL;
    c->page = (struct call_items){0};
    c->extra = NULL;
    c->errors = NULL;
    c->nerrors = 0;
    c->message = NULL;
}

/* The handler, then its reply serialised at once: inside a transaction this happens before
 * the commit, so a reply that cannot be built (arena cap) never hides a committed write
 * behind a 503. */
static int handle(struct call *c, struct response *resp)
{
    int rc = c->route->handler(c);
    if (rc)
        return rc;
    reply_success(c, c->route->envelope, !(c->route->flags & R_NOSUCCESS), resp);
    return resp->rc;
}

/* A remembered token (authenticate) is checked inside the transaction: its check rides
 * with the first statement (token_check_along) and is read before anything is committed
 * or answered, so a token revoked since gets its 401 and leaves nothing behind. */
static int confirm_token(struct call *c, int rc, bool *stale)
{
    if (!c->auth_recalled || store_tx_failure(c->st))
        return rc;
    int arc = token_confirm(c->st, c->a, c->auth_recalled, c->ws_id, c->user_id);
    if (arc && arc != RC_UNAUTH) {
        /* remembered wrong (RC_CONFLICT), or the check could not run (the transaction
         * aborted before its rows came): never answer on a guess */
        *stale = true;
        return arc;
    }
    return arc ? arc : rc;
}

static int run_in_transaction(struct call *c, struct response *resp)
{
    const struct route *r = c->route;
    int rc = RC_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
        bool stale = false;
        reset_outcome(c);
        /* An API route works inside its token's workspace only (tenancy), so its write
         * locks that workspace alone; the admin API creates, deletes and restores
         * workspaces and locks the whole store (docs/internals/store.md, "Write locks"). */
        int64_t ws = (r->flags & R_ADMIN) ? 0 : c->ws_id;
        rc = store_begin_ws(c->st, (r->flags & R_WRITE) ? TX_WRITE : TX_READ, ws);
        if (!rc) {
            if (c->auth_recalled)
                rc = token_check_along(c->st, c->a, c->auth_recalled);
            if (!rc)
                rc = handle(c, resp);
            rc = confirm_token(c, rc, &stale);
            /* a transaction dead since its start answers that, whatever the handler saw */
            if (store_tx_failure(c->st))
                rc = store_tx_failure(c->st);
            if (!rc)
                rc = store_commit(c->st);
            else
                store_rollback(c->st);
        }
        if (stale) {
            /* authenticate afresh (autocommit) and run the request again */
            rc = authenticate(c, false);
            if (rc)
                break;
            attempt--;
            continue;
        }
        if (rc != RC_BUSY)
            break;
    }
    return rc;
}

/* The query string always; the body for methods that carry one (a GET's body is ignored and
 * input_* read its query string instead). */
static int decode_input(struct call *c)
{
    int rc = qs_parse(c->a, c->req->query.ptr, c->req->query.len, &c->qs);
    if (rc)
        return call_fail(c, rc, rc == RC_BADREQ ? "The query string is malformed." : NULL);
    c->input_qs = strcmp(c->route->method, "GET") == 0;
    return c->input_qs ? RC_OK : parse_body(c);
}

/* Authentication comes before any input is decoded, so an unauthenticated client gets
 * its 401 and never makes the server parse a body. */
static int run(struct call *c, struct response *resp)
{
    const struct route *r = c->route;
    if (r->flags & R_NOSTORE) {
        int rc = (r->flags & R_ADMIN) ? admin_authenticate(c, c->app->admin_token) : RC_OK;
        if (!rc)
            rc = decode_input(c);
        return rc ? rc : handle(c, resp);
    }
    struct app *app = c->app;
    c->st = store_acquire(app->pool);
    int rc = RC_OK;
    if (r->flags & R_ADMIN)
        rc = admin_authenticate(c, app->admin_token);
    else if (!(r->flags & R_NOAUTH))
        rc = authenticate(c, true);
    if (!rc)
        rc = decode_input(c);
    if (!rc)
        rc = run_in_transaction(c, resp);
    if (rc == RC_STORE || rc == RC_INTERNAL || rc == RC_BUSY) {
        c->detail = arena_strdup(c->a, store_errmsg(c->st));
        log_warn("%s %s: %s: %s", c->req->id, r->handler_name, rc_name(rc), store_errmsg(c->st));
    }
    store_release(app->pool, c->st);
    c->st = NULL;
    return rc;
}

void router_dispatch(void *appv, struct request *req, struct response *resp)
{
    arena_set_current(&req->arena);
    if (req->limit) {
        reply_limit(req, resp);
        goto out;
    }
    struct call c = {.a = &req->arena, .req = req, .app = appv};
    char allow[96];
    const struct route *r =
        router_match(req->method, req->path.ptr, req->path.len, &c, allow, sizeof(allow));
    if (!r) {
        if (c.rc == RC_NOMEM)
            reply_error(&c, RC_NOMEM, false, resp);
        else if (allow[0])
            reply_method_not_allowed(req, allow, resp);
        else
            reply_route_not_found(req, resp);
        goto out;
    }
    c.route = r;
    /* for the access log and the metrics (per route template) */
    resp->route_slot = (size_t)(r - routes) + 1;
    resp->route_method = r->method;
    resp->route_prefix = (r->flags & R_ROOT) ? "" : API_PREFIX;
    resp->route = r->path;
    int rc = run(&c, resp);
    if (rc)
        reply_error(&c, rc, r->flags & R_NF400, resp);
    resp->ws_id = c.ws_id;
    resp->detail = c.detail;
out:
    arena_set_current(NULL);
}
