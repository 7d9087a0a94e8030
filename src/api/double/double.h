/* double.h — weeekd as a test double (docs/testing-with-weeekd.md): the front of the
 * request pipeline, and the per-process state behind the admin API's faults, request
 * journal and rate limit.
 *
 * double_dispatch, handed to the server instead of router_dispatch: hides /_weeekd/ when
 * there is no --admin-token; for a request under /public/v1 applies --rate-limit, then the
 * first matching fault (answered without running the request, or a delay before it); then
 * router_dispatch; then records the exchange in the journal (not the admin API's own).
 *
 * All of it lives in the process (one mutex): with several processes each has its own
 * faults, journal and counters. Workspaces and their data are in the store. */
#ifndef API_DOUBLE_H
#define API_DOUBLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

#define ADMIN_PREFIX "/_weeekd"

/* Journal bounds: a body (request or response) is kept up to JOURNAL_BODY_MAX bytes, the
 * path and the query string up to JOURNAL_TEXT_MAX each, so an entry holds at most
 * 2 * (JOURNAL_BODY_MAX + JOURNAL_TEXT_MAX) + ~200 bytes: with the default 1000 entries,
 * under 11 MB. */
#define JOURNAL_BODY_MAX 4096
#define JOURNAL_TEXT_MAX 1024
#define JOURNAL_MAX      100000 /* --journal upper bound */
#define FAULTS_MAX       256    /* faults held at once */
#define FAULT_DELAY_MAX  30000  /* ms */

struct tdouble;

struct fault {
    int64_t id;
    char method[8];  /* "" = any */
    char path[256];  /* relative to /public/v1, '*' matches any run of characters */
    int status;      /* 0 = only a delay */
    int retry_after; /* seconds; 429 and 503 only */
    int64_t times;   /* requests still to fault; -1 = until removed */
    int delay_ms;
};

struct journal_entry {
    int64_t id, time_ms, ws_id;
    double ms;
    int status;
    char method[8];
    char *path, *query, *req_body, *resp_body; /* NUL-terminated, valid UTF-8 */
};

/* journal: ring size (0 = off); rate_limit: requests per token and minute (0 = none).
 * NULL when memory runs out. */
struct tdouble *tdouble_new(long journal, long rate_limit);
void tdouble_free(struct tdouble *td);

/* The http_dispatch_fn main hands the server; app is the struct app of api/pipeline/router.h. */
void double_dispatch(void *app, struct request *req, struct response *resp);

/* Faults. add: RC_OK with *f->id set, RC_TOOBIG when FAULTS_MAX are held. */
int tdouble_fault_add(struct tdouble *td, struct fault *f);
/* A copy of every fault, oldest first, into out[FAULTS_MAX]; returns how many. */
size_t tdouble_faults(struct tdouble *td, struct fault *out);
/* RC_OK or RC_NOTFOUND. */
int tdouble_fault_remove(struct tdouble *td, int64_t id);
void tdouble_faults_clear(struct tdouble *td);

/* Journal: calls fn for up to limit entries, newest first, under the lock (fn copies what
 * it needs). Returns fn's first non-zero result, else 0. */
int tdouble_journal_each(struct tdouble *td, size_t limit,
                         int (*fn)(void *ctx, const struct journal_entry *e), void *ctx);
void tdouble_journal_clear(struct tdouble *td);
/* Whether the journal is on (--journal > 0). */
bool tdouble_journal_on(const struct tdouble *td);

#endif
