-- Running task timers (docs/internals/tasks.md "Timers"): one row per member of a
-- workspace (primary key ws_id, member_id), so a timer survives a restart. timer_get
-- returns task_id, started_at (Unix ms), and whether that task has since been deleted.
-- name: timer_get
SELECT r.task_id, r.started_at, t.is_deleted FROM task_timers r
JOIN tasks t ON t.id = r.task_id AND t.ws_id = r.ws_id
WHERE r.ws_id = $1 AND r.member_id = $2
-- name: timer_insert
INSERT INTO task_timers (ws_id, member_id, task_id, started_at) VALUES ($1, $2, $3, $4)
-- name: timer_delete
DELETE FROM task_timers WHERE ws_id = $1 AND member_id = $2
