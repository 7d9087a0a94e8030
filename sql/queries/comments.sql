-- Task comments (docs/internals/tasks.md "Comments"). Comment SELECTs return id, task_id,
-- parent_id, author_id, markdown, created_at, updated_at (comment_from_row). Every query
-- names the workspace and the task: a comment is only ever found through its own task.
-- name: comment_list
SELECT id, task_id, parent_id, author_id, markdown, created_at, updated_at
FROM task_comments WHERE ws_id = $1 AND task_id = $2
ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4
-- name: comment_get
SELECT id, task_id, parent_id, author_id, markdown, created_at, updated_at
FROM task_comments WHERE ws_id = $1 AND task_id = $2 AND id = $3
-- name: comment_count
SELECT COUNT(*) FROM task_comments WHERE ws_id = $1 AND task_id = $2
-- name: comment_insert
INSERT INTO task_comments (ws_id, task_id, parent_id, author_id, markdown, created_at,
                           updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $6)
RETURNING id
-- Replies move to the top level through the foreign key (ON DELETE SET NULL).
-- name: comment_delete
DELETE FROM task_comments WHERE ws_id = $1 AND task_id = $2 AND id = $3
