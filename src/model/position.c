/* position.c — see position.h. Pure functions: the unit tests drive them with long random
 * move sequences against a simple reference. */
#include "model/position.h"
#include "core/common.h"

long position_index(const int64_t *ids, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (ids[i] == id)
            return (long)i;
    return -1;
}

int position_move_after(int64_t *ids, size_t n, int64_t id, int64_t after)
{
    long from = position_index(ids, n, id);
    if (from < 0 || (after && position_index(ids, n, after) < 0))
        return -1;
    if (after == id)
        return 0;
    /* take id out, then insert it after `after` in the shortened array */
    memmove(&ids[from], &ids[from + 1], (n - (size_t)from - 1) * sizeof(*ids));
    size_t to = 0;
    if (after)
        to = (size_t)position_index(ids, n - 1, after) + 1;
    memmove(&ids[to + 1], &ids[to], (n - 1 - to) * sizeof(*ids));
    ids[to] = id;
    return 0;
}
