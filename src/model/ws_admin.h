/* ws_admin.h — what the admin API (/_weeekd/, weeekd as a test double) does to a whole
 * workspace: remove it, or empty it of data while its members and tokens stay. */
#ifndef MODEL_WS_ADMIN_H
#define MODEL_WS_ADMIN_H

#include <stdint.h>

struct store;
struct arena;

/* Remove the workspace and everything in it (its tokens stop working). RC_OK,
 * RC_NOTFOUND, or a store rc. */
int ws_admin_delete(struct store *st, int64_t ws_id);
/* Delete every row of the workspace's data tables (ws_admin_data_tables); the workspace,
 * its members and their tokens stay. Inside the caller's write transaction. */
int ws_admin_reset(struct store *st, struct arena *a, int64_t ws_id);

/* The tables ws_admin_reset empties, children first; NULL-terminated. Every table of the
 * schema but workspaces, members, api_tokens and snapshots (tests/http/test_admin_workspaces.py
 * checks the list against sql/schema/). */
extern const char *const ws_admin_data_tables[];

#endif
