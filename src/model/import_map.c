/* import_map.c — the id map of `weeekd import` (import_map.h). */
#include "model/import_map.h"

#include "core/arena.h"
#include "core/rc.h"
#include "store/store.h"
#include "core/common.h"

int import_map_put(struct store *st, int64_t ws_id, const char *kind, const char *source_id,
                   const char *target_id)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(kind), SV_TEXT(source_id), SV_TEXT(target_id)};
    return store_exec(st, Q_IMPORT_MAP_PUT, args, 4, NULL);
}

int import_map_list(struct store *st, struct arena *a, int64_t ws_id, struct import_map_row **out,
                    size_t *n)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_INT(ws_id)};
    int rc = store_query(st, a, Q_IMPORT_MAP_LIST, args, 1, &r);
    if (rc)
        return rc;
    *out = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(**out));
    if (!*out)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++)
        (*out)[i] =
            (struct import_map_row){sql_text(&r, i, 0), sql_text(&r, i, 1), sql_text(&r, i, 2)};
    *n = r.nrows;
    return RC_OK;
}
