/* jsonmem.h — routes jansson's allocations into the current request's arena, so parsing a
 * hostile body is bounded by the arena cap and nothing JSON needs freeing by hand.
 * Outside a request (arena_current() == NULL) it falls back to malloc/free. */
#ifndef API_JSONMEM_H
#define API_JSONMEM_H

/* Install the hooks; call once at start-up, before any JSON is created. */
void jsonmem_install(void);

#endif
