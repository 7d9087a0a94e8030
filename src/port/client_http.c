/* client_http.c — the HTTP client of client.h over libcurl, for `weeekd import --from`.
 * One easy handle, so the connection is kept alive between requests. Every request is
 * retried until it gets an answer that is not transient: 429 waits for its Retry-After
 * (seconds, at most 120), a 502/503/504 or a transfer failure (refused, reset, dropped,
 * timed out) waits 0.25 s, 0.5 s, 1 s, ... up to 16 s, for at most --retries more attempts (default
 * 8: about 50 s in all). TLS certificates and host names are verified (libcurl's defaults, left
 * on). */
#include "port/client.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "core/common.h"

#define MAX_RETRY_WAIT 120

struct http {
    struct client base; /* first: a struct client * is a struct http * */
    CURL *curl;
    char *base_url;    /* without a trailing '/' */
    size_t origin_len; /* scheme://host[:port] prefix of base_url */
    struct curl_slist *headers;
    long retries;     /* transient failures retried so far (for the report) */
    int max_attempts; /* --retries + 1 */
    int concurrency;  /* downloads at once (--concurrency) */
};

struct sink {
    char *p;
    size_t len, cap;
    long retry_after; /* seconds, -1 when absent */
};

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
    struct sink *s = arg;
    size_t add = size * n;
    if (s->len + add + 1 > s->cap) {
        size_t cap = s->cap ? s->cap : 16384;
        while (cap < s->len + add + 1)
            cap *= 2;
        char *p = realloc(s->p, cap);
        if (!p)
            return 0;
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->len, data, add);
    s->len += add;
    s->p[s->len] = '\0';
    return add;
}

static size_t on_header(char *data, size_t size, size_t n, void *arg)
{
    struct sink *s = arg;
    size_t len = size * n;
    if (len > 12 && !strncasecmp(data, "Retry-After:", 12)) {
        char v[32];
        size_t k = len - 12 < sizeof(v) - 1 ? len - 12 : sizeof(v) - 1;
        memcpy(v, data + 12, k);
        v[k] = '\0';
        char *end;
        long secs = strtol(v, &end, 10);
        /* an HTTP-date instead of seconds: wait a second and ask again */
        s->retry_after = end != v && secs >= 0 ? secs : 1;
    }
    return len;
}

static void nap(double seconds)
{
    struct timespec ts = {(time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9)};
    while (nanosleep(&ts, &ts))
        ;
}

static bool transient(CURLcode rc)
{
    switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
        return true;
    default:
        return false;
    }
}

static void setup(struct http *h, CURL *e, const char *method, const char *url, const char *body,
                  struct sink *s)
{
    s->len = 0;
    s->retry_after = -1;
    curl_easy_setopt(e, CURLOPT_URL, url);
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, h->headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, s);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, s);
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT, 15L);
    /* a stalled transfer (under 1 byte/s for 60 s) is a dropped one */
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_USERAGENT, "weeekd-import/" WEEEKD_VERSION);
    if (body) {
        curl_easy_setopt(e, CURLOPT_POSTFIELDS, body);
        curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
    }
}

/* One request with retries. url absolute; body (JSON) may be NULL. 0 with *status and the
 * answer in s, or -1 with err. */
static int perform(struct http *h, const char *method, const char *url, const char *body,
                   struct sink *s, long *status, char *err, size_t errlen)
{
    double backoff = 0.25;
    for (int attempt = 1;; attempt++) {
        curl_easy_reset(h->curl);
        setup(h, h->curl, method, url, body, s);
        CURLcode rc = curl_easy_perform(h->curl);
        *status = 0;
        if (rc == CURLE_OK)
            curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, status);
        bool again = false;
        double wait = backoff;
        if (rc != CURLE_OK) {
            again = transient(rc);
            if (!again || attempt >= h->max_attempts) {
                snprintf(err, errlen, "%s %s: %s", method, url, curl_easy_strerror(rc));
                return -1;
            }
        } else if (*status == 429) {
            again = true;
            wait = s->retry_after >= 0 ? (double)s->retry_after : backoff;
            if (wait > MAX_RETRY_WAIT)
                wait = MAX_RETRY_WAIT;
        } else if (*status == 502 || *status == 503 || *status == 504) {
            again = true;
            if (s->retry_after >= 0 && s->retry_after <= MAX_RETRY_WAIT)
                wait = (double)s->retry_after;
        }
        if (!again)
            return 0;
        if (attempt >= h->max_attempts) {
            snprintf(err, errlen, "%s %s: still %ld after %d attempts", method, url, *status,
                     attempt);
            return -1;
        }
        h->retries++;
        nap(wait);
        if (backoff < 16)
            backoff *= 2;
    }
}

static json_t *http_json(struct client *c, const char *method, const char *target, json_t *body,
                         char *err, size_t errlen)
{
    struct http *h = (struct http *)c;
    size_t n = strlen(h->base_url) + strlen(target) + 1;
    char *url = malloc(n);
    /* json_dumpb into malloc'd memory: json_dumps' string belongs to jansson's allocator */
    char *text = NULL;
    if (body) {
        size_t tn = json_dumpb(body, NULL, 0, JSON_COMPACT);
        text = malloc(tn + 1);
        if (text) {
            json_dumpb(body, text, tn, JSON_COMPACT);
            text[tn] = '\0';
        }
    }
    struct sink s = {0};
    long status;
    json_t *v = NULL;
    if (url) {
        snprintf(url, n, "%s%s", h->base_url, target);
        if (!perform(h, method, url, text, &s, &status, err, errlen)) {
            if (status >= 200 && status < 300) {
                v = s.len ? json_loadb(s.p, s.len, 0, NULL) : json_object();
                if (!v)
                    snprintf(err, errlen, "%s %s: answer is not JSON", method, target);
            } else {
                snprintf(err, errlen, "%s %s: %ld %.300s", method, target, status, s.p ? s.p : "");
            }
        }
    }
    free(url);
    free(s.p);
    free(text);
    return v;
}

/* The URL to download an attachment from (malloc'd): its own url when under the source's
 * origin, else target under the base URL. */
static char *attachment_url(const struct http *h, const char *target, const char *att_url)
{
    char *url;
    /* the token goes only to the source's own origin: another host gets the target path */
    if (att_url && !strncmp(att_url, h->base_url, h->origin_len) &&
        (att_url[h->origin_len] == '/' || !att_url[h->origin_len])) {
        url = strdup(att_url);
    } else {
        size_t n = strlen(h->base_url) + strlen(target) + 1;
        url = malloc(n);
        if (url)
            snprintf(url, n, "%s%s", h->base_url, target);
    }
    return url;
}

static int http_bytes(struct client *c, const char *target, const char *att_url,
                      unsigned char **out, size_t *len, char *err, size_t errlen)
{
    struct http *h = (struct http *)c;
    char *url = attachment_url(h, target, att_url);
    if (!url) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    struct sink s = {0};
    long status;
    int rc = perform(h, "GET", url, NULL, &s, &status, err, errlen);
    if (!rc && status != 200) {
        snprintf(err, errlen, "GET %s: %ld", url, status);
        rc = -1;
    }
    free(url);
    if (rc) {
        free(s.p);
        return -1;
    }
    *out = s.p ? (unsigned char *)s.p : malloc(1);
    *len = s.len;
    return *out ? 0 : -1;
}

static json_t *http_upload(struct client *c, const char *target, const char *name,
                           const unsigned char *bytes, size_t len, char *err, size_t errlen)
{
    (void)c, (void)name, (void)bytes, (void)len;
    snprintf(err, errlen, "POST %s: uploads go to the local store only", target);
    return NULL;
}

static void http_free(struct client *c)
{
    struct http *h = (struct http *)c;
    if (h->retries)
        fprintf(stderr, "weeekd: %ld transient source failures retried\n", h->retries);
    curl_slist_free_all(h->headers);
    curl_easy_cleanup(h->curl);
    free(h->base_url);
    free(h);
}

/* GETs of urls[0..n) up to h->concurrency at once (curl multi), without retries: status[i]
 * is the answer's (0: no answer, or a url that is NULL), its body in s[i]. */
static void multi_get(struct http *h, char *const *urls, size_t n, struct sink *s, long *status)
{
    CURLM *m = curl_multi_init();
    if (!m)
        return;
    curl_multi_setopt(m, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)h->concurrency);
    size_t next = 0, active = 0;
    while (next < n || active) {
        while (next < n && active < (size_t)h->concurrency) {
            CURL *e = urls[next] ? curl_easy_init() : NULL;
            if (!e) {
                next++; /* left to the one-by-one pass */
                continue;
            }
            setup(h, e, "GET", urls[next], NULL, &s[next]);
            curl_easy_setopt(e, CURLOPT_PRIVATE, (char *)(uintptr_t)next);
            curl_multi_add_handle(m, e);
            next++;
            active++;
        }
        int running;
        curl_multi_perform(m, &running);
        CURLMsg *msg;
        int queued;
        while ((msg = curl_multi_info_read(m, &queued))) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            char *p;
            curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &p);
            size_t i = (size_t)(uintptr_t)p;
            status[i] = 0;
            if (msg->data.result == CURLE_OK)
                curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status[i]);
            curl_multi_remove_handle(m, msg->easy_handle);
            curl_easy_cleanup(msg->easy_handle);
            active--;
        }
        if (active)
            curl_multi_poll(m, NULL, 0, 1000, NULL);
    }
    curl_multi_cleanup(m);
}

/* The answers of n GETs made together: one sink, URL and status each. */
struct batch {
    struct sink *s;
    char **urls;
    long *status;
};

/* 0, or -1 when memory runs out (batch_free still applies) */
static int batch_new(struct batch *b, size_t n)
{
    b->s = calloc(n ? n : 1, sizeof(*b->s));
    b->urls = calloc(n ? n : 1, sizeof(*b->urls));
    b->status = calloc(n ? n : 1, sizeof(*b->status));
    return b->s && b->urls && b->status ? 0 : -1;
}

static void batch_free(struct batch *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b->s)
            free(b->s[i].p);
        if (b->urls)
            free(b->urls[i]);
    }
    free(b->s);
    free(b->urls);
    free(b->status);
}

/* Up to h->concurrency downloads at once; any that does not end in a 200 (429, 5xx, a
 * dropped connection) is fetched again alone through perform()'s retries. */
static int http_bytes_many(struct client *c, struct client_fetch *f, size_t n, char *err,
                           size_t errlen)
{
    struct http *h = (struct http *)c;
    struct batch b;
    int rc = batch_new(&b, n);
    struct sink *s = b.s;
    char **urls = b.urls;
    long *status = b.status;
    if (!rc && h->concurrency > 1 && n > 1) {
        for (size_t i = 0; i < n; i++)
            urls[i] = attachment_url(h, f[i].target, f[i].url);
        multi_get(h, urls, n, s, status);
    }
    for (size_t i = 0; !rc && i < n; i++) {
        if (status[i] == 200) {
            f[i].out = s[i].p ? (unsigned char *)s[i].p : malloc(1);
            f[i].len = s[i].len;
            s[i].p = NULL;
            if (!f[i].out)
                rc = -1;
        } else {
            rc = http_bytes(c, f[i].target, f[i].url, &f[i].out, &f[i].len, err, errlen);
        }
    }
    for (size_t i = 0; rc && i < n; i++) {
        free(f[i].out);
        f[i].out = NULL;
    }
    batch_free(&b, n);
    return rc;
}

static bool retryable(long status)
{
    return status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
}

/* Up to h->concurrency GETs at once; those that got no answer or a transient one are asked
 * again alone through perform()'s retries. */
static int http_json_many(struct client *c, struct client_get *g, size_t n, char *err,
                          size_t errlen)
{
    struct http *h = (struct http *)c;
    struct batch b;
    int rc = batch_new(&b, n);
    struct sink *s = b.s;
    char **urls = b.urls;
    long *status = b.status;
    if (rc)
        snprintf(err, errlen, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        size_t len = strlen(h->base_url) + strlen(g[i].target) + 1;
        if ((urls[i] = malloc(len)))
            snprintf(urls[i], len, "%s%s", h->base_url, g[i].target);
    }
    bool multi = !rc && h->concurrency > 1 && n > 1;
    if (multi)
        multi_get(h, urls, n, s, status);
    for (size_t i = 0; !rc && i < n; i++) {
        if (!urls[i]) {
            snprintf(err, errlen, "out of memory");
            rc = -1;
        } else if (retryable(status[i])) {
            if (multi) { /* a retry: counted, and a 429's Retry-After honoured */
                h->retries++;
                if (status[i] == 429 && s[i].retry_after >= 0)
                    nap((double)(s[i].retry_after < MAX_RETRY_WAIT ? s[i].retry_after
                                                                   : MAX_RETRY_WAIT));
            }
            rc = perform(h, "GET", urls[i], NULL, &s[i], &status[i], err, errlen);
        }
        if (!rc) {
            g[i].status = status[i];
            g[i].body = s[i].len ? json_loadb(s[i].p, s[i].len, 0, NULL) : NULL;
        }
    }
    batch_free(&b, n);
    return rc;
}

static const struct client_ops http_ops = {http_json, http_bytes,      http_upload,
                                           http_free, http_bytes_many, http_json_many};

struct client *client_http(const char *base_url, const char *token, int retries, int concurrency)
{
    static bool global;
    if (!global) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        global = true;
    }
    struct http *h = calloc(1, sizeof(*h));
    if (!h)
        return NULL;
    h->base.ops = &http_ops;
    h->max_attempts = retries + 1;
    h->concurrency = concurrency;
    h->curl = curl_easy_init();
    h->base_url = strdup(base_url);
    size_t n = h->base_url ? strlen(h->base_url) : 0;
    while (n && h->base_url[n - 1] == '/')
        h->base_url[--n] = '\0';
    const char *scheme = h->base_url ? strstr(h->base_url, "://") : NULL;
    const char *path = scheme ? strchr(scheme + 3, '/') : NULL;
    h->origin_len = path ? (size_t)(path - h->base_url) : n;
    char auth[700];
    snprintf(auth, sizeof(auth), "Authorization: Bearer %s", token);
    h->headers = curl_slist_append(NULL, auth);
    h->headers = curl_slist_append(h->headers, "Accept: application/json");
    h->headers = curl_slist_append(h->headers, "Content-Type: application/json");
    if (!h->curl || !h->base_url || !h->headers) {
        http_free(&h->base);
        return NULL;
    }
    return &h->base;
}
