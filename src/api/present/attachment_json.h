/* attachment_json.h — the spec's Attachment object, for the upload and metadata routes and
 * for the tasks and deals that list their files. docs/internals/tasks.md "Attachments". */
#ifndef API_ATTACHMENT_JSON_H
#define API_ATTACHMENT_JSON_H

#include "api/pipeline/call.h"

struct jw;

/* item is a const struct attachment *: id, creatorId, service "weeek", name, url,
 * size, createdAt. url is absolute and names this server as c's request reached it. A
 * writer presenter (api/pipeline/call.h write_fn). */
void attachment_write(struct jw *w, const struct call *c, const void *item);

#endif
