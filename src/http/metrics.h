/* metrics.h — the process's metrics in the Prometheus text format (GET /metrics):
 * requests by route template, method and status, a latency histogram per route,
 * requests in flight, the store's counters, process memory, open files, uptime and build
 * info. Recording is lock-free (relaxed atomics in a table sized once at start), so it
 * costs a request a few atomic adds. Names follow Prometheus' rules: weeekd_ prefix,
 * base units (seconds, bytes), counters end in _total. */
#ifndef HTTP_METRICS_H
#define HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct buf;

/* Slots: 0 = requests no route matched, 1..nslots-1 = one per route template. Call once
 * before any request; 0 or -1 when out of memory. */
int metrics_init(size_t nslots);
void metrics_free(void);
/* One finished request. method, prefix and route are static strings (the route table's);
 * route NULL for slot 0. */
void metrics_observe(size_t slot, const char *method, const char *prefix, const char *route,
                     int status, int64_t ns);

/* The store's counters, as main reads them for the server (http/ sits below store/). */
struct metrics_store {
    uint64_t errors, busy, reconnects, pool_waits, pool_wait_ns;
    uint64_t round_trips;
    uint64_t write_txs, commits;
};

struct metrics_info {
    const char *version;
    const char *store; /* "sqlite" or "postgresql" */
    struct metrics_store counters;
    long inflight;
    int64_t start_ms; /* wall clock at start */
};
/* Append the whole exposition to out. RC_OK, or RC_NOMEM/RC_TOOBIG from the buffer. */
int metrics_render(struct buf *out, const struct metrics_info *info);

#endif
