/* reply.c — see reply.h. */
#include "api/pipeline/reply.h"
#include "api/pipeline/jsonmem.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/jw.h"

#include <stdio.h>
#include "core/common.h"

#define BODY_UNAUTH    "{\"success\":false,\"code\":2000000,\"message\":\"Unauthenticated.\"}"
#define BODY_MODEL_NF  "{\"success\":false,\"code\":1000001,\"message\":\"Model not found\"}"
#define BODY_RECORD_NF "{\"message\":\"Record not found\"}"
#define BODY_UNAVAILABLE \
    "{\"success\":false,\"message\":\"The server is busy; retry the request.\"}"
#define BODY_INTERNAL  "{\"success\":false,\"message\":\"Internal server error.\"}"
#define BODY_TOOBIG    "{\"success\":false,\"message\":\"The request is too large to process.\"}"
#define BODY_FORBIDDEN "{\"success\":false,\"message\":\"This action is unauthorized.\"}"

int reply_status(int rc)
{
    switch (rc) {
    case RC_OK:
        return 200;
    case RC_BADREQ:
        return 400;
    case RC_INVALID:
        return 422;
    case RC_UNAUTH:
        return 401;
    case RC_FORBIDDEN:
        return 403;
    case RC_NOTFOUND:
        /* spec: tm-notes §2.4, crm-notes §9 — a missing or foreign object is 404 "Record not
         * found"; only GET of a task is verified as 400 code 1000001 (R_NF400, reply_error) */
        return 404;
    case RC_CONFLICT:
        return 409;
    case RC_TOOBIG:
        return 413;
    case RC_NOMEM:
    case RC_BUSY:
        return 503;
    default:
        return 500;
    }
}

static void set_static(struct response *resp, int status, const char *body)
{
    resp->status = status;
    resp->body = body;
    resp->body_len = strlen(body);
}

/* Serialise v into the arena; false when the arena is exhausted. */
static bool set_json(struct arena *a, struct response *resp, int status, json_t *v)
{
    struct buf b;
    buf_init(&b, a, 0);
    if (!v || jsonmem_dump(v, JSON_COMPACT, &b) != RC_OK || !b.ptr)
        return false;
    resp->status = status;
    resp->body = b.ptr;
    resp->body_len = b.len;
    return true;
}

/* {"success":false,"message":msg}; when the arena cannot hold it, a fixed body: a 413
 * stays a 413 (the cap was what filled the arena), anything else becomes 503 */
static void message_body(struct request *req, struct response *resp, int status, const char *msg)
{
    json_t *v = json_pack("{s:b, s:s}", "success", 0, "message", msg);
    if (!set_json(&req->arena, resp, status, v)) {
        if (status == 413)
            set_static(resp, 413, BODY_TOOBIG);
        else
            set_static(resp, 503, BODY_UNAVAILABLE);
    }
}

/* A tree (c->payload, c->extra, a page item) as text into w: dumped, then copied; members
 * only: its keys into the object being written. */
static void write_tree(struct jw *w, struct arena *a, const json_t *v, bool members)
{
    struct buf b;
    buf_init(&b, a, 0);
    /* a payload may be a bare string ("status": "ok") */
    int rc = jsonmem_dump(v, JSON_COMPACT | JSON_ENCODE_ANY, &b);
    if (rc || !b.ptr) {
        jw_fail(w, rc ? rc : RC_NOMEM);
        return;
    }
    if (members)
        jw_members(w, b.ptr, b.len);
    else
        jw_raw(w, b.ptr, b.len);
}

/* One page item of a tree presenter, built in an arena of its own that is freed as soon as
 * its text is out: a page costs its rows, its text and the largest item's tree, never every
 * item's tree at once. The scratch arena gets what the request's has left, and while the
 * text goes into the request's arena that arena is held back by what the tree took, so both
 * together stay within the request's cap. */
static void tree_item(struct call *c, struct jw *w, const void *item)
{
    struct arena *a = c->a, *was = arena_current();
    struct arena scratch;
    arena_init(&scratch, a->used < a->limit ? a->limit - a->used : 1);
    arena_set_current(&scratch);
    json_t *v = c->page.to_json(c, item);
    if (!v) {
        jw_fail(w, RC_NOMEM);
    } else {
        size_t limit = a->limit;
        a->limit = scratch.used < limit - a->used ? limit - scratch.used : a->used;
        struct buf b;
        buf_init(&b, &scratch, 0);
        int rc = jsonmem_dump(v, JSON_COMPACT, &b);
        if (rc || !b.ptr)
            jw_fail(w, rc ? rc : RC_NOMEM);
        else
            jw_raw(w, b.ptr, b.len);
        a->limit = limit;
    }
    arena_set_current(was);
    a->failed = a->failed || scratch.failed;
    a->hit_limit = a->hit_limit || scratch.hit_limit;
    arena_reset(&scratch);
}

static void page_item(struct call *c, struct jw *w, size_t i)
{
    const void *item = (const char *)c->page.items + i * c->page.size;
    if (c->page.write)
        c->page.write(w, c, item);
    else
        tree_item(c, w, item);
}

/* {"success":true,"<envelope>":<payload>,<more key>,<extra keys>} written in one pass: a
 * writer presenter's object or list straight from the model's structs, a tree dumped. The
 * text is the body, in the request's arena. */
static int write_body(struct call *c, const char *envelope, bool success_key, struct response *resp)
{
    struct jw w;
    jw_init(&w, c->a);
    jw_obj(&w);
    if (success_key)
        jw_key_bool(&w, "success", true);
    if (envelope) {
        jw_key(&w, envelope);
        if (c->page.one) {
            page_item(c, &w, 0);
        } else if (c->page.write || c->page.to_json) {
            jw_arr(&w);
            for (size_t i = 0; i < c->page.n && !w.rc; i++)
                page_item(c, &w, i);
            jw_arr_end(&w);
        } else if (c->payload) {
            write_tree(&w, c->a, c->payload, false);
        } else {
            jw_null(&w);
        }
    }
    if (c->page.more_key)
        jw_key_bool(&w, c->page.more_key, c->page.more);
    if (c->extra && json_object_size(c->extra))
        write_tree(&w, c->a, c->extra, true);
    jw_obj_end(&w);
    const char *text;
    size_t len;
    int rc = jw_finish(&w, &text, &len);
    if (rc)
        return rc;
    resp->status = 200;
    resp->body = text;
    resp->body_len = len;
    return RC_OK;
}

void reply_success(struct call *c, const char *envelope, bool success_key, struct response *resp)
{
    resp->rc = RC_OK;
    if (c->no_content) {
        resp->status = 204;
        resp->body = "";
        resp->body_len = 0;
        return;
    }
    if (c->raw) {
        resp->status = 200;
        resp->body = (const char *)c->raw;
        resp->body_len = c->raw_len;
        resp->content_type = c->raw_type;
        resp->disposition = c->raw_disposition;
        resp->etag = c->raw_etag;
        resp->headers = c->raw_headers;
        return;
    }
    if (write_body(c, envelope, success_key, resp) == RC_OK)
        return;
    if (!c->a->failed) {
        /* not memory: a value JSON cannot hold (a non-finite number, text not UTF-8) */
        resp->rc = RC_INTERNAL;
        set_static(resp, 500, BODY_INTERNAL);
        return;
    }
    resp->rc = RC_NOMEM;
    set_static(resp, 503, BODY_UNAVAILABLE);
}

void reply_error(struct call *c, int rc, bool model_nf, struct response *resp)
{
    struct request *req = c->req;
    /* Decision: a reply that could not be built while no allocation failed was refused by
     * jansson (a non-finite number has no JSON form): a bug, 500, never "busy" (issue 13
     * item 8) */
    if (rc == RC_NOMEM && !c->a->failed)
        rc = RC_INTERNAL;
    int status = reply_status(rc);
    /* HEAD answers as GET does */
    if (rc == RC_NOTFOUND && model_nf &&
        (strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0))
        status = 400;
    resp->rc = rc;
    switch (rc) {
    case RC_UNAUTH:
        set_static(resp, status, BODY_UNAUTH);
        return;
    case RC_NOTFOUND:
        set_static(resp, status, status == 400 ? BODY_MODEL_NF : BODY_RECORD_NF);
        return;
    case RC_FORBIDDEN:
        set_static(resp, status, BODY_FORBIDDEN);
        return;
    case RC_NOMEM:
    case RC_BUSY:
        set_static(resp, status, BODY_UNAVAILABLE);
        return;
    case RC_INVALID: {
        /* Laravel shape: {"success":false,"message":<first>,"errors":{field:[...]}} */
        json_t *v = json_pack("{s:b, s:s, s:O}", "success", 0, "message",
                              c->message ? c->message : "The given data was invalid.", "errors",
                              c->errors ? c->errors : json_object());
        if (!set_json(c->a, resp, status, v))
            set_static(resp, 503, BODY_UNAVAILABLE);
        return;
    }
    case RC_BADREQ:
        message_body(req, resp, status, c->message ? c->message : "Bad request.");
        return;
    case RC_CONFLICT:
        message_body(req, resp, status, c->message ? c->message : "Conflict.");
        return;
    case RC_TOOBIG:
        message_body(req, resp, status,
                     c->message ? c->message : "The request is too large to process.");
        return;
    default:
        set_static(resp, 500, BODY_INTERNAL);
        return;
    }
}

/* "public/v1/ws/x" as Laravel prints the route, without the leading slash. Bytes outside
 * printable ASCII are %-escaped: a raw path need not be UTF-8 (nor is its 200-byte cut),
 * and jansson refuses a message that is not. */
static const char *route_text(struct request *req)
{
    size_t n = req->path.len > 200 ? 200 : req->path.len;
    const char *p = req->path.ptr;
    if (n && p[0] == '/') {
        p++;
        n--;
    }
    char *s = arena_alloc(&req->arena, 3 * n + 1);
    if (!s)
        return "";
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch >= 0x20 && ch < 0x7f)
            s[w++] = (char)ch;
        else
            w += (size_t)snprintf(s + w, 4, "%%%02X", ch);
    }
    s[w] = '\0';
    return s;
}

void reply_route_not_found(struct request *req, struct response *resp)
{
    char *msg = arena_printf(&req->arena, "The route %s could not be found.", route_text(req));
    resp->rc = RC_NOTFOUND;
    message_body(req, resp, 404, msg ? msg : "The route could not be found.");
}

void reply_method_not_allowed(struct request *req, const char *allow, struct response *resp)
{
    /* the header is sent after dispatch returns: it must live in the request arena */
    allow = arena_strdup(&req->arena, allow);
    if (!allow) {
        resp->rc = RC_NOMEM;
        set_static(resp, 503, BODY_UNAVAILABLE);
        return;
    }
    char *msg = arena_printf(&req->arena,
                             "The %.16s method is not supported for route %s. Supported "
                             "methods: %s.",
                             req->method, route_text(req), allow);
    resp->rc = RC_BADREQ;
    resp->allow = allow;
    message_body(req, resp, 405, msg ? msg : "Method not allowed.");
}

void reply_limit(struct request *req, struct response *resp)
{
    char msg[160];
    int status;
    switch (req->limit) {
    case LIMIT_BODY:
        status = 413;
        snprintf(msg, sizeof(msg), "The request body is larger than the limit of %zu bytes.",
                 req->max_body);
        break;
    case LIMIT_URI:
        status = 414;
        snprintf(msg, sizeof(msg), "The request URI is too long.");
        break;
    case LIMIT_FRAMING:
        status = 400;
        snprintf(msg, sizeof(msg), "The request is malformed.");
        resp->rc = RC_BADREQ;
        message_body(req, resp, status, msg);
        return;
    default:
        status = 431;
        snprintf(msg, sizeof(msg), "The request header fields are too large.");
        break;
    }
    resp->rc = RC_TOOBIG;
    message_body(req, resp, status, msg);
}
