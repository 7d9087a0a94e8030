/* token.c — see token.h. */
#include "model/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "core/sha256.h"
#include "store/store.h"
#include <pthread.h>
#include <stdio.h>

#include "core/common.h"

int token_authenticate(struct store *st, struct arena *a, const char *hash_hex, int64_t *ws_id,
                       const char **member_id)
{
    struct sql_rows r;
    struct sql_val args[] = {SV_TEXT(hash_hex)};
    int rc = store_query(st, a, Q_TOKEN_AUTH, args, 1, &r);
    if (rc)
        return rc;
    if (r.nrows != 1)
        return RC_NOTFOUND;
    /* the index found the row; compare again in constant time so that how much of the
     * hash matched never shows in the timing */
    const struct sql_val *h = sql_cell(&r, 0, 0);
    if (h->type != SQL_TEXT || h->u.s.len != 2 * SHA256_LEN ||
        !const_time_eq(h->u.s.ptr, hash_hex, 2 * SHA256_LEN))
        return RC_NOTFOUND;
    *ws_id = sql_int(&r, 0, 1);
    *member_id = sql_text(&r, 0, 2);
    return RC_OK;
}

int token_issue(struct store *st, int64_t ws_id, const char *member_id, const char *label,
                char out[TOKEN_LEN + 1])
{
    if (rand_token(out))
        return RC_INTERNAL;
    return token_issue_as(st, ws_id, member_id, label, out);
}

int token_issue_as(struct store *st, int64_t ws_id, const char *member_id, const char *label,
                   const char *token)
{
    char hash[2 * SHA256_LEN + 1];
    sha256_hex(token, TOKEN_LEN, hash);
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(member_id), SV_TEXT(hash),
                             SV_TEXT_OR_NULL(label), SV_INT(clock_now_ms())};
    return store_exec(st, Q_TOKEN_INSERT, args, ARRAY_LEN(args), NULL);
}

int token_list(struct store *st, struct arena *a, struct token_info **out, size_t *n)
{
    struct sql_rows r;
    int rc = store_query(st, a, Q_TOKEN_LIST, NULL, 0, &r);
    if (rc)
        return rc;
    struct token_info *t = arena_calloc(a, r.nrows ? r.nrows : 1, sizeof(*t));
    if (!t)
        return RC_NOMEM;
    for (size_t i = 0; i < r.nrows; i++) {
        t[i].id = sql_int(&r, i, 0);
        t[i].workspace = sql_text(&r, i, 1);
        t[i].email = sql_text(&r, i, 2);
        t[i].label = sql_text(&r, i, 3);
        t[i].created_at = sql_int(&r, i, 4);
        t[i].revoked_at = sql_int(&r, i, 5);
    }
    *out = t;
    *n = r.nrows;
    return RC_OK;
}

int token_revoke(struct store *st, int64_t id)
{
    int64_t changed = 0;
    struct sql_val args[] = {SV_INT(id), SV_INT(clock_now_ms())};
    int rc = store_exec(st, Q_TOKEN_REVOKE, args, 2, &changed);
    if (rc)
        return rc;
    return changed ? RC_OK : RC_NOTFOUND;
}

/* ---- the token memory ---------------------------------------------------------------- */

/* Decision: a process remembers which workspace and member a token hash was last found
 * valid for (a token row never changes either; it is only revoked or deleted), so a request
 * can start its transaction without a round trip of its own for authentication. The
 * memory is only a guess: token_confirm checks the token again inside the request's
 * transaction (on PostgreSQL in the same pipeline as its first statement) before anything
 * is answered or committed, and a token revoked or deleted since is a 401 with nothing
 * committed, exactly as without the memory. Direct-mapped by the hash's first bytes: a
 * collision only forgets the older token. */
#define TOKEN_MEMORY 512
#define MEMBER_MAX   64

static struct remembered {
    char hash[2 * SHA256_LEN + 1];
    char member[MEMBER_MAX];
    int64_t ws_id;
} memory[TOKEN_MEMORY];
static pthread_mutex_t memory_mu = PTHREAD_MUTEX_INITIALIZER;

static size_t slot_of(const char *hash_hex)
{
    size_t h = 0;
    for (int i = 0; i < 8 && hash_hex[i]; i++)
        h = h * 16 +
            (size_t)(hash_hex[i] <= '9' ? hash_hex[i] - '0' : (hash_hex[i] | 32) - 'a' + 10);
    return h % TOKEN_MEMORY;
}

bool token_recall(struct arena *a, const char *hash_hex, int64_t *ws_id, const char **member_id)
{
    if (strlen(hash_hex) != 2 * SHA256_LEN)
        return false;
    struct remembered *m = &memory[slot_of(hash_hex)];
    bool found = false;
    pthread_mutex_lock(&memory_mu);
    if (const_time_eq(m->hash, hash_hex, 2 * SHA256_LEN) && m->ws_id > 0) {
        char *member = arena_strdup(a, m->member);
        if (member) {
            *ws_id = m->ws_id;
            *member_id = member;
            found = true;
        }
    }
    pthread_mutex_unlock(&memory_mu);
    return found;
}

void token_remember(const char *hash_hex, int64_t ws_id, const char *member_id)
{
    if (strlen(hash_hex) != 2 * SHA256_LEN || !member_id || strlen(member_id) >= MEMBER_MAX)
        return;
    struct remembered *m = &memory[slot_of(hash_hex)];
    pthread_mutex_lock(&memory_mu);
    memcpy(m->hash, hash_hex, sizeof(m->hash));
    snprintf(m->member, sizeof(m->member), "%s", member_id);
    m->ws_id = ws_id;
    pthread_mutex_unlock(&memory_mu);
}

void token_forget(const char *hash_hex)
{
    if (strlen(hash_hex) != 2 * SHA256_LEN)
        return;
    struct remembered *m = &memory[slot_of(hash_hex)];
    pthread_mutex_lock(&memory_mu);
    if (memcmp(m->hash, hash_hex, 2 * SHA256_LEN) == 0)
        m->ws_id = 0;
    pthread_mutex_unlock(&memory_mu);
}

int token_check_along(struct store *st, struct arena *a, const char *hash_hex)
{
    struct sql_val args[] = {SV_TEXT(hash_hex)};
    const struct store_prefetch p = {Q_TOKEN_AUTH, args, 1};
    return store_read_along(st, a, &p);
}

int token_confirm(struct store *st, struct arena *a, const char *hash_hex, int64_t ws_id,
                  const char *member_id)
{
    int64_t ws = 0;
    const char *member = NULL;
    int rc = token_authenticate(st, a, hash_hex, &ws, &member);
    if (rc == RC_NOTFOUND) {
        token_forget(hash_hex);
        return RC_UNAUTH;
    }
    if (!rc && (ws != ws_id || !member || strcmp(member, member_id) != 0)) {
        /* the same token text issued again (weeekd init --token) after its workspace went */
        token_remember(hash_hex, ws, member);
        return RC_CONFLICT;
    }
    return rc;
}
