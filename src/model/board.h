/* board.h — boards (ordered within a project) and board columns (ordered within a board).
 * Orders are dense and rewritten inside the caller's write transaction (model/order.h).
 * A new board gets BOARD_DEFAULT_COLUMNS. */
#ifndef MODEL_BOARD_H
#define MODEL_BOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct store;
struct arena;

#define BOARD_NAME_MAX  255
#define COLUMN_NAME_MAX 255
/* Decision: the notes do not say what columns Weeek gives a new board; weeekd creates these
 * three, so a task can be put on a fresh board at once (clients can rename or delete them). */
#define BOARD_DEFAULT_COLUMNS          \
    {                                  \
        "To do", "In progress", "Done" \
    }

struct board {
    int64_t id, project_id, position;
    const char *name;
    bool is_private;
};

struct board_column {
    int64_t id, board_id, position;
    const char *name;
};

/* Boards of a project in order. */
int board_list(struct store *st, struct arena *a, int64_t ws_id, int64_t project_id,
               struct board **out, size_t *n);
/* RC_OK or RC_NOTFOUND. */
int board_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id, struct board *out);
/* Append b (project checked by the caller) and its default columns; b->id is set. */
int board_create(struct store *st, struct arena *a, int64_t ws_id, struct board *b);
int board_rename(struct store *st, int64_t ws_id, int64_t id, const char *name);
/* Delete a board with its columns and close the gap in the project's order. */
int board_delete(struct store *st, struct arena *a, int64_t ws_id, const struct board *b);
/* Move b to just after board `after` of the same project (0 = first). RC_OK, or
 * RC_NOTFOUND when `after` is not a board of b's project. */
int board_move(struct store *st, struct arena *a, int64_t ws_id, const struct board *b,
               int64_t after);

int column_list(struct store *st, struct arena *a, int64_t ws_id, int64_t board_id,
                struct board_column **out, size_t *n);
int column_get(struct store *st, struct arena *a, int64_t ws_id, int64_t id,
               struct board_column *out);
/* Append col (board checked by the caller); col->id is set. */
int column_create(struct store *st, struct arena *a, int64_t ws_id, struct board_column *col);
int column_rename(struct store *st, int64_t ws_id, int64_t id, const char *name);
int column_delete(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col);
/* As board_move, within col's board. */
int column_move(struct store *st, struct arena *a, int64_t ws_id, const struct board_column *col,
                int64_t after);

#endif
