/* comment_json.c — see comment_json.h. */
#include "api/present/comment_json.h"
#include "model/comment.h"
#include "core/clock.h"
#include "core/common.h"

json_t *comment_json(const struct call *c, const void *item)
{
    (void)c;
    const struct comment *cm = item;
    char created[21], updated[21];
    clock_iso8601(cm->created_at, created);
    clock_iso8601(cm->updated_at, updated);
    json_t *parent = cm->parent_id == COMMENT_NONE ? json_null() : json_integer(cm->parent_id);
    return json_pack("{s:I, s:o, s:s, s:s, s:s, s:s}", "id", (json_int_t)cm->id, "parentId", parent,
                     "authorId", cm->author_id, "markdown", cm->markdown, "createdAt", created,
                     "updatedAt", updated);
}
