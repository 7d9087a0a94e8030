/* seed.h — the demo workspaces (issue 14, item 9): `weeekd init --seed NAME` and the admin
 * API's POST /_weeekd/workspaces {"seed": NAME} fill a new workspace with fixed content
 * (seed/NAME.json, written by seed/gen.py and embedded in the binary), through the same writer
 * as `weeekd import` (writer.h), so the demo passes every rule of the API. */
#ifndef PORT_SEED_H
#define PORT_SEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store_pool;

/* Every seed name, "empty" (nothing) first; NULL-terminated. */
extern const char *const seed_names[];
bool seed_known(const char *name);

/* Fill workspace ws, just created with its owner owner_email holding token, with the seed's
 * data ("empty": nothing). Not inside a transaction: it writes through the API in process,
 * one transaction per request, and adds the demo members and comments in transactions of
 * its own. 0, or -1 with err (what was written stays: the caller removes the workspace). */
int seed_apply(struct store_pool *pool, int64_t ws, const char *name, const char *owner_email,
               const char *token, char *err, size_t errlen);

#endif
