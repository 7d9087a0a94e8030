-- PostgreSQL texts of the *_for queries of sql/queries/tasks.sql: json_each is SQLite's;
-- here the JSON array of ids is unnested with jsonb_array_elements_text into an array for
-- = ANY: the planner then looks each id up in the index. (With IN (SELECT ...) its
-- generic plan guessed 100 ids and, in a workspace under ~30k rows, hash-joined a
-- sequential scan: 4.4 ms for one task's rows at 10k tasks against 0.3 ms at 1M.)
-- name: task_locations_for
SELECT task_id, project_id, board_id, column_id FROM task_locations
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, seq
-- name: task_assignees_for
SELECT task_id, member_id FROM task_assignees
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, seq
-- name: task_watchers_for
SELECT task_id, member_id FROM task_watchers
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, created_at, member_id
-- name: task_tags_for
SELECT task_id, tag_id FROM task_tags
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, tag_id
-- name: task_subtasks_for
SELECT parent_id, id FROM tasks
WHERE ws_id = $1 AND is_deleted = 0 AND parent_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY parent_id, sub_position, id
