/* arena.h — one bump allocator per request. Everything allocated for a request comes
 * from its arena and is released at once by arena_reset() when the request completes;
 * nothing is freed by hand. The arena has a byte cap: past it, arena_alloc() returns
 * NULL and the request fails with RC_NOMEM/RC_TOOBIG instead of growing without bound.
 * See docs/internals/arena.md. */
#ifndef CORE_ARENA_H
#define CORE_ARENA_H

#include <stddef.h>
#include <stdbool.h>

#define ARENA_BLOCK_SIZE    8192
#define ARENA_DEFAULT_LIMIT (16u * 1024u * 1024u)

struct arena_block;

struct arena {
    struct arena_block *head;
    size_t used;    /* bytes handed out, including block slack */
    size_t limit;   /* arena_alloc() fails once used would pass limit */
    bool hit_limit; /* set when an allocation failed because of the cap */
    bool failed;    /* set when any allocation failed (cap, malloc or injected) */
};

/* Prepare an empty arena; allocates nothing. */
void arena_init(struct arena *a, size_t limit);
/* max_align_t-aligned memory, or NULL when the cap is reached or malloc fails. */
void *arena_alloc(struct arena *a, size_t size);
/* Zeroed memory, or NULL. */
void *arena_calloc(struct arena *a, size_t n, size_t size);
/* NUL-terminated copy of s[0..n), or NULL. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* arena_strndup with ASCII A-Z lowered (uuids are stored lower case; clients may send them
 * upper case). */
char *arena_strndup_lower(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Free every block; the arena can be used again. */
void arena_reset(struct arena *a);

/* The arena of the request running on this thread, or NULL outside requests. The JSON
 * allocator hooks (api/pipeline/jsonmem.c) allocate from it so parsing is bounded per request. */
struct arena *arena_current(void);
void arena_set_current(struct arena *a);

#endif
