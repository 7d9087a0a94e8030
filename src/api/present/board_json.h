/* board_json.h — the spec's Board and BoardColumn objects built from model/board.h:
 * presenters (api/pipeline/call.h present_fn). NULL only when memory runs out. */
#ifndef API_BOARD_JSON_H
#define API_BOARD_JSON_H

#include <jansson.h>

#include "api/pipeline/call.h"

/* item is a const struct board * */
json_t *board_json(const struct call *c, const void *item);
/* item is a const struct board_column * */
json_t *column_json(const struct call *c, const void *item);

#endif
