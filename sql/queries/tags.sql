-- Workspace tags. The column list of every SELECT matches tag_from_row().
-- name: tag_list
SELECT id, title, color FROM tags WHERE ws_id = $1 ORDER BY id
-- name: tag_get
SELECT id, title, color FROM tags WHERE ws_id = $1 AND id = $2
-- name: tag_insert
INSERT INTO tags (ws_id, title, color, created_at) VALUES ($1, $2, $3, $4)
RETURNING id
-- name: tag_update
UPDATE tags SET title = $3, color = $4 WHERE ws_id = $1 AND id = $2
-- name: tag_delete
DELETE FROM tags WHERE ws_id = $1 AND id = $2
