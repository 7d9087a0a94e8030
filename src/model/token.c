/* token.c — see token.h. */
#include "model/token.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rc.h"
#include "core/sha256.h"
#include "store/store.h"
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
