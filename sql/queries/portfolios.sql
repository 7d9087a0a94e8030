-- Portfolios. Every SELECT returns the columns portfolio_from_row() expects:
-- id, name, parent_id, is_private. Optional filters are "CAST($n AS type) IS NULL OR ...":
-- PostgreSQL cannot infer the type of a parameter that is only tested for NULL.
-- Search: $3 comes from like_pattern() (escaped, ASCII-lowered in C), and lower() of a
-- COLLATE "C" column on PostgreSQL folds ASCII only, as SQLite's lower() does: so case is
-- ignored for A-Z on both backends and other letters match exactly (docs: README).
-- name: portfolio_list
SELECT id, name, parent_id, is_private FROM portfolios
WHERE ws_id = $1
  AND (CAST($2 AS BIGINT) IS NULL OR parent_id = $2)
  AND (CAST($3 AS TEXT) IS NULL OR lower(name) LIKE '%' || $3 || '%' ESCAPE '!')
ORDER BY id
LIMIT $4 OFFSET $5
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
