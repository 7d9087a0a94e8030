/* stmt_cache.h — a small per-connection cache of prepared statements keyed by their SQL
 * text, for queries built at run time (store_query_sql). Private to src/store/: each driver
 * owns one per connection and stores its own handle (an sqlite3_stmt, a PostgreSQL
 * statement name) as an opaque pointer. Bounded to STMT_CACHE_SIZE entries; the least
 * recently used one is dropped (through the driver's callback) to make room. Keys are
 * copied (malloc) and live until dropped or cleared; nothing here is per request. */
#ifndef STORE_STMT_CACHE_H
#define STORE_STMT_CACHE_H

#include <stddef.h>
#include <stdint.h>

/* store.h's STORE_SQL_CACHE, which store.c checks equal: a cache knows nothing of the store
 * that uses it */
#define STMT_CACHE_SIZE 64

struct stmt_cache_entry {
    char *sql;     /* the key, NULL for a free slot */
    uint64_t hash; /* of sql, to skip most string compares */
    uint64_t used; /* tick of the last use: the smallest is evicted */
    void *stmt;    /* the driver's handle */
};

struct stmt_cache {
    struct stmt_cache_entry e[STMT_CACHE_SIZE];
    size_t n; /* slots in use */
    uint64_t tick;
    /* counters, for tests and the debug log */
    uint64_t hits, misses, evictions;
};

/* Called with a handle leaving the cache (evicted or cleared). */
typedef void (*stmt_drop_fn)(void *ctx, void *stmt);

/* The handle cached for sql (marked used), or NULL (counted as a miss). */
void *stmt_cache_get(struct stmt_cache *c, const char *sql);
/* Cache stmt under sql (which must not be cached yet); when full, the least recently used
 * entry is dropped first. 0, or -1 when the key cannot be copied (stmt not cached: the
 * caller still owns it). */
int stmt_cache_put(struct stmt_cache *c, const char *sql, void *stmt, stmt_drop_fn drop, void *ctx);
/* Drop every entry (drop may be NULL: the handles are already gone, e.g. after a
 * reconnect). Counters are kept. */
void stmt_cache_clear(struct stmt_cache *c, stmt_drop_fn drop, void *ctx);

#endif
