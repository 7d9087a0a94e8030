/* token.h — API tokens: issued by the CLI, checked on every request. A token is shown once
 * at creation; only its SHA-256 is stored. */
#ifndef MODEL_TOKEN_H
#define MODEL_TOKEN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/rand.h"

struct store;
struct arena;

struct token_info {
    int64_t id;
    const char *workspace, *email, *label;
    int64_t created_at, revoked_at; /* revoked_at 0 = active */
};

/* Look the token hash up; on success set the workspace and member (uuid, in a).
 * RC_OK, RC_NOTFOUND (unknown or revoked), or a store rc. */
int token_authenticate(struct store *st, struct arena *a, const char *hash_hex, int64_t *ws_id,
                       const char **member_id);
/* The token memory (process-wide, thread-safe): what token_authenticate last found for a
 * hash. recall: true with the workspace and member (in a) when remembered; only a guess
 * until token_confirm says so inside the transaction. */
bool token_recall(struct arena *a, const char *hash_hex, int64_t *ws_id, const char **member_id);
void token_remember(const char *hash_hex, int64_t ws_id, const char *member_id);
void token_forget(const char *hash_hex);
/* Queue the token's check to ride with the transaction's first statement
 * (store_read_along); token_confirm then reads its rows without a round trip. */
int token_check_along(struct store *st, struct arena *a, const char *hash_hex);
/* Inside the request's transaction: the token is still valid for ws_id and member_id.
 * RC_OK; RC_UNAUTH (revoked or deleted since: forgotten too); RC_CONFLICT (valid, but for
 * another workspace or member than remembered: remembered now, run the request again); or
 * a store rc. */
int token_confirm(struct store *st, struct arena *a, const char *hash_hex, int64_t ws_id,
                  const char *member_id);
/* Issue a new token for a member; the clear text goes to out (shown once).
 * RC_OK, RC_INTERNAL (no randomness), or a store rc. */
int token_issue(struct store *st, int64_t ws_id, const char *member_id, const char *label,
                char out[TOKEN_LEN + 1]);
/* The same with a token chosen by the caller (weeekd init --token): token must pass
 * token_valid. RC_CONFLICT when that token is already in use. */
int token_issue_as(struct store *st, int64_t ws_id, const char *member_id, const char *label,
                   const char *token);
/* Every token of every workspace, oldest first, into *out (in a). */
int token_list(struct store *st, struct arena *a, struct token_info **out, size_t *n);
/* Revoke by id. RC_OK, RC_NOTFOUND (no such active token), or a store rc. */
int token_revoke(struct store *st, int64_t id);

#endif
