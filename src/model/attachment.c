/* attachment.c — see attachment.h. */
#include "model/attachment.h"
#include "model/util.h"
#include "store/store.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/rand.h"
#include "core/rc.h"
#include "core/sha256.h"
#include "core/common.h"

/* columns of ATTACHMENT_COLUMNS starting at column base */
static void from_row_at(const struct sql_rows *rows, size_t r, size_t base, struct attachment *at)
{
    memset(at, 0, sizeof(*at));
    at->id = sql_text(rows, r, base + 0);
    at->owner.task_id = sql_int(rows, r, base + 1);
    at->owner.deal_id = sql_text(rows, r, base + 2);
    at->creator_id = sql_text(rows, r, base + 3);
    at->name = sql_text(rows, r, base + 4);
    at->content_type = sql_text(rows, r, base + 5);
    at->size = sql_int(rows, r, base + 6);
    at->sha256 = sql_text(rows, r, base + 7);
    at->created_at = sql_int(rows, r, base + 8);
}

void attachment_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    from_row_at(rows, r, 0, out);
}

/* the *_for lists carry the owner id in column 0 */
static void listed_from_row(const struct sql_rows *rows, size_t r, void *out)
{
    from_row_at(rows, r, 1, out);
}

int attachment_create(struct store *st, struct arena *a, int64_t ws_id,
                      const struct attachment_owner *owner, const char *creator_id,
                      const char *name, const char *content_type, const void *data, size_t len,
                      struct attachment *out)
{
    char id[UUID_LEN + 1];
    if (rand_uuid(id))
        return RC_INTERNAL;
    unsigned char digest[SHA256_LEN];
    struct sha256 h;
    sha256_init(&h);
    sha256_update(&h, data, len);
    sha256_final(&h, digest);
    char hex[2 * SHA256_LEN + 1];
    hex_encode(digest, SHA256_LEN, hex);
    int64_t now = clock_now_ms();
    struct sql_val args[] = {
        SV_TEXT(id),
        SV_INT(ws_id),
        owner->task_id > 0 ? SV_INT(owner->task_id) : SV_NULL,
        SV_TEXT_OR_NULL(owner->deal_id),
        SV_TEXT(creator_id),
        SV_TEXT(name),
        SV_TEXT(content_type),
        SV_INT((int64_t)len),
        SV_TEXT(hex),
        SV_INT(now),
        SV_BLOB(data, len),
    };
    int rc = store_exec(st, Q_ATTACHMENT_INSERT, args, ARRAY_LEN(args), NULL);
    /* a new file changes its owner (by the touch queries: task.c and deal.c include this) */
    if (!rc)
        rc = owner->task_id > 0 ? touch_row(st, Q_TASK_TOUCH, ws_id, SV_INT(owner->task_id))
                                : touch_row(st, Q_DEAL_TOUCH, ws_id, SV_TEXT(owner->deal_id));
    if (rc || !out)
        return rc;
    *out = (struct attachment){
        .id = arena_strdup(a, id),
        .owner = *owner,
        .creator_id = creator_id,
        .name = name,
        .content_type = content_type,
        .size = (int64_t)len,
        .sha256 = arena_strdup(a, hex),
        .created_at = now,
    };
    return out->id && out->sha256 ? RC_OK : RC_NOMEM;
}

int attachment_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                   struct attachment *out)
{
    return ws_query_one(st, a, Q_ATTACHMENT_GET, ws_id, SV_TEXT(id), attachment_from_row, out);
}

int attachment_get_content(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                           struct attachment *out, const unsigned char **data, size_t *len)
{
    struct sql_val args[] = {SV_INT(ws_id), SV_TEXT(id)};
    struct sql_rows rows;
    int rc = store_query(st, a, Q_ATTACHMENT_CONTENT, args, 2, &rows);
    if (rc)
        return rc;
    if (rows.nrows == 0)
        return RC_NOTFOUND;
    memset(out, 0, sizeof(*out));
    out->name = sql_text(&rows, 0, 0);
    out->content_type = sql_text(&rows, 0, 1);
    out->size = sql_int(&rows, 0, 2);
    struct str b = sql_blob(&rows, 0, 3);
    if (!b.ptr)
        return RC_INTERNAL; /* the column is NOT NULL BLOB: a driver bug */
    *data = (const unsigned char *)b.ptr;
    *len = b.len;
    return RC_OK;
}

int attachment_list_for_tasks(struct store *st, struct arena *a, int64_t ws_id,
                              const char *ids_json, struct attachment **out, size_t *n)
{
    return ws_query_all(st, a, Q_ATTACHMENT_LIST_FOR_TASKS, ws_id, SV_TEXT(ids_json), sizeof(**out),
                        listed_from_row, (void **)out, n);
}

int attachment_list_for_deals(struct store *st, struct arena *a, int64_t ws_id,
                              const char *ids_json, struct attachment **out, size_t *n)
{
    return ws_query_all(st, a, Q_ATTACHMENT_LIST_FOR_DEALS, ws_id, SV_TEXT(ids_json), sizeof(**out),
                        listed_from_row, (void **)out, n);
}
