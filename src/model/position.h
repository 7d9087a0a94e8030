/* position.h — dense ordering of siblings (boards in a project, columns in a board, and
 * later tasks in a column, options in a field). An order is an array of ids, first to last;
 * positions are the indexes 0..n-1. Moves compute the new order here and the model writes
 * only the rows whose index changed, inside the caller's write transaction. */
#ifndef MODEL_POSITION_H
#define MODEL_POSITION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Move `id` in ids[0..n) to just after `after` (0 = to the front), in place.
 * Returns 0, or -1 when id or a non-zero after is not in the array. Moving an id after
 * itself leaves the order as it is. */
int position_move_after(int64_t *ids, size_t n, int64_t id, int64_t after);
/* Index of id in ids[0..n), or -1. */
long position_index(const int64_t *ids, size_t n, int64_t id);

#endif
