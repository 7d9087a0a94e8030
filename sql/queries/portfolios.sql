-- Portfolios. Every SELECT returns the columns portfolio_from_row() expects:
-- id, name, parent_id, is_private. The list is assembled from the fragments of
-- portfolio_list.sql.
-- name: portfolio_get
SELECT id, name, parent_id, is_private FROM portfolios WHERE ws_id = $1 AND id = $2
-- name: portfolio_insert
INSERT INTO portfolios (ws_id, name, parent_id, is_private, created_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id
-- name: portfolio_update
UPDATE portfolios SET name = $3, is_private = $4 WHERE ws_id = $1 AND id = $2
-- name: portfolio_delete
DELETE FROM portfolios WHERE ws_id = $1 AND id = $2
