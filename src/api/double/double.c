/* double.c — see double.h. The admin paths are decided here, before routing, so that
 * without --admin-token nothing under /_weeekd/ exists: not even a 405 or a 401 tells a
 * client that the routes are there. */
#include "api/double/double.h"
#include "api/pipeline/reply.h"
#include "api/pipeline/router.h"
#include "core/clock.h"
#include "core/rc.h"
#include "core/sha256.h"
#include "core/str.h"
#include "http/cors.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "core/common.h"

#define RL_SLOTS 4096 /* tokens tracked by the rate limit at once */
#define RL_PROBE 16

struct rl_slot {
    unsigned char key[SHA256_LEN];
    int64_t window; /* minute number; 0 = free */
    long count;
};

struct tdouble {
    pthread_mutex_t mu;
    struct fault faults[FAULTS_MAX];
    size_t nfaults;
    int64_t next_fault;
    struct journal_entry *ring;
    size_t cap, head, count; /* head: where the next entry goes */
    int64_t next_entry;
    long rate_limit;
    struct rl_slot *rl;
};

struct tdouble *tdouble_new(long journal, long rate_limit)
{
    struct tdouble *td = calloc(1, sizeof(*td));
    if (!td)
        return NULL;
    pthread_mutex_init(&td->mu, NULL);
    td->next_fault = td->next_entry = 1;
    td->cap = (size_t)journal;
    td->rate_limit = rate_limit;
    if ((td->cap && !(td->ring = calloc(td->cap, sizeof(*td->ring)))) ||
        (rate_limit && !(td->rl = calloc(RL_SLOTS, sizeof(*td->rl))))) {
        tdouble_free(td);
        return NULL;
    }
    return td;
}

static void entry_free(struct journal_entry *e)
{
    free(e->path);
    free(e->query);
    free(e->req_body);
    free(e->resp_body);
    memset(e, 0, sizeof(*e));
}

void tdouble_free(struct tdouble *td)
{
    if (!td)
        return;
    for (size_t i = 0; i < td->cap; i++)
        entry_free(&td->ring[i]);
    free(td->ring);
    free(td->rl);
    pthread_mutex_destroy(&td->mu);
    free(td);
}

/* ---- faults ---- */

int tdouble_fault_add(struct tdouble *td, struct fault *f)
{
    pthread_mutex_lock(&td->mu);
    int rc = RC_TOOBIG;
    if (td->nfaults < FAULTS_MAX) {
        f->id = td->next_fault++;
        td->faults[td->nfaults++] = *f;
        rc = RC_OK;
    }
    pthread_mutex_unlock(&td->mu);
    return rc;
}

size_t tdouble_faults(struct tdouble *td, struct fault *out)
{
    pthread_mutex_lock(&td->mu);
    size_t n = td->nfaults;
    memcpy(out, td->faults, n * sizeof(*out));
    pthread_mutex_unlock(&td->mu);
    return n;
}

static void fault_drop(struct tdouble *td, size_t i)
{
    memmove(&td->faults[i], &td->faults[i + 1], (td->nfaults - i - 1) * sizeof(td->faults[0]));
    td->nfaults--;
}

int tdouble_fault_remove(struct tdouble *td, int64_t id)
{
    int rc = RC_NOTFOUND;
    pthread_mutex_lock(&td->mu);
    for (size_t i = 0; i < td->nfaults; i++)
        if (td->faults[i].id == id) {
            fault_drop(td, i);
            rc = RC_OK;
            break;
        }
    pthread_mutex_unlock(&td->mu);
    return rc;
}

void tdouble_faults_clear(struct tdouble *td)
{
    pthread_mutex_lock(&td->mu);
    td->nfaults = 0;
    pthread_mutex_unlock(&td->mu);
}

/* '*' matches any run of characters, '/' included; everything else itself */
static bool glob_match(const char *pat, const char *s, size_t n)
{
    const char *star = NULL;
    size_t i = 0, back = 0;
    while (i < n) {
        if (*pat == '*') {
            star = pat++;
            back = i;
        } else if (*pat && *pat == s[i]) {
            pat++;
            i++;
        } else if (star) {
            pat = star + 1;
            i = ++back;
        } else {
            return false;
        }
    }
    while (*pat == '*')
        pat++;
    return !*pat;
}

/* The first fault matching method and rel (the path under /public/v1), counted down and
 * removed when spent; false when none matches. */
static bool fault_take(struct tdouble *td, const char *method, const char *rel, size_t n,
                       struct fault *out)
{
    bool hit = false;
    size_t len = n;
    if (len > 1 && rel[len - 1] == '/')
        len--; /* as the router ignores one trailing slash */
    pthread_mutex_lock(&td->mu);
    for (size_t i = 0; i < td->nfaults; i++) {
        struct fault *f = &td->faults[i];
        bool same_method = !f->method[0] || strcmp(f->method, method) == 0 ||
                           (strcmp(method, "HEAD") == 0 && strcmp(f->method, "GET") == 0);
        if (!same_method || !glob_match(f->path, rel, len))
            continue;
        *out = *f;
        if (f->times > 0 && --f->times == 0)
            fault_drop(td, i);
        hit = true;
        break;
    }
    pthread_mutex_unlock(&td->mu);
    return hit;
}

/* Decision: the body of an injected status is the one weeekd (Weeek's shapes,
 * docs/internals/errors.md) gives for it; 429, which Weeek was never seen to send
 * (tm-notes §2.11), gets Laravel's throttle message, the framework Weeek runs on. */
static const char *fault_body(int status)
{
    switch (status) {
    case 401:
        return "{\"success\":false,\"code\":2000000,\"message\":\"Unauthenticated.\"}";
    case 403:
        return "{\"success\":false,\"message\":\"This action is unauthorized.\"}";
    case 404:
        return "{\"message\":\"Record not found\"}";
    case 422:
        return "{\"success\":false,\"message\":\"The given data was invalid.\",\"errors\":{}}";
    case 429:
        return "{\"success\":false,\"message\":\"Too Many Attempts.\"}";
    case 500:
        return "{\"success\":false,\"message\":\"Internal server error.\"}";
    case 503:
        return "{\"success\":false,\"message\":\"The server is busy; retry the request.\"}";
    default:
        return NULL;
    }
}

static void add_header(struct response *resp, const char *name, const char *value)
{
    if (value && resp->nhdr < RESP_MAX_HEADERS) {
        resp->hdr_name[resp->nhdr] = name;
        resp->hdr_value[resp->nhdr++] = value;
    }
}

static void answer_status(struct request *req, struct response *resp, int status, int retry_after)
{
    const char *body = fault_body(status);
    if (!body)
        body = arena_printf(&req->arena, "{\"success\":false,\"message\":\"Injected fault %d.\"}",
                            status);
    if (!body)
        body = "{\"success\":false,\"message\":\"Injected fault.\"}";
    resp->status = status;
    resp->body = body;
    resp->body_len = strlen(body);
    resp->rc = RC_OK;
    if (status == 429 || status == 503)
        add_header(resp, "Retry-After", arena_printf(&req->arena, "%d", retry_after));
}

static void sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* ---- rate limit ---- */

/* Seconds until the token may call again, or 0 when this request is within the limit. */
static int rate_check(struct tdouble *td, const char *auth)
{
    if (!td->rl || !auth)
        return 0;
    while (*auth == ' ')
        auth++;
    if (strncasecmp(auth, "Bearer ", 7) == 0)
        auth += 7;
    unsigned char key[SHA256_LEN];
    struct sha256 h;
    sha256_init(&h);
    sha256_update(&h, auth, strlen(auth));
    sha256_final(&h, key);
    int64_t now = clock_now_ms(), window = now / 60000 + 1;
    size_t start = ((size_t)key[0] << 8 | key[1]) % RL_SLOTS;
    int wait = 0;
    pthread_mutex_lock(&td->mu);
    struct rl_slot *slot = NULL, *spare = NULL;
    for (size_t k = 0; k < RL_PROBE && !slot; k++) {
        struct rl_slot *s = &td->rl[(start + k) % RL_SLOTS];
        if (s->window && memcmp(s->key, key, SHA256_LEN) == 0)
            slot = s;
        else if (!spare && s->window != window)
            spare = s; /* free, or a past minute's */
    }
    if (!slot) {
        /* every probed slot busy this minute: the first one is taken over */
        slot = spare ? spare : &td->rl[start];
        memcpy(slot->key, key, SHA256_LEN);
        slot->window = 0;
    }
    if (slot->window != window) {
        slot->window = window;
        slot->count = 0;
    }
    if (++slot->count > td->rate_limit)
        wait = (int)((window * 60000 - now + 999) / 1000);
    pthread_mutex_unlock(&td->mu);
    return wait > 0 ? wait : 0;
}

/* ---- journal ---- */

/* A copy of s[0..n) cut at max bytes, on a UTF-8 boundary; bytes that are not UTF-8 (a
 * file) are described instead of copied. */
static char *cut_copy(const char *s, size_t n, size_t max)
{
    size_t len = n > max ? max : n;
    while (len && len < n && ((unsigned char)s[len] & 0xC0) == 0x80)
        len--;
    if (!utf8_valid(s, len) || memchr(s, '\0', len)) {
        char buf[64];
        snprintf(buf, sizeof(buf), "<%zu bytes, not text>", n);
        return strdup(buf);
    }
    char *out = malloc(len + 1);
    if (out) {
        memcpy(out, s, len);
        out[len] = '\0';
    }
    return out;
}

static void journal_add(struct tdouble *td, const struct request *req, const struct response *resp)
{
    struct journal_entry e = {
        .time_ms = clock_now_ms(),
        .ws_id = resp->ws_id,
        .ms = (double)(clock_mono_ns() - req->start_ns) / 1e6,
        .status = resp->status,
    };
    snprintf(e.method, sizeof(e.method), "%s", req->method ? req->method : "");
    e.path = cut_copy(req->path.ptr, req->path.len, JOURNAL_TEXT_MAX);
    e.query = cut_copy(req->query.ptr, req->query.len, JOURNAL_TEXT_MAX);
    e.req_body = cut_copy(req->body.ptr ? req->body.ptr : "", req->body.len, JOURNAL_BODY_MAX);
    e.resp_body = resp->content_type
                      ? strdup("<file>")
                      : cut_copy(resp->body ? resp->body : "", resp->body_len, JOURNAL_BODY_MAX);
    if (!e.path || !e.query || !e.req_body || !e.resp_body) {
        entry_free(&e); /* out of memory: the exchange goes unrecorded */
        return;
    }
    pthread_mutex_lock(&td->mu);
    e.id = td->next_entry++;
    entry_free(&td->ring[td->head]);
    td->ring[td->head] = e;
    td->head = (td->head + 1) % td->cap;
    if (td->count < td->cap)
        td->count++;
    pthread_mutex_unlock(&td->mu);
}

int tdouble_journal_each(struct tdouble *td, size_t limit,
                         int (*fn)(void *ctx, const struct journal_entry *e), void *ctx)
{
    int rc = 0;
    pthread_mutex_lock(&td->mu);
    for (size_t k = 0; k < td->count && k < limit && !rc; k++)
        rc = fn(ctx, &td->ring[(td->head + td->cap - 1 - k) % td->cap]);
    pthread_mutex_unlock(&td->mu);
    return rc;
}

void tdouble_journal_clear(struct tdouble *td)
{
    pthread_mutex_lock(&td->mu);
    for (size_t i = 0; i < td->cap; i++)
        entry_free(&td->ring[i]);
    td->head = td->count = 0;
    pthread_mutex_unlock(&td->mu);
}

bool tdouble_journal_on(const struct tdouble *td)
{
    return td->cap > 0;
}

/* ---- the front ---- */

static bool has_prefix(const struct request *req, const char *prefix)
{
    size_t n = strlen(prefix);
    return req->path.len >= n && memcmp(req->path.ptr, prefix, n) == 0 &&
           (req->path.len == n || req->path.ptr[n] == '/');
}

void double_dispatch(void *appv, struct request *req, struct response *resp)
{
    struct app *app = appv;
    struct tdouble *td = app->td;
    bool admin = has_prefix(req, ADMIN_PREFIX);
    if (!req->limit && !app->admin_token && admin) {
        arena_set_current(&req->arena);
        reply_route_not_found(req, resp);
        arena_set_current(NULL);
        return;
    }
    if (!req->limit && cors_preflight(app->cors, req, resp))
        return;
    bool api = !req->limit && has_prefix(req, API_PREFIX);
    bool answered = false;
    if (td && api) {
        int wait = rate_check(td, req->authorization);
        struct fault f;
        if (wait) {
            answer_status(req, resp, 429, wait);
            answered = true;
        } else if (fault_take(td, req->method, req->path.ptr + strlen(API_PREFIX),
                              req->path.len - strlen(API_PREFIX), &f)) {
            if (f.delay_ms)
                sleep_ms(f.delay_ms);
            if (f.status) {
                answer_status(req, resp, f.status, f.retry_after);
                answered = true;
            }
        }
    }
    if (!answered)
        router_dispatch(appv, req, resp);
    cors_finish(app->cors, req, resp);
    /* the harness's own calls are not what the program under test sent, and their bodies
     * hold tokens */
    if (td && td->cap && !admin)
        journal_add(td, req, resp);
}
