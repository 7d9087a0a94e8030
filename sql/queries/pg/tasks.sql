-- PostgreSQL texts of the *_for queries of sql/queries/tasks.sql: json_each is SQLite's;
-- here the JSON array of ids is unnested with jsonb_array_elements_text.
-- name: task_locations_for
SELECT task_id, project_id, board_id, column_id FROM task_locations
WHERE ws_id = $1 AND task_id IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))
ORDER BY task_id, seq
-- name: task_assignees_for
SELECT task_id, member_id FROM task_assignees
WHERE ws_id = $1 AND task_id IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))
ORDER BY task_id, seq
-- name: task_watchers_for
SELECT task_id, member_id FROM task_watchers
WHERE ws_id = $1 AND task_id IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))
ORDER BY task_id, created_at, member_id
-- name: task_tags_for
SELECT task_id, tag_id FROM task_tags
WHERE ws_id = $1 AND task_id IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))
ORDER BY task_id, tag_id
-- name: task_subtasks_for
SELECT parent_id, id FROM tasks
WHERE ws_id = $1 AND is_deleted = 0 AND parent_id IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))
ORDER BY parent_id, id
