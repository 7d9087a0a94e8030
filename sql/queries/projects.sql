-- Projects and their team. Every project SELECT returns the columns project_from_row()
-- expects: id, name, description, logo, color, is_private, is_archived, portfolio_id.
-- name: project_list
SELECT id, name, description, logo, color, is_private, is_archived, portfolio_id
FROM projects WHERE ws_id = $1 ORDER BY id
-- name: project_get
SELECT id, name, description, logo, color, is_private, is_archived, portfolio_id
FROM projects WHERE ws_id = $1 AND id = $2
-- name: project_insert
INSERT INTO projects (ws_id, name, description, logo, color, is_private, portfolio_id, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
RETURNING id
-- name: project_update
UPDATE projects SET name = $2, description = $3, logo = $4, color = $5, is_private = $6,
       portfolio_id = $7
WHERE ws_id = $1 AND id = $8
-- name: project_set_archived
UPDATE projects SET is_archived = $3 WHERE ws_id = $1 AND id = $2
-- name: project_delete
DELETE FROM projects WHERE ws_id = $1 AND id = $2
-- name: project_team_add
INSERT INTO project_members (ws_id, project_id, member_id) VALUES ($1, $2, $3)
ON CONFLICT DO NOTHING
-- name: project_team_list
SELECT pm.project_id, pm.member_id FROM project_members pm
JOIN members m ON m.ws_id = pm.ws_id AND m.id = pm.member_id
WHERE pm.ws_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR pm.project_id = $2)
ORDER BY pm.project_id, m.created_at, pm.member_id
