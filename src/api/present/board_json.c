/* board_json.c — see board_json.h. */
#include "api/present/board_json.h"
#include "model/board.h"

json_t *board_json(const struct call *c, const void *item)
{
    const struct board *b = item;
    (void)c;
    return json_pack("{s:I, s:s, s:I, s:b}", "id", (json_int_t)b->id, "name", b->name, "projectId",
                     (json_int_t)b->project_id, "isPrivate", b->is_private);
}

json_t *column_json(const struct call *c, const void *item)
{
    const struct board_column *col = item;
    (void)c;
    return json_pack("{s:I, s:s, s:I}", "id", (json_int_t)col->id, "name", col->name, "boardId",
                     (json_int_t)col->board_id);
}
