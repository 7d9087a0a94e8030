/* client_local.c — the in-process client of client.h: each request is a struct request
 * handed to router_dispatch() as the HTTP server would, with its own arena released as soon
 * as the answer is parsed, so memory stays flat however many requests an export makes. */
#include "port/client.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/pipeline/router.h"
#include "core/arena.h"
#include "http/request.h"
#include "core/common.h"

struct local {
    struct client base; /* first: a struct client * is a struct local * */
    struct app app;
    char auth[600];
};

void client_free(struct client *c)
{
    if (c)
        c->ops->free(c);
}

json_t *client_json(struct client *c, const char *method, const char *target, json_t *body,
                    char *err, size_t errlen)
{
    return c->ops->json(c, method, target, body, err, errlen);
}

int client_bytes(struct client *c, const char *target, const char *url, unsigned char **out,
                 size_t *len, char *err, size_t errlen)
{
    return c->ops->bytes(c, target, url, out, len, err, errlen);
}

int client_bytes_many(struct client *c, struct client_fetch *f, size_t n, char *err, size_t errlen)
{
    if (c->ops->bytes_many)
        return c->ops->bytes_many(c, f, n, err, errlen);
    for (size_t i = 0; i < n; i++) {
        if (client_bytes(c, f[i].target, f[i].url, &f[i].out, &f[i].len, err, errlen)) {
            for (size_t k = 0; k < i; k++) {
                free(f[k].out);
                f[k].out = NULL;
            }
            return -1;
        }
    }
    return 0;
}

int client_json_many(struct client *c, struct client_get *g, size_t n, char *err, size_t errlen)
{
    for (size_t i = 0; i < n; i++)
        g[i].body = NULL;
    int rc = c->ops->json_many(c, g, n, err, errlen);
    for (size_t i = 0; rc && i < n; i++) {
        json_decref(g[i].body);
        g[i].body = NULL;
    }
    return rc;
}

json_t *client_upload(struct client *c, const char *target, const char *name,
                      const unsigned char *bytes, size_t len, char *err, size_t errlen)
{
    return c->ops->upload(c, target, name, bytes, len, err, errlen);
}

static void local_free(struct client *c)
{
    free(c);
}

/* One dispatch. body/body_len stay owned by the caller; on return resp's bytes are copied
 * out through fn before the arena goes. */
struct outcome {
    int status;
    char *body; /* malloc'd copy */
    size_t len;
};

static int dispatch(struct local *c, const char *method, const char *target,
                    const char *content_type, const char *body, size_t body_len, enum req_class cls,
                    struct outcome *out)
{
    size_t plen0 = strlen(API_PREFIX), tlen = plen0 + strlen(target);
    char *raw = malloc(tlen + 1);
    if (!raw)
        return -1;
    memcpy(raw, API_PREFIX, plen0);
    memcpy(raw + plen0, target, tlen - plen0 + 1);
    struct request q;
    struct response resp;
    memset(&q, 0, sizeof(q));
    memset(&resp, 0, sizeof(resp));
    /* an attachment moves whole through the arena (as in the server, --max-upload on top) */
    arena_init(&q.arena, cls == REQ_PLAIN ? 0 : (size_t)64 << 20);
    snprintf(q.id, sizeof(q.id), "port");
    q.method = method;
    const char *mark = memchr(raw, '?', tlen);
    size_t plen = mark ? (size_t)(mark - raw) : tlen;
    q.path = (struct str){raw, plen};
    q.query = mark ? (struct str){mark + 1, tlen - plen - 1} : (struct str){"", 0};
    q.authorization = c->auth;
    q.content_type = content_type;
    q.cls = cls;
    q.max_body = body_len + 1;
    q.local_addr = "127.0.0.1:0";
    q.body = (struct buf){
        .a = &q.arena, .ptr = (char *)(uintptr_t)body, .len = body_len, .cap = body_len + 1};
    router_dispatch(&c->app, &q, &resp);
    out->status = resp.status;
    out->len = resp.body_len;
    out->body = malloc(resp.body_len + 1);
    int rc = 0;
    if (!out->body) {
        rc = -1;
    } else {
        if (resp.body_len)
            memcpy(out->body, resp.body, resp.body_len);
        out->body[resp.body_len] = '\0';
    }
    arena_reset(&q.arena);
    free(raw);
    return rc;
}

static json_t *parse(const char *method, const char *target, struct outcome *o, char *err,
                     size_t errlen)
{
    json_t *v = NULL;
    if (o->status >= 200 && o->status < 300) {
        v = o->len ? json_loadb(o->body, o->len, 0, NULL) : json_object();
        if (!v)
            snprintf(err, errlen, "%s %s: answer is not JSON", method, target);
    } else {
        snprintf(err, errlen, "%s %s: %d %.700s", method, target, o->status,
                 o->body ? o->body : "");
    }
    free(o->body);
    return v;
}

static json_t *local_json(struct client *cl, const char *method, const char *target, json_t *body,
                          char *err, size_t errlen)
{
    struct local *c = (struct local *)cl;
    /* json_dumpb into our own buffer: json_dumps' string comes from jansson's allocator
     * (api/pipeline/jsonmem.c), which free() must not see */
    char *text = NULL;
    if (body) {
        size_t n = json_dumpb(body, NULL, 0, JSON_COMPACT);
        text = n ? malloc(n + 1) : NULL;
        if (text) {
            json_dumpb(body, text, n, JSON_COMPACT);
            text[n] = '\0';
        }
    }
    struct outcome o = {0};
    if ((body && !text) || dispatch(c, method, target, text ? "application/json" : NULL, text,
                                    text ? strlen(text) : 0, REQ_PLAIN, &o)) {
        free(text);
        snprintf(err, errlen, "%s %s: out of memory", method, target);
        return NULL;
    }
    free(text);
    return parse(method, target, &o, err, errlen);
}

static int local_bytes(struct client *cl, const char *target, const char *url, unsigned char **out,
                       size_t *len, char *err, size_t errlen)
{
    (void)url;
    struct local *c = (struct local *)cl;
    struct outcome o = {0};
    if (dispatch(c, "GET", target, NULL, NULL, 0, REQ_DOWNLOAD, &o)) {
        snprintf(err, errlen, "GET %s: out of memory", target);
        return -1;
    }
    if (o.status != 200) {
        snprintf(err, errlen, "GET %s: %d", target, o.status);
        free(o.body);
        return -1;
    }
    *out = (unsigned char *)o.body;
    *len = o.len;
    return 0;
}

static json_t *local_upload(struct client *cl, const char *target, const char *name,
                            const unsigned char *bytes, size_t len, char *err, size_t errlen)
{
    struct local *c = (struct local *)cl;
    static const char boundary[] = "weeekd-port-7c1f0e9a3b";
    /* the name goes as RFC 5987 filename* (percent-encoded UTF-8), which the server prefers:
     * any quote or byte in it survives the header */
    size_t cap = len + 3 * strlen(name) + 512;
    char *enc = malloc(3 * strlen(name) + 1);
    if (!enc) {
        snprintf(err, errlen, "POST %s: out of memory", target);
        return NULL;
    }
    size_t e = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            enc[e++] = (char)*p;
        else
            e += (size_t)snprintf(enc + e, 4, "%%%02X", *p);
    }
    enc[e] = '\0';
    char *body = malloc(cap);
    if (!body) {
        free(enc);
        snprintf(err, errlen, "POST %s: out of memory", target);
        return NULL;
    }
    int h = snprintf(body, cap,
                     "--%s\r\nContent-Disposition: form-data; name=\"files[]\"; "
                     "filename*=UTF-8''%s\r\nContent-Type: application/octet-stream\r\n\r\n",
                     boundary, enc);
    free(enc);
    size_t n = (size_t)h;
    if (len)
        memcpy(body + n, bytes, len);
    n += len;
    n += (size_t)snprintf(body + n, cap - n, "\r\n--%s--\r\n", boundary);
    char ct[128];
    snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%s", boundary);
    struct outcome o = {0};
    int rc = dispatch(c, "POST", target, ct, body, n, REQ_UPLOAD, &o);
    free(body);
    if (rc) {
        snprintf(err, errlen, "POST %s: out of memory", target);
        return NULL;
    }
    return parse("POST", target, &o, err, errlen);
}

/* In process there is nothing to overlap: one after the other. */
static int local_json_many(struct client *cl, struct client_get *g, size_t n, char *err,
                           size_t errlen)
{
    struct local *c = (struct local *)cl;
    for (size_t i = 0; i < n; i++) {
        struct outcome o = {0};
        if (dispatch(c, "GET", g[i].target, NULL, NULL, 0, REQ_PLAIN, &o)) {
            snprintf(err, errlen, "GET %s: out of memory", g[i].target);
            return -1;
        }
        g[i].status = o.status;
        g[i].body = o.len ? json_loadb(o.body, o.len, 0, NULL) : NULL;
        free(o.body);
    }
    return 0;
}

static const struct client_ops local_ops = {local_json, local_bytes, local_upload,
                                            local_free, NULL,        local_json_many};

struct client *client_local(struct store_pool *pool, const char *token)
{
    struct local *c = calloc(1, sizeof(*c));
    if (!c)
        return NULL;
    c->base.ops = &local_ops;
    c->app.pool = pool;
    snprintf(c->auth, sizeof(c->auth), "Bearer %s", token);
    return &c->base;
}
