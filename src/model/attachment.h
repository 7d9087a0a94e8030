/* attachment.h — files attached to an owner: a task now, a deal once the CRM has them
 * (docs/internals/tasks.md "Attachments"). The bytes are stored in the database with their
 * metadata; everything here runs in the caller's transaction. Metadata reads never load
 * the bytes; only attachment_get_content does. */
#ifndef MODEL_ATTACHMENT_H
#define MODEL_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/str.h"

struct store;
struct arena;
struct sql_rows;

#define ATTACHMENT_NAME_MAX 255 /* code points */
#define ATTACHMENT_TYPE_MAX 255 /* bytes of a Content-Type */

/* Who an attachment belongs to: exactly one of task_id (> 0) and deal_id (non-NULL). */
struct attachment_owner {
    int64_t task_id; /* 0 when the owner is a deal */
    const char *deal_id;
};

struct attachment {
    const char *id; /* uuid */
    struct attachment_owner owner;
    const char *creator_id;
    const char *name;
    const char *content_type;
    int64_t size;       /* bytes */
    const char *sha256; /* 64 lower-case hex digits */
    int64_t created_at; /* Unix ms */
};

/* The columns every metadata SELECT returns, in this order (sql/queries/attachments.sql),
 * and the function that reads them from row r into *out (an attachment *). */
#define ATTACHMENT_COLUMNS \
    "id, task_id, deal_id, creator_id, name, content_type, size, sha256, created_at"
void attachment_from_row(const struct sql_rows *rows, size_t r, void *out);

/* Store one file for owner (its existence checked by the caller): a new uuid, created now,
 * by creator_id, with its SHA-256; appended after the owner's other attachments. name and
 * content_type are stored as given (the api layer cleans them). data is not copied. The
 * owner is touched.
 * *out (may be NULL) gets the metadata, allocated in a. RC_OK, RC_NOMEM, RC_TOOBIG (the
 * database refuses a value that large) or the store's rc. */
int attachment_create(struct store *st, struct arena *a, int64_t ws_id,
                      const struct attachment_owner *owner, const char *creator_id,
                      const char *name, const char *content_type, const void *data, size_t len,
                      struct attachment *out);
/* Metadata of one attachment of the workspace. RC_OK or RC_NOTFOUND. */
int attachment_get(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                   struct attachment *out);
/* The bytes too: *data (NUL-terminated after len bytes, so never NULL on RC_OK) and *len,
 * copied into a, plus name, content type and size in *out (id, owner, creator, checksum
 * and time are not set). RC_OK, RC_NOTFOUND, RC_NOMEM (the arena cannot hold the file). */
int attachment_get_content(struct store *st, struct arena *a, int64_t ws_id, const char *id,
                           struct attachment *out, const unsigned char **data, size_t *len);
/* Attachments of the tasks (or deals) whose ids are given as the JSON array text ids_json
 * ("[1,2]" / "[\"slug\"]"), ordered by owner id, then upload order. Metadata only. */
int attachment_list_for_tasks(struct store *st, struct arena *a, int64_t ws_id,
                              const char *ids_json, struct attachment **out, size_t *n);
int attachment_list_for_deals(struct store *st, struct arena *a, int64_t ws_id,
                              const char *ids_json, struct attachment **out, size_t *n);

#endif
