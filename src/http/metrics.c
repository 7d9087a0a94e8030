/* metrics.c — see metrics.h. Counters per slot (route template): one per known status
 * code plus "other", and the latency histogram's buckets (not cumulative here; summed
 * when rendered, so every bucket line and _count agree within one rendering). */
#include "http/metrics.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/rc.h"

#include <dirent.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>
#include "core/common.h"

static const int statuses[] = {200, 201, 204, 400, 401, 403, 404, 405, 409,
                               413, 414, 415, 422, 429, 431, 500, 501, 503};
#define NSTATUS (ARRAY_LEN(statuses) + 1) /* the last one counts every other status */
/* upper bounds in microseconds: 0.5 ms .. 10 s, then +Inf */
static const int64_t bounds_us[] = {500,    1000,   2500,   5000,    10000,   25000,   50000,
                                    100000, 250000, 500000, 1000000, 2500000, 5000000, 10000000};
#define NBUCKET (ARRAY_LEN(bounds_us) + 1)

struct slot {
    _Atomic(const char *) method, prefix, route;
    atomic_uint_fast64_t by_status[NSTATUS];
    atomic_uint_fast64_t buckets[NBUCKET];
    atomic_uint_fast64_t sum_us;
};

static struct slot *slots;
static size_t nslots;

int metrics_init(size_t n)
{
    slots = calloc(n ? n : 1, sizeof(*slots));
    if (!slots)
        return -1;
    nslots = n ? n : 1;
    return 0;
}

void metrics_free(void)
{
    free(slots);
    slots = NULL;
    nslots = 0;
}

void metrics_observe(size_t slot, const char *method, const char *prefix, const char *route,
                     int status, int64_t ns)
{
    if (!slots)
        return;
    if (slot >= nslots)
        slot = 0;
    struct slot *s = &slots[slot];
    if (slot && !atomic_load_explicit(&s->route, memory_order_acquire)) {
        atomic_store_explicit(&s->method, method, memory_order_relaxed);
        atomic_store_explicit(&s->prefix, prefix ? prefix : "", memory_order_relaxed);
        atomic_store_explicit(&s->route, route, memory_order_release);
    }
    size_t k = 0;
    while (k < ARRAY_LEN(statuses) && statuses[k] != status)
        k++;
    atomic_fetch_add_explicit(&s->by_status[k], 1, memory_order_relaxed);
    int64_t us = ns > 0 ? ns / 1000 : 0;
    size_t b = 0;
    while (b < ARRAY_LEN(bounds_us) && us > bounds_us[b])
        b++;
    atomic_fetch_add_explicit(&s->buckets[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->sum_us, (uint64_t)us, memory_order_relaxed);
}

/* A label value: backslash, double quote and newline escaped (route templates and
 * methods never hold them, but the format demands it) */
static int put_label(struct buf *o, const char *v)
{
    int rc = RC_OK;
    for (const char *p = v; *p && !rc; p++) {
        if (*p == '\\' || *p == '"')
            rc = buf_printf(o, "\\%c", *p);
        else if (*p == '\n')
            rc = buf_puts(o, "\\n");
        else
            rc = buf_append(o, p, 1);
    }
    return rc;
}

static int put_labels(struct buf *o, const struct slot *s)
{
    const char *route = atomic_load_explicit(&s->route, memory_order_acquire);
    if (!route)
        return buf_puts(o, "route=\"unmatched\",method=\"\"");
    int rc = buf_puts(o, "route=\"");
    if (!rc)
        rc = put_label(o, atomic_load_explicit(&s->prefix, memory_order_relaxed));
    if (!rc)
        rc = put_label(o, route);
    if (!rc)
        rc = buf_puts(o, "\",method=\"");
    if (!rc)
        rc = put_label(o, atomic_load_explicit(&s->method, memory_order_relaxed));
    if (!rc)
        rc = buf_puts(o, "\"");
    return rc;
}

static int head(struct buf *o, const char *name, const char *type, const char *help)
{
    return buf_printf(o, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static bool used(const struct slot *s)
{
    for (size_t b = 0; b < NBUCKET; b++)
        if (atomic_load_explicit(&s->buckets[b], memory_order_relaxed))
            return true;
    return false;
}

static int render_requests(struct buf *o)
{
    int rc = head(o, "weeekd_http_requests_total", "counter",
                  "HTTP requests answered, by route template, method and status.");
    for (size_t i = 0; !rc && i < nslots; i++) {
        const struct slot *s = &slots[i];
        for (size_t k = 0; !rc && k < NSTATUS; k++) {
            uint64_t n = atomic_load_explicit(&s->by_status[k], memory_order_relaxed);
            if (!n)
                continue;
            rc = buf_puts(o, "weeekd_http_requests_total{");
            if (!rc)
                rc = put_labels(o, s);
            if (!rc && k < ARRAY_LEN(statuses))
                rc = buf_printf(o, ",status=\"%d\"} %llu\n", statuses[k], (unsigned long long)n);
            else if (!rc)
                rc = buf_printf(o, ",status=\"other\"} %llu\n", (unsigned long long)n);
        }
    }
    if (!rc)
        rc = head(o, "weeekd_http_request_duration_seconds", "histogram",
                  "Time from the request line to the response queued, by route template.");
    for (size_t i = 0; !rc && i < nslots; i++) {
        const struct slot *s = &slots[i];
        if (!used(s))
            continue;
        uint64_t cum = 0;
        for (size_t b = 0; !rc && b < NBUCKET; b++) {
            cum += atomic_load_explicit(&s->buckets[b], memory_order_relaxed);
            rc = buf_puts(o, "weeekd_http_request_duration_seconds_bucket{");
            if (!rc)
                rc = put_labels(o, s);
            if (!rc && b < ARRAY_LEN(bounds_us))
                rc = buf_printf(o, ",le=\"%g\"} %llu\n", (double)bounds_us[b] / 1e6,
                                (unsigned long long)cum);
            else if (!rc)
                rc = buf_printf(o, ",le=\"+Inf\"} %llu\n", (unsigned long long)cum);
        }
        uint64_t sum = atomic_load_explicit(&s->sum_us, memory_order_relaxed);
        const char *parts[] = {"sum", "count"};
        for (size_t p = 0; !rc && p < 2; p++) {
            rc = buf_printf(o, "weeekd_http_request_duration_seconds_%s{", parts[p]);
            if (!rc)
                rc = put_labels(o, s);
            if (!rc && p == 0)
                rc = buf_printf(o, "} %.6f\n", (double)sum / 1e6);
            else if (!rc)
                rc = buf_printf(o, "} %llu\n", (unsigned long long)cum);
        }
    }
    return rc;
}

static int render_gauge(struct buf *o, const char *name, const char *type, const char *help,
                        double v)
{
    int rc = head(o, name, type, help);
    return rc ? rc : buf_printf(o, "%s %.17g\n", name, v);
}

static void process_memory(double *rss, double *vsz)
{
    *rss = *vsz = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f)
        return;
    unsigned long size = 0, res = 0;
    if (fscanf(f, "%lu %lu", &size, &res) == 2) {
        double page = (double)sysconf(_SC_PAGESIZE);
        *vsz = (double)size * page;
        *rss = (double)res * page;
    }
    fclose(f);
}

static double open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return 0;
    double n = 0;
    const struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n - 1; /* the directory's own descriptor */
}

int metrics_render(struct buf *o, const struct metrics_info *in)
{
    const struct metrics_store ss = in->counters;
    double rss, vsz;
    process_memory(&rss, &vsz);
    struct rlimit rl = {0};
    getrlimit(RLIMIT_NOFILE, &rl);
    int64_t now = clock_now_ms();
    int rc = head(o, "weeekd_build_info", "gauge",
                  "Always 1; the labels say which weeekd and which store.");
    if (!rc)
        rc = buf_printf(o, "weeekd_build_info{version=\"%s\",store=\"%s\"} 1\n", in->version,
                        in->store);
    if (!rc)
        rc = render_requests(o);
    if (!rc)
        rc = render_gauge(o, "weeekd_http_requests_in_flight", "gauge",
                          "Requests received and not yet completed.", (double)in->inflight);
    if (!rc)
        rc = head(o, "weeekd_store_errors_total", "counter",
                  "Store calls that failed: kind=\"error\" a database failure, kind=\"busy\" "
                  "lock contention or a lost connection (answered 503).");
    if (!rc)
        rc = buf_printf(o,
                        "weeekd_store_errors_total{kind=\"error\"} %llu\n"
                        "weeekd_store_errors_total{kind=\"busy\"} %llu\n",
                        (unsigned long long)ss.errors, (unsigned long long)ss.busy);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_reconnects_total", "counter",
                          "Attempts to re-establish a lost PostgreSQL connection.",
                          (double)ss.reconnects);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_pool_waits_total", "counter",
                          "Requests that found every store connection in use and waited.",
                          (double)ss.pool_waits);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_pool_wait_seconds_total", "counter",
                          "Time requests spent waiting for a store connection.",
                          (double)ss.pool_wait_ns / 1e9);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_round_trips_total", "counter",
                          "Exchanges with PostgreSQL that a request waited for (a pipeline of "
                          "statements counts once); always 0 on SQLite.",
                          (double)ss.round_trips);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_write_transactions_total", "counter",
                          "Write transactions committed (one per write request that succeeded).",
                          (double)ss.write_txs);
    if (!rc)
        rc = render_gauge(o, "weeekd_store_commits_total", "counter",
                          "Database COMMITs that made write transactions durable: on SQLite one "
                          "covers every write transaction of a batch (group commit), on "
                          "PostgreSQL one each.",
                          (double)ss.commits);
    if (!rc)
        rc = render_gauge(o, "weeekd_process_resident_memory_bytes", "gauge", "Resident set size.",
                          rss);
    if (!rc)
        rc = render_gauge(o, "weeekd_process_virtual_memory_bytes", "gauge", "Virtual memory size.",
                          vsz);
    if (!rc)
        rc = render_gauge(o, "weeekd_process_open_fds", "gauge", "Open file descriptors.",
                          open_fds());
    if (!rc)
        rc = render_gauge(o, "weeekd_process_max_fds", "gauge",
                          "The soft limit on open file descriptors.",
                          rl.rlim_cur == RLIM_INFINITY ? -1 : (double)rl.rlim_cur);
    if (!rc)
        rc = render_gauge(o, "weeekd_process_start_time_seconds", "gauge",
                          "Start time, seconds since the Unix epoch.", (double)in->start_ms / 1e3);
    if (!rc)
        rc = render_gauge(o, "weeekd_uptime_seconds", "gauge", "Seconds since start.",
                          (double)(now - in->start_ms) / 1e3);
    return rc;
}
