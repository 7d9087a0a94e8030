/* jsonmem.h — routes jansson's allocations into the current request's arena, so parsing a
 * hostile body is bounded by the arena cap and nothing JSON needs freeing by hand.
 * Outside a request (arena_current() == NULL) it falls back to malloc/free. */
#ifndef API_JSONMEM_H
#define API_JSONMEM_H

#include <setjmp.h>

/* Install the hooks; call once at start-up, before any JSON is created. */
void jsonmem_install(void);
/* While a guard is set on this thread, an allocation that fails jumps to it (longjmp with
 * 1) instead of returning NULL. Parsing needs this: jansson 2.14's lexer ignores a failed
 * buffer append, then asserts (numbers) or decodes past the token it saved (strings),
 * akheron/jansson#362. Everything the parser allocated is in the arena, so nothing leaks.
 * Pass NULL to clear the guard. */
void jsonmem_guard(jmp_buf *jb);

#endif
