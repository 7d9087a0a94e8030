/* ws_snapshot.h — snapshots of one workspace's data (admin API of weeekd as a test
 * double): save every row of its data tables (ws_admin_data_tables) into the snapshots
 * table, and bring them back with the same ids. Members, tokens and other snapshots are
 * not part of one and stay as they are. */
#ifndef MODEL_WS_SNAPSHOT_H
#define MODEL_WS_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define SNAPSHOT_NAME_MAX 255
/* Largest encoded snapshot: a workspace whose rows encode to more is refused (RC_TOOBIG).
 * 10,000 tasks encode to about 4 MiB. Save and restore need at most about three times this
 * besides the store's own memory (ws_snapshot.c). */
#define SNAPSHOT_BYTES_MAX (128u << 20)

struct ws_snapshot {
    const char *name;
    int64_t created_at; /* ms */
    int64_t bytes;      /* size of the encoded data */
};

/* Save (or replace) snapshot name; *out describes it. RC_TOOBIG past SNAPSHOT_BYTES_MAX.
 * Inside a write transaction. */
int ws_snapshot_save(struct store *st, struct arena *a, int64_t ws_id, const char *name,
                     struct ws_snapshot *out);
/* Empty the workspace's data and insert the snapshot's rows. RC_NOTFOUND: no such
 * snapshot; RC_STORE: data that cannot be decoded. Inside a write transaction. */
int ws_snapshot_restore(struct store *st, struct arena *a, int64_t ws_id, const char *name);
/* By name. */
int ws_snapshot_list(struct store *st, struct arena *a, int64_t ws_id, struct ws_snapshot **out,
                     size_t *n);
/* RC_OK or RC_NOTFOUND. */
int ws_snapshot_delete(struct store *st, int64_t ws_id, const char *name);

#endif
