/* jsonmem.h — routes jansson's allocations into the current request's arena, so parsing a
 * hostile body is bounded by the arena cap and nothing JSON needs freeing by hand.
 * Outside a request (arena_current() == NULL) it falls back to malloc/free. */
#ifndef API_JSONMEM_H
#define API_JSONMEM_H

#include <jansson.h>
#include <setjmp.h>
#include <stdbool.h>

#include "core/buf.h"

/* Install the hooks; call once at start-up, before any JSON is created. */
void jsonmem_install(void);
/* While a guard is set on this thread, an allocation that fails jumps to it (longjmp with
 * 1) instead of returning NULL. Parsing needs this: jansson 2.14's lexer ignores a failed
 * buffer append, then asserts (numbers) or decodes past the token it saved (strings),
 * akheron/jansson#362. Everything the parser allocated is in the arena, so nothing leaks.
 * Pass NULL to clear the guard. */
void jsonmem_guard(jmp_buf *jb);
/* json_loads of text weeekd stored itself (custom field configs and values) under a guard
 * of its own, for the reason above: NULL with *oom set when an allocation failed (the
 * caller answers RC_NOMEM, never a value that silently went missing), NULL with *oom
 * clear when the text does not parse. Inside a request only: outside one, what the
 * parser had allocated before a failure would leak. */
json_t *jsonmem_loads(const char *text, size_t flags, bool *oom);

/* Serialise v (json_dump_callback flags) by appending to b: RC_OK, or the rc of the first
 * append that failed (RC_NOMEM, RC_TOOBIG at the arena cap). Use this, never json_dumps:
 * jansson 2.14 ignores a failed write of an object key's closing quote and carries on, so
 * json_dumps can return broken JSON after an allocation failure. Here the first failure
 * sticks and decides the result. */
int jsonmem_dump(const json_t *v, size_t flags, struct buf *b);
/* jsonmem_dump into the current request's arena: a NUL-terminated string, NULL on any
 * failure (or outside a request). Nothing to free. */
char *jsonmem_dumps(const json_t *v, size_t flags);

#endif
