/* buf.h — growable byte buffer in an arena, with a cap (curl's dynbuf "toobig" idea).
 * Growth reallocates inside the arena; the old copy is left to the arena's reset. */
#ifndef CORE_BUF_H
#define CORE_BUF_H

#include <stddef.h>

struct arena;

struct buf {
    struct arena *a;
    char *ptr; /* always NUL-terminated when len > 0 or after buf_init */
    size_t len, cap, max;
};

/* max = 0 means no cap beyond the arena's own. Allocates nothing. */
void buf_init(struct buf *b, struct arena *a, size_t max);
/* Append n bytes. RC_OK, RC_TOOBIG past max, RC_NOMEM when the arena refuses. */
int buf_append(struct buf *b, const void *data, size_t n);
/* Make room for n bytes in total (plus the NUL) with one allocation of exactly that size,
 * so a body of known length is never copied while it grows. RC_OK, RC_TOOBIG past max,
 * RC_NOMEM. A no-op when the room is there. */
int buf_reserve(struct buf *b, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
