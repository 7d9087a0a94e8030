-- Time entries (docs/internals/tasks.md). Time entry SELECTs return id, task_id,
-- member_id, type, is_overtime, day, duration, created_at (time_entry_from_row).
-- name: time_entry_list_for
SELECT id, task_id, member_id, type, is_overtime, day, duration, created_at FROM time_entries
WHERE ws_id = $1 AND task_id IN (SELECT value FROM json_each($2))
ORDER BY task_id, created_at, id
