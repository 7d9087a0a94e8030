-- PostgreSQL texts of sql/queries/time_entries.sql where json_each is needed.
-- name: time_entry_list_for
SELECT id, task_id, member_id, type, is_overtime, day, duration, created_at FROM time_entries
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, created_at, id
