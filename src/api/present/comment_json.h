/* comment_json.h — the spec's TaskComment object, for the comment routes.
 * docs/internals/tasks.md "Comments". */
#ifndef API_COMMENT_JSON_H
#define API_COMMENT_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

/* item is a const struct comment *: id, parentId (null at the top level), authorId,
 * markdown (as stored), createdAt, updatedAt. NULL when memory runs out. */
json_t *comment_json(const struct call *c, const void *item);

#endif
