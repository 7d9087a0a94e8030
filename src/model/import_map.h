/* import_map.h — the id map of `weeekd import` (migration 0012): source object (kind, id
 * text) -> id text of the object written here, per workspace. Written once per object as the
 * import goes, read whole by `import --resume`. */
#ifndef MODEL_IMPORT_MAP_H
#define MODEL_IMPORT_MAP_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

struct import_map_row {
    const char *kind, *source_id, *target_id;
};

/* Record (or overwrite) one entry. RC_OK or a store rc. */
int import_map_put(struct store *st, int64_t ws_id, const char *kind, const char *source_id,
                   const char *target_id);
/* Every entry of the workspace into *out (in a). RC_OK or a store rc. */
int import_map_list(struct store *st, struct arena *a, int64_t ws_id, struct import_map_row **out,
                    size_t *n);

#endif
