-- Workspaces: the tenant root. Created by the CLI only (weeekd init).
-- name: ws_insert
INSERT INTO workspaces (title, description, is_personal, logo, created_at)
VALUES ($1, NULL, 0, NULL, $2)
RETURNING id
-- name: ws_get
SELECT id, title, description, is_personal, logo FROM workspaces WHERE id = $1
-- name: ws_find_by_title
SELECT id, title, description, is_personal, logo FROM workspaces WHERE title = $1
-- name: ws_delete
DELETE FROM workspaces WHERE id = $1
