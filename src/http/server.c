/* server.c — see server.h. libmicrohttpd calls the access handler several times per
 * request: first with no body (we record headers and check limits), then with body chunks,
 * then once more with none; we dispatch on that last call, which also keeps the
 * connection alive (answering on the first call makes the library close it). */
#include "http/server.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/rand.h"
#include "core/rc.h"
#include "http/metrics.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
#include <strings.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>
#include <arpa/inet.h>
#include "core/common.h"

/* a chunked body past the cap is read and dropped up to this many bytes beyond the cap, so
 * the client still gets its 413; beyond it the connection is closed. libmicrohttpd cannot
 * answer while body data is being delivered (microhttpd.h: "The response cannot be queued
 * when this callback is called to process the client upload data"), so the 413 goes out
 * when the body ends; a Content-Length past the cap is refused before any body is read. */
#define HTTP_DISCARD_LIMIT (64u * 1024u * 1024u)
/* descriptors kept free beyond one per connection: stdio, the listen socket, each worker's
 * epoll and wake-up descriptors, the store's files or sockets (and a reconnect), and the
 * socket accepted only to be closed past the per-address cap */
#define HTTP_FD_RESERVE(threads) (64u + 4u * (threads))
/* room in an upload's arena beyond the body itself (alignment, the body's NUL) */
#define HTTP_UPLOAD_SLACK 4096u
/* Decision (issue 13 item 9): a GET or HEAD gets this many times --max-request-memory. Its
 * body is never parsed, so what it costs is what the workspace holds, and the caps bound
 * that: the largest page (100 deals filled to every cap, 20 custom fields each included)
 * needs about 216 MiB of the 256 MiB this gives the default 16 MiB
 * (docs/internals/arena.md, "Worst-case pages"). */
#define HTTP_READ_MEMORY_FACTOR 16u

struct http_server {
    struct MHD_Daemon *d;
    struct MHD_Daemon *md; /* the metrics listener (--metrics-listen), or NULL */
    struct http_config cfg;
    int fd, mfd;
    atomic_long inflight;
    atomic_ulong seq;
    int64_t start_ms;
    /* Decision: request ids are this process's 64 random bits in hex, a dash and a
     * counter: unique across processes and restarts without any coordination (the old
     * start-second prefix repeated in every process started in the same second) */
    char id_prefix[17];
    char bound[96]; /* the listen address, for URLs when a request has no usable Host */
    char mbound[96];
};

/* the local routes the server answers itself, in the metrics' slots after the table's */
#define SLOT_METRICS(s) ((s)->cfg.nroutes + 1)
#define SLOT_READYZ(s)  ((s)->cfg.nroutes + 2)
#define LOG_PATH_MAX    1024 /* path and query in an access line, each */
#define LOG_UA_MAX      256

struct req_state {
    struct request req;
    struct response resp;
    struct http_server *srv;
    size_t discarded;
    bool on_metrics_port; /* came in on --metrics-listen */
    const char *raw_uri;  /* the request target as the library parsed it, and its strlen */
    size_t raw_uri_len;
};

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *con)
{
    struct http_server *s = cls;
    struct req_state *st = calloc(1, sizeof(*st));
    if (!st)
        return NULL;
    st->srv = s;
    if (s->md) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_DAEMON);
        st->on_metrics_port = ci && ci->daemon == s->md;
    }
    struct request *r = &st->req;
    arena_init(&r->arena, s->cfg.arena_limit);
    r->start_ns = clock_mono_ns();
    r->max_body = s->cfg.max_body;
    r->local_addr = s->bound;
    unsigned long n = atomic_fetch_add(&s->seq, 1) + 1;
    snprintf(r->id, sizeof(r->id), "%s-%lx", s->id_prefix, n);
    size_t len = strlen(uri);
    st->raw_uri = uri;
    st->raw_uri_len = len;
    if (len > HTTP_MAX_URI) {
        r->limit = LIMIT_URI;
        len = 64; /* keep a prefix for the log line */
    }
    const char *q = memchr(uri, '?', len);
    size_t plen = q ? (size_t)(q - uri) : len;
    char *copy = arena_strndup(&r->arena, uri, len);
    if (copy) {
        r->path = (struct str){copy, plen};
        r->query = q ? (struct str){copy + plen + 1, len - plen - 1} : (struct str){"", 0};
    } else {
        r->path = STR_LIT("/");
        r->query = STR_LIT("");
    }
    buf_init(&r->body, &r->arena, r->max_body);
    atomic_fetch_add(&s->inflight, 1);
    return st;
}

static enum MHD_Result sum_headers(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    size_t *total = cls;
    *total += strlen(key) + (value ? strlen(value) : 0) + 4;
    return MHD_YES;
}

/* An incoming X-Request-Id is kept when it is short and plain enough to log and echo. */
static bool request_id_ok(const char *v)
{
    size_t n = strlen(v);
    if (n == 0 || n > HTTP_REQUEST_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  strchr("._:@+=/-", c);
        if (!ok)
            return false;
    }
    return true;
}

static void client_address(struct MHD_Connection *con, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "-");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, out,
                  (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, out,
                  (socklen_t)n);
}

/* Counts Content-Length fields and notes whether their values differ. */
struct cl_seen {
    const char *first;
    unsigned n;
    bool differ;
};

static enum MHD_Result each_content_length(void *cls, enum MHD_ValueKind kind, const char *key,
                                           const char *value)
{
    (void)kind;
    struct cl_seen *cl = cls;
    if (strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) != 0)
        return MHD_YES;
    if (cl->n++ == 0)
        cl->first = value;
    else if (!value || !cl->first || strcmp(value, cl->first) != 0)
        cl->differ = true;
    return MHD_YES;
}

/* Decision: framing a proxy and we could read differently is refused (400) before any body
 * is read, as RFC 9112 §6.3 asks: two Content-Length fields that differ (libmicrohttpd takes
 * the first, a proxy may take the last: request smuggling), Content-Length beside
 * Transfer-Encoding, and a NUL byte inside the request target (the library's strings end
 * there, so "/ws\0x" was served as "/ws"). Identical repeated Content-Length is accepted. */
static bool framing_is_ambiguous(struct MHD_Connection *con, const struct req_state *st,
                                 const char *version)
{
    struct cl_seen cl = {0};
    MHD_get_connection_values(con, MHD_HEADER_KIND, each_content_length, &cl);
    if (cl.differ)
        return true;
    if (cl.n && MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Transfer-Encoding"))
        return true;
    /* libmicrohttpd 0.9.75 parses the request line in place: the target runs up to the
     * byte before the version. A target whose C string ends earlier held a NUL. */
    if (st->raw_uri && version && version > st->raw_uri &&
        (size_t)(version - st->raw_uri) <= HTTP_MAX_URI + 64 &&
        (size_t)(version - 1 - st->raw_uri) > st->raw_uri_len) {
        for (const char *p = st->raw_uri + st->raw_uri_len; p < version - 1; p++)
            if (*p != ' ')
                return true;
    }
    return false;
}

static enum MHD_Result send_response(struct MHD_Connection *con, struct req_state *st)
{
    struct response *resp = &st->resp;
    const char *inm = st->req.if_none_match;
    if (resp->etag && resp->status == 200 && inm && strstr(inm, resp->etag)) {
        resp->status = 304;
        resp->body_len = 0;
    }
    struct MHD_Response *mr = MHD_create_response_from_buffer(
        resp->body_len, (void *)(uintptr_t)resp->body, MHD_RESPMEM_PERSISTENT);
    if (!mr)
        return MHD_NO;
    if (resp->content_type) {
        /* a stored file: its type is whatever the uploader said, so no sniffing, and
         * `attachment` so that a browser saves it instead of rendering it as our page */
        MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, resp->content_type);
        MHD_add_response_header(mr, "X-Content-Type-Options", "nosniff");
        if (resp->disposition)
            MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_DISPOSITION, resp->disposition);
    } else if (resp->status != 204) { /* no body, so no type (the task locations routes) */
        MHD_add_response_header(mr, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    }
    MHD_add_response_header(mr, "X-Request-Id", st->req.id);
    /* Decision: every 503 (a store outage, contention, memory) is worth retrying soon,
     * unless the answer names its own wait (an injected fault's retryAfter) */
    bool own_retry = false;
    for (int i = 0; i < resp->nhdr; i++)
        own_retry = own_retry || strcasecmp(resp->hdr_name[i], MHD_HTTP_HEADER_RETRY_AFTER) == 0;
    if (resp->status == 503 && !own_retry)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_RETRY_AFTER, "1");
    if (resp->allow)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_ALLOW, resp->allow);
    if (resp->etag)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_ETAG, resp->etag);
    for (const char *const *h = resp->headers; h && h[0] && h[1]; h += 2)
        MHD_add_response_header(mr, h[0], h[1]);
    for (int i = 0; i < resp->nhdr; i++)
        MHD_add_response_header(mr, resp->hdr_name[i], resp->hdr_value[i]);
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)resp->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static void set_local_route(struct response *resp, size_t slot, const char *path)
{
    resp->route_slot = slot;
    resp->route_method = "GET";
    resp->route_prefix = "";
    resp->route = path;
}

static void answer_metrics(struct http_server *s, struct request *r, struct response *resp)
{
    struct buf b;
    buf_init(&b, &r->arena, 0);
    struct metrics_info info = {
        .version = WEEEKD_VERSION,
        .store = s->cfg.store ? s->cfg.store : "",
        .inflight = atomic_load(&s->inflight),
        .start_ms = s->start_ms,
    };
    if (s->cfg.counters)
        s->cfg.counters(&info.counters);
    if (metrics_render(&b, &info)) {
        resp->status = 503;
        resp->body = "{\"success\":false,\"message\":\"Service unavailable.\"}";
    } else {
        resp->status = 200;
        resp->body = b.ptr;
        resp->content_type = "text/plain; version=0.0.4; charset=utf-8";
    }
    resp->body_len = strlen(resp->body);
}

static void answer_readyz(struct http_server *s, struct response *resp)
{
    char why[300] = "";
    int rc = s->cfg.ready ? s->cfg.ready(s->cfg.ctx, why, sizeof(why)) : RC_OK;
    if (rc)
        log_warn("not ready: %s", why);
    resp->status = rc ? 503 : 200;
    resp->body = rc ? "{\"success\":false,\"status\":\"not ready\"}"
                    : "{\"success\":true,\"status\":\"ready\"}";
    resp->body_len = strlen(resp->body);
    resp->rc = rc;
}

/* GET /readyz, and GET /metrics unless it has a listener of its own: answered here, with
 * no route, no token and no transaction (a probe must not queue behind the API) */
static bool local_route(struct req_state *st)
{
    struct request *r = &st->req;
    struct http_server *s = st->srv;
    bool get = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (st->on_metrics_port) {
        if (get && !r->limit && str_eq(r->path, "/metrics")) {
            set_local_route(&st->resp, SLOT_METRICS(s), "/metrics");
            answer_metrics(s, r, &st->resp);
        } else {
            st->resp.status = 404;
            st->resp.body = "{\"success\":false,\"message\":\"Only /metrics is served here.\"}";
            st->resp.body_len = strlen(st->resp.body);
            st->resp.rc = RC_NOTFOUND;
        }
        return true;
    }
    if (r->limit || !get)
        return false;
    if (str_eq(r->path, "/readyz")) {
        set_local_route(&st->resp, SLOT_READYZ(s), "/readyz");
        answer_readyz(s, &st->resp);
        return true;
    }
    if (str_eq(r->path, "/metrics") && !s->md) {
        set_local_route(&st->resp, SLOT_METRICS(s), "/metrics");
        answer_metrics(s, r, &st->resp);
        return true;
    }
    return false;
}

static enum MHD_Result dispatch_now(struct MHD_Connection *con, struct req_state *st)
{
    st->req.dispatched = true;
    if (!local_route(st))
        st->srv->cfg.dispatch(st->srv->cfg.ctx, &st->req, &st->resp);
    return send_response(con, st);
}

/* Uploads get their own body cap and, like downloads, arena room for one file on top of
 * the usual cap (and only they do, so one request cannot hold more than that). */
static void classify(struct req_state *st)
{
    struct request *r = &st->req;
    const struct http_config *cfg = &st->srv->cfg;
    r->cls = cfg->classify ? cfg->classify(r->method, r->path.ptr, r->path.len) : REQ_PLAIN;
    bool read = strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
    if (read && cfg->arena_limit <= SIZE_MAX / HTTP_READ_MEMORY_FACTOR)
        r->arena.limit = cfg->arena_limit * HTTP_READ_MEMORY_FACTOR;
    if (r->cls == REQ_PLAIN)
        return;
    size_t file = cfg->arena_limit + cfg->max_upload + HTTP_UPLOAD_SLACK;
    r->arena.limit = file > r->arena.limit ? file : r->arena.limit;
    if (r->cls != REQ_UPLOAD)
        return;
    r->max_body = cfg->max_upload;
    buf_init(&r->body, &r->arena, r->max_body);
}

/* The body buffer of an upload is allocated once, at its final size: Content-Length when
 * given, else the cap (a chunked upload: the allocation is address space, and the kernel
 * commits its pages only as bytes arrive). Growing by doubling would leave every smaller
 * copy in the arena and so need twice the cap. */
static void reserve_upload(struct request *r, const char *cl)
{
    int64_t n;
    if (cl && str_to_i64(cl, strlen(cl), &n) == 0 && n >= 0)
        buf_reserve(&r->body, (size_t)n); /* a failure leaves buf_append to report it */
    else
        buf_reserve(&r->body, r->max_body);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **req_cls)
{
    (void)cls;
    (void)url;
    struct req_state *st = *req_cls;
    if (!st)
        return MHD_NO; /* uri_log could not allocate: drop the connection */
    struct request *r = &st->req;
    if (!r->method) {
        r->method = arena_strdup(&r->arena, method);
        if (!r->method)
            return MHD_NO;
        const char *ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
        const char *au = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
        const char *host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host");
        const char *proto = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-Proto");
        const char *inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
        r->content_type = ct ? arena_strdup(&r->arena, ct) : NULL;
        r->authorization = au ? arena_strdup(&r->arena, au) : NULL;
        r->host = host ? arena_strdup(&r->arena, host) : NULL;
        r->forwarded_proto = proto ? arena_strdup(&r->arena, proto) : NULL;
        const char *rid = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Request-Id");
        if (rid && request_id_ok(rid))
            snprintf(r->id, sizeof(r->id), "%s", rid);
        const char *ua = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "User-Agent");
        r->user_agent = ua ? arena_strndup(&r->arena, ua, strnlen(ua, LOG_UA_MAX)) : NULL;
        client_address(con, r->client, sizeof(r->client));
        r->if_none_match = inm ? arena_strdup(&r->arena, inm) : NULL;
        static const char *const cors_hdrs[] = {"Origin", "Access-Control-Request-Method",
                                                "Access-Control-Request-Headers"};
        const char **cors_dst[] = {&r->origin, &r->acr_method, &r->acr_headers};
        for (size_t i = 0; i < 3; i++) {
            const char *v = MHD_lookup_connection_value(con, MHD_HEADER_KIND, cors_hdrs[i]);
            *cors_dst[i] = v ? arena_strdup(&r->arena, v) : NULL;
        }
        if (!r->limit)
            classify(st);
        size_t total = 0;
        MHD_get_connection_values(con, MHD_HEADER_KIND, sum_headers, &total);
        if (!r->limit && total > HTTP_MAX_HEADER_BYTES)
            r->limit = LIMIT_HEADERS;
        if (!r->limit && framing_is_ambiguous(con, st, version))
            r->limit = LIMIT_FRAMING;
        const char *cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
        if (!r->limit && cl) {
            int64_t n;
            if (str_to_i64(cl, strlen(cl), &n) == 0 && (uint64_t)n > r->max_body)
                r->limit = LIMIT_BODY;
        }
        /* refuse before reading a body we will not accept; the library then closes */
        if (r->limit)
            return dispatch_now(con, st);
        if (r->cls == REQ_UPLOAD) {
            /* a stranger's upload is answered (401) before its body costs any memory */
            const struct http_config *cfg = &st->srv->cfg;
            if (cfg->admit && !cfg->admit(cfg->ctx, r))
                return dispatch_now(con, st);
            reserve_upload(r, cl);
        }
        return MHD_YES;
    }
    if (*upload_data_size) {
        /* counted as it arrives: nothing past the cap is ever buffered */
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->limit == LIMIT_BODY) {
            st->discarded += n;
            return st->discarded - r->max_body > HTTP_DISCARD_LIMIT ? MHD_NO : MHD_YES;
        }
        if (buf_append(&r->body, upload_data, n)) {
            r->limit = LIMIT_BODY;
            st->discarded = r->body.len + n;
        }
        return MHD_YES;
    }
    if (r->dispatched)
        return MHD_YES;
    return dispatch_now(con, st);
}

static bool secret_name(const char *p, size_t n)
{
    static const char *const words[] = {"token", "key", "secret", "pass", "auth", "sig"};
    char low[64];
    if (n >= sizeof(low))
        n = sizeof(low) - 1;
    for (size_t i = 0; i < n; i++)
        low[i] = (p[i] >= 'A' && p[i] <= 'Z') ? (char)(p[i] - 'A' + 'a') : p[i];
    low[n] = '\0';
    for (size_t i = 0; i < ARRAY_LEN(words); i++)
        if (strstr(low, words[i]))
            return true;
    return false;
}

/* Decision: the logged query has the value of every parameter whose name looks like a
 * credential (token, key, secret, pass, auth, sig) replaced: weeekd takes tokens only in
 * the Authorization header, but clients put them in URLs too */
static const char *log_query(struct request *r)
{
    if (!r->query.len)
        return NULL;
    size_t n = r->query.len > LOG_PATH_MAX ? LOG_PATH_MAX : r->query.len;
    struct buf b;
    buf_init(&b, &r->arena, 0);
    const char *q = r->query.ptr, *end = q + n;
    while (q < end) {
        const char *amp = memchr(q, '&', (size_t)(end - q));
        const char *stop = amp ? amp : end;
        const char *eq = memchr(q, '=', (size_t)(stop - q));
        if (eq && secret_name(q, (size_t)(eq - q))) {
            buf_append(&b, q, (size_t)(eq - q) + 1);
            buf_puts(&b, "REDACTED");
        } else {
            buf_append(&b, q, (size_t)(stop - q));
        }
        if (amp)
            buf_append(&b, "&", 1);
        q = amp ? amp + 1 : end;
    }
    return b.len ? b.ptr : NULL;
}

static void access_line(struct req_state *st, double ms, int toe)
{
    struct request *r = &st->req;
    const struct response *p = &st->resp;
    bool json = log_get_format() == LOG_JSON;
    const char *route = NULL;
    if (p->route)
        route = arena_printf(&r->arena, "%s%s", p->route_prefix ? p->route_prefix : "", p->route);
    const char *aborted = arena_printf(&r->arena, "aborted (%d)", toe);
    struct log_field f[] = {
        LOG_STR(json ? "request_id" : "id", r->id),
        LOG_STR("method", r->method ? r->method : "-"),
        LOG_STRN("path", r->path.ptr, r->path.len > LOG_PATH_MAX ? LOG_PATH_MAX : r->path.len),
        r->dispatched ? LOG_INT("status", p->status) : LOG_STR("status", aborted),
        LOG_INT("bytes", r->dispatched ? (int64_t)p->body_len : 0),
        LOG_MS("ms", ms),
        LOG_INT("ws", p->ws_id),
        LOG_STR("rc", r->dispatched ? rc_name(p->rc) : NULL),
        LOG_STR("detail", p->detail),
        LOG_STR("client", r->client[0] ? r->client : "-"),
        LOG_STR("query", log_query(r)),
        LOG_STR("route", route),
        LOG_STR(json ? "user_agent" : "ua", r->user_agent),
    };
    log_event(LOG_INFO, json ? "access" : "", f, ARRAY_LEN(f), 6);
}

static void on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con;
    struct http_server *s = cls;
    struct req_state *st = *req_cls;
    if (!st)
        return;
    struct request *r = &st->req;
    int64_t ns = clock_mono_ns() - r->start_ns;
    access_line(st, (double)ns / 1e6, (int)toe);
    if (r->dispatched)
        metrics_observe(st->resp.route_slot, st->resp.route_method, st->resp.route_prefix,
                        st->resp.route, st->resp.status, ns);
    arena_reset(&r->arena);
    free(st);
    *req_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
        msg[--n] = '\0';
    log_debug("libmicrohttpd: %s", msg);
}

static int listen_on(const char *host, const char *port, int *fd_out, char *bound, size_t boundlen,
                     char *err, size_t errlen)
{
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    int g = getaddrinfo(host, port, &hints, &res);
    if (g) {
        snprintf(err, errlen, "cannot resolve listen address %s:%s: %s", host, port,
                 gai_strerror(g));
        return RC_INVALID;
    }
    int fd = -1, saved = 0;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0) {
            saved = errno;
            continue;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 && listen(fd, 1024) == 0)
            break;
        saved = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        snprintf(err, errlen, "cannot listen on %s:%s: %s", host, port, strerror(saved));
        return RC_INVALID;
    }
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    getsockname(fd, (struct sockaddr *)&ss, &sl);
    char addr[INET6_ADDRSTRLEN] = "?";
    unsigned p = 0;
    if (ss.ss_family == AF_INET6) {
        struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
        inet_ntop(AF_INET6, &a6->sin6_addr, addr, sizeof(addr));
        p = ntohs(a6->sin6_port);
        snprintf(bound, boundlen, "[%s]:%u", addr, p);
    } else {
        struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
        inet_ntop(AF_INET, &a4->sin_addr, addr, sizeof(addr));
        p = ntohs(a4->sin_port);
        snprintf(bound, boundlen, "%s:%u", addr, p);
    }
    *fd_out = fd;
    return RC_OK;
}

/* Connections must fit the open-file limit. When accept() fails with EMFILE,
 * libmicrohttpd 0.9.75 retries at once: a worker with no connection of its own spins on
 * the CPU ("Hit process or system resource limit at FIRST connection") until a descriptor
 * frees. So raise the soft limit toward the hard one, and if that is still short, serve
 * fewer connections than --max-conns (the rest wait in the listen queue) and say so. */
static unsigned fit_fd_limit(unsigned max_conns, unsigned threads)
{
    rlim_t want = (rlim_t)max_conns + HTTP_FD_RESERVE(threads);
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) || rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= want)
        return max_conns;
    rlim_t had = rl.rlim_cur;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    if (rl.rlim_cur > had && setrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur >= want)
        return max_conns;
    if (getrlimit(RLIMIT_NOFILE, &rl))
        rl.rlim_cur = had;
    rlim_t room = rl.rlim_cur > 2 * HTTP_FD_RESERVE(threads)
                      ? rl.rlim_cur - HTTP_FD_RESERVE(threads)
                      : rl.rlim_cur / 2;
    unsigned fit = room > 0 ? (unsigned)room : 1;
    log_warn("open file limit %llu leaves room for %u connections, not %u (--max-conns); "
             "raise `ulimit -n` to serve more",
             (unsigned long long)rl.rlim_cur, fit, max_conns);
    return fit;
}

int http_start(struct http_server **out, const struct http_config *cfg, char *err, size_t errlen)
{
    struct http_server *s = calloc(1, sizeof(*s));
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return RC_NOMEM;
    }
    s->cfg = *cfg;
    s->start_ms = clock_now_ms();
    s->fd = s->mfd = -1;
    unsigned char rnd[8];
    if (rand_bytes(rnd, sizeof(rnd))) {
        snprintf(err, errlen, "the kernel gives no random bytes for request ids");
        free(s);
        return RC_INTERNAL;
    }
    for (size_t i = 0; i < sizeof(rnd); i++)
        snprintf(s->id_prefix + 2 * i, 3, "%02x", rnd[i]);
    if (metrics_init(cfg->nroutes + 3)) {
        snprintf(err, errlen, "out of memory");
        free(s);
        return RC_NOMEM;
    }
    char *bound = s->bound;
    int rc = listen_on(cfg->host, cfg->port, &s->fd, bound, sizeof(s->bound), err, errlen);
    if (!rc && cfg->metrics_host)
        rc = listen_on(cfg->metrics_host, cfg->metrics_port, &s->mfd, s->mbound, sizeof(s->mbound),
                       err, errlen);
    if (rc) {
        if (s->fd >= 0)
            close(s->fd);
        metrics_free();
        free(s);
        return rc;
    }
    unsigned threads = cfg->threads ? cfg->threads : 1;
    unsigned max_conns = fit_fd_limit(cfg->max_conns, threads);
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    /* the logger goes first: libmicrohttpd warns (through the logger it had until then)
     * about every option given before it */
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
        MHD_OPTION_LISTEN_SOCKET, s->fd, MHD_OPTION_URI_LOG_CALLBACK, uri_log, s,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_TIMEOUT, cfg->conn_timeout_s, MHD_OPTION_CONNECTION_LIMIT, max_conns,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_conns_per_ip,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MEMORY_LIMIT, MHD_OPTION_END);
    /* the metrics listener: one thread, few connections, the same request path (so its
     * scrapes are logged and counted too), and local_route() answers only /metrics */
    if (s->d && s->mfd >= 0)
        s->md = MHD_start_daemon(
            flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
            MHD_OPTION_LISTEN_SOCKET, s->mfd, MHD_OPTION_URI_LOG_CALLBACK, uri_log, s,
            MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT,
            cfg->conn_timeout_s, MHD_OPTION_CONNECTION_LIMIT, 16u,
            MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MEMORY_LIMIT, MHD_OPTION_END);
    if (!s->d || (s->mfd >= 0 && !s->md)) {
        snprintf(err, errlen, "cannot start the HTTP server on %s", s->d ? s->mbound : bound);
        if (s->d)
            MHD_stop_daemon(s->d); /* closes s->fd */
        else
            close(s->fd);
        if (s->mfd >= 0)
            close(s->mfd);
        metrics_free();
        free(s);
        return RC_INTERNAL;
    }
    /* the log line first: a client that waits for "listening on" may be answered (and
     * its request logged) before the next statement runs, and the start-up line is the
     * log's first */
    log_info("weeekd %s serving %s (%s store, %u threads, body cap %zu bytes, upload cap %zu "
             "bytes%s%s)",
             WEEEKD_VERSION, bound, cfg->store ? cfg->store : "no", cfg->threads, cfg->max_body,
             cfg->max_upload, s->md ? ", metrics on " : "", s->md ? s->mbound : "");
    /* stdout: the address for scripts (the port when it was 0); the log line says the
     * rest, without repeating "listening on" */
    printf("listening on %s\n", bound);
    if (s->md)
        printf("metrics on %s\n", s->mbound);
    fflush(stdout);
    *out = s;
    return RC_OK;
}

void http_stop(struct http_server *s)
{
    if (!s)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->d);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    if (s->md)
        MHD_stop_daemon(s->md); /* closes its listen socket */
    int64_t deadline = clock_mono_ns() + (int64_t)s->cfg.drain_s * 1000000000;
    while (atomic_load(&s->inflight) > 0 && clock_mono_ns() < deadline)
        usleep(10000);
    long left = atomic_load(&s->inflight);
    if (left > 0)
        log_warn("shutdown: %ld requests still in flight after %us", left, s->cfg.drain_s);
    MHD_stop_daemon(s->d);
    metrics_free();
    free(s);
}
