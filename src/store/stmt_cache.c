/* stmt_cache.c — see stmt_cache.h. A linear scan over 64 slots with a hash compare first
 * costs less than hashing the text did, so there is no index; LRU by a use counter. */
#include "store/stmt_cache.h"
#include "core/fault.h"

#include <stdlib.h>
#include "core/common.h"

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 14695981039346656037ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

void *stmt_cache_get(struct stmt_cache *c, const char *sql)
{
    uint64_t h = fnv1a(sql);
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++) {
        struct stmt_cache_entry *e = &c->e[i];
        if (e->sql && e->hash == h && strcmp(e->sql, sql) == 0) {
            e->used = ++c->tick;
            c->hits++;
            return e->stmt;
        }
    }
    c->misses++;
    return NULL;
}

static void drop_entry(struct stmt_cache_entry *e, stmt_drop_fn drop, void *ctx)
{
    if (drop)
        drop(ctx, e->stmt);
    free(e->sql);
    *e = (struct stmt_cache_entry){0};
}

int stmt_cache_put(struct stmt_cache *c, const char *sql, void *stmt, stmt_drop_fn drop, void *ctx)
{
    struct stmt_cache_entry *slot = NULL;
    for (size_t i = 0; i < STMT_CACHE_SIZE && !slot; i++)
        if (!c->e[i].sql)
            slot = &c->e[i];
    if (!slot) {
        slot = &c->e[0];
        for (size_t i = 1; i < STMT_CACHE_SIZE; i++)
            if (c->e[i].used < slot->used)
                slot = &c->e[i];
        drop_entry(slot, drop, ctx);
        c->evictions++;
        c->n--;
    }
    size_t len = strlen(sql);
    char *key = fault_malloc(len + 1);
    if (!key)
        return -1;
    memcpy(key, sql, len + 1);
    *slot =
        (struct stmt_cache_entry){.sql = key, .hash = fnv1a(sql), .used = ++c->tick, .stmt = stmt};
    c->n++;
    return 0;
}

void stmt_cache_clear(struct stmt_cache *c, stmt_drop_fn drop, void *ctx)
{
    for (size_t i = 0; i < STMT_CACHE_SIZE; i++)
        if (c->e[i].sql)
            drop_entry(&c->e[i], drop, ctx);
    c->n = 0;
}
