/* attachments.h — what every owner's upload route shares (a task's and a deal's):
 * reading the `files[]` parts of a multipart body, storing them, answering them (the
 * Attachment object: api/present/attachment_json.h). Private to src/api/. docs/internals/tasks.md
 * "Attachments". */
#ifndef API_ATTACHMENTS_H
#define API_ATTACHMENTS_H

#include "api/pipeline/call.h"
#include "model/attachment.h"

/* Store every file of the request's multipart body for owner (checked by the caller) and
 * answer: c->payload is the first Attachment (the spec's `data`), c->extra holds
 * `attachments`, all of them in order. 422 {"files": ["The files field is required."]}
 * without a file, 422 files.N for a bad name, 400 for a malformed body, 413 past
 * MULTIPART_MAX_PARTS. RC_OK or that rc. */
/* Decision: a task or a deal holds at most ATTACHMENTS_MAX files (issue 13 item 9): an
 * upload that would pass it is a 422 on `files` and stores nothing. have: how many it holds. */
#define ATTACHMENTS_MAX 20
int attachments_upload(struct call *c, const struct attachment_owner *owner, size_t have);

#endif
