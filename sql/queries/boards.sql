-- Boards and board columns. Board SELECTs return id, name, project_id, is_private,
-- position (board_from_row); column SELECTs return id, name, board_id, position
-- (column_from_row). Positions are dense per parent (model/order.h: the *_order and
-- *_set_position queries have the shape of every dense kind).
-- name: board_list
SELECT id, name, project_id, is_private, position FROM boards
WHERE ws_id = $1 AND project_id = $2 ORDER BY position, id
-- name: board_get
SELECT id, name, project_id, is_private, position FROM boards WHERE ws_id = $1 AND id = $2
-- name: board_insert
INSERT INTO boards (ws_id, project_id, name, is_private, position, created_at)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM boards WHERE ws_id = $1 AND project_id = $2),
        $5)
RETURNING id
-- name: board_update
UPDATE boards SET name = $3 WHERE ws_id = $1 AND id = $2
-- name: board_order
SELECT id, position FROM boards WHERE ws_id = $1 AND project_id = $2 ORDER BY position, id
-- name: board_set_position
UPDATE boards SET position = $4 WHERE ws_id = $1 AND project_id = $2 AND id = $3
-- name: board_delete
DELETE FROM boards WHERE ws_id = $1 AND id = $2
-- name: column_list
SELECT id, name, board_id, position FROM board_columns
WHERE ws_id = $1 AND board_id = $2 ORDER BY position, id
-- name: column_get
SELECT id, name, board_id, position FROM board_columns WHERE ws_id = $1 AND id = $2
-- name: column_insert
INSERT INTO board_columns (ws_id, board_id, name, position, created_at)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM board_columns WHERE ws_id = $1 AND board_id = $2),
        $4)
RETURNING id
-- name: column_update
UPDATE board_columns SET name = $3 WHERE ws_id = $1 AND id = $2
-- name: column_order
SELECT id, position FROM board_columns WHERE ws_id = $1 AND board_id = $2 ORDER BY position, id
-- name: column_set_position
UPDATE board_columns SET position = $4 WHERE ws_id = $1 AND board_id = $2 AND id = $3
-- name: column_delete
DELETE FROM board_columns WHERE ws_id = $1 AND id = $2
