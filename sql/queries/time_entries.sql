-- Time entries (docs/internals/tasks.md). Time entry SELECTs return id, task_id,
-- member_id, type, is_overtime, day, duration, created_at (time_entry_from_row).
-- name: time_entry_list_for
SELECT e.id, e.task_id, e.member_id, e.type, e.is_overtime, e.day, e.duration, e.created_at
FROM json_each($2) j CROSS JOIN time_entries e
WHERE e.ws_id = $1 AND e.task_id = j.value
ORDER BY e.task_id, e.created_at, e.id
-- name: time_entry_get
SELECT id, task_id, member_id, type, is_overtime, day, duration, created_at FROM time_entries
WHERE ws_id = $1 AND task_id = $2 AND id = $3
-- name: time_entry_insert
INSERT INTO time_entries (id, ws_id, task_id, member_id, type, is_overtime, day, duration,
                          created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
-- name: time_entry_update
UPDATE time_entries SET member_id = $4, is_overtime = $5, day = $6, duration = $7
WHERE ws_id = $1 AND task_id = $2 AND id = $3
-- name: time_entry_delete
DELETE FROM time_entries WHERE ws_id = $1 AND task_id = $2 AND id = $3
