/* server.c — see server.h. libmicrohttpd calls the access handler several times per
 * request: first with no body (we record headers and check limits), then with body chunks,
 * then once more with none; we dispatch on that last call, which also keeps the
 * connection alive (answering on the first call makes the library close it). */
#include "http/server.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/rc.h"

#include <errno.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdatomic.h>
#include <stdio.h>
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

struct http_server {
    struct MHD_Daemon *d;
    struct http_config cfg;
    int fd;
    atomic_long inflight;
    atomic_ulong seq;
    unsigned long boot;
    char bound[96]; /* the listen address, for URLs when a request has no usable Host */
};

struct req_state {
    struct request req;
    struct response resp;
    struct http_server *srv;
    size_t discarded;
    const char *raw_uri; /* the request target as the library parsed it, and its strlen */
    size_t raw_uri_len;
};

static void *uri_log(void *cls, const char *uri, struct MHD_Connection *con)
{
    (void)con;
    struct http_server *s = cls;
    struct req_state *st = calloc(1, sizeof(*st));
    if (!st)
        return NULL;
    st->srv = s;
    struct request *r = &st->req;
    arena_init(&r->arena, s->cfg.arena_limit);
    r->start_ns = clock_mono_ns();
    r->max_body = s->cfg.max_body;
    r->local_addr = s->bound;
    unsigned long n = atomic_fetch_add(&s->seq, 1) + 1;
    snprintf(r->id, sizeof(r->id), "%lx-%lu", s->boot, n);
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
    if (resp->allow)
        MHD_add_response_header(mr, MHD_HTTP_HEADER_ALLOW, resp->allow);
    for (int i = 0; i < resp->nhdr; i++)
        MHD_add_response_header(mr, resp->hdr_name[i], resp->hdr_value[i]);
    enum MHD_Result ret = MHD_queue_response(con, (unsigned)resp->status, mr);
    MHD_destroy_response(mr);
    return ret;
}

static enum MHD_Result dispatch_now(struct MHD_Connection *con, struct req_state *st)
{
    st->req.dispatched = true;
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
    if (r->cls == REQ_PLAIN)
        return;
    r->arena.limit = cfg->arena_limit + cfg->max_upload + HTTP_UPLOAD_SLACK;
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
        r->content_type = ct ? arena_strdup(&r->arena, ct) : NULL;
        r->authorization = au ? arena_strdup(&r->arena, au) : NULL;
        r->host = host ? arena_strdup(&r->arena, host) : NULL;
        r->forwarded_proto = proto ? arena_strdup(&r->arena, proto) : NULL;
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

static void on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)con;
    struct http_server *s = cls;
    struct req_state *st = *req_cls;
    if (!st)
        return;
    struct request *r = &st->req;
    double ms = (double)(clock_mono_ns() - r->start_ns) / 1e6;
    if (r->dispatched) {
        log_info("%s %s %.*s %d %zu %.2fms ws=%lld rc=%s%s%s%s", r->id, r->method,
                 (int)(r->path.len > 200 ? 200 : r->path.len), r->path.ptr, st->resp.status,
                 st->resp.body_len, ms, (long long)st->resp.ws_id, rc_name(st->resp.rc),
                 st->resp.detail ? " (" : "", st->resp.detail ? st->resp.detail : "",
                 st->resp.detail ? ")" : "");
    } else {
        log_info("%s %s %.*s aborted (%d) %.2fms", r->id, r->method ? r->method : "-",
                 (int)(r->path.len > 200 ? 200 : r->path.len), r->path.ptr, (int)toe, ms);
    }
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
    s->boot = (unsigned long)(clock_now_ms() / 1000) & 0xffffff;
    char *bound = s->bound;
    int rc = listen_on(cfg->host, cfg->port, &s->fd, bound, sizeof(s->bound), err, errlen);
    if (rc) {
        free(s);
        return rc;
    }
    unsigned threads = cfg->threads ? cfg->threads : 1;
    unsigned max_conns = fit_fd_limit(cfg->max_conns, threads);
    unsigned flags =
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    s->d = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET, s->fd,
        MHD_OPTION_URI_LOG_CALLBACK, uri_log, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, cfg->conn_timeout_s,
        MHD_OPTION_CONNECTION_LIMIT, max_conns, MHD_OPTION_PER_IP_CONNECTION_LIMIT,
        cfg->max_conns_per_ip, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HTTP_MEMORY_LIMIT,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_END);
    if (!s->d) {
        snprintf(err, errlen, "cannot start the HTTP server on %s", bound);
        close(s->fd);
        free(s);
        return RC_INTERNAL;
    }
    printf("listening on %s\n", bound);
    fflush(stdout);
    log_info("listening on %s (%u threads, body cap %zu bytes, upload cap %zu bytes)", bound,
             cfg->threads, cfg->max_body, cfg->max_upload);
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
    int64_t deadline = clock_mono_ns() + (int64_t)s->cfg.drain_s * 1000000000;
    while (atomic_load(&s->inflight) > 0 && clock_mono_ns() < deadline)
        usleep(10000);
    long left = atomic_load(&s->inflight);
    if (left > 0)
        log_warn("shutdown: %ld requests still in flight after %us", left, s->cfg.drain_s);
    MHD_stop_daemon(s->d);
    free(s);
}
