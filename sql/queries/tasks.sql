-- Tasks and what hangs off them (docs/internals/tasks.md). Every task SELECT returns the
-- columns of TASK_COLUMNS in src/model/task.h, in that order (task_from_row). The *_for
-- queries take the task ids as a JSON array text in $2 ("[1,2,3]"): one statement serves a
-- single task and a page of a list; sql/queries/pg/tasks.sql spells json_each for
-- PostgreSQL.
-- name: task_get
SELECT id, parent_id, title, description, type, priority, duration, is_completed,
       completed_at, is_deleted, is_private, author_id, start_day, start_sec, due_day, due_sec,
       created_at, updated_at
FROM tasks WHERE ws_id = $1 AND id = $2
-- A task with its related rows in one statement (task_get): the task's columns, then one
-- column per relation of task.c's related[], in its order, each the rows of that *_for
-- query for this one task (same columns, same order) as a JSON array of arrays; the rows
-- are decoded (store_rows_from_json) and read by the *_for queries' own readers. The
-- ORDER BY of a FROM subquery keeps json_group_array's order (an aggregate's subquery is
-- not flattened when it has one). The lists here and in the *_for queries must agree:
-- tests/http/test_tm_task_one_read.py reads back a task with every relation set
-- (PostgreSQL's text, which task_get runs), tests/unit/test_store.c compares this one with
-- the *_for queries. SQLite's task_get keeps the *_for queries (store_remote is false):
-- its JSON functions cost more than those statements once a task has a few dozen
-- related rows (docs/internals/store.md, "One statement for a task").
-- name: task_get_full
SELECT t.id, t.parent_id, t.title, t.description, t.type, t.priority, t.duration,
       t.is_completed, t.completed_at, t.is_deleted, t.is_private, t.author_id, t.start_day,
       t.start_sec, t.due_day, t.due_sec, t.created_at, t.updated_at,
  (SELECT json_group_array(json_array(task_id, project_id, board_id, column_id)) FROM
     (SELECT task_id, project_id, board_id, column_id FROM task_locations
      WHERE ws_id = $1 AND task_id = $2 ORDER BY seq)),
  (SELECT json_group_array(json_array(task_id, member_id)) FROM
     (SELECT task_id, member_id FROM task_assignees WHERE ws_id = $1 AND task_id = $2
      ORDER BY seq)),
  (SELECT json_group_array(json_array(task_id, member_id)) FROM
     (SELECT task_id, member_id FROM task_watchers WHERE ws_id = $1 AND task_id = $2
      ORDER BY created_at, member_id)),
  (SELECT json_group_array(json_array(task_id, tag_id)) FROM
     (SELECT task_id, tag_id FROM task_tags WHERE ws_id = $1 AND task_id = $2 ORDER BY tag_id)),
  (SELECT json_group_array(json_array(parent_id, id)) FROM
     (SELECT parent_id, id FROM tasks WHERE ws_id = $1 AND +is_deleted = 0 AND parent_id = $2
      ORDER BY sub_position, id)),
  (SELECT json_group_array(json_array(id, task_id, member_id, type, is_overtime, day, duration,
                                      created_at)) FROM
     (SELECT id, task_id, member_id, type, is_overtime, day, duration, created_at
      FROM time_entries WHERE ws_id = $1 AND task_id = $2 ORDER BY created_at, id)),
  (SELECT json_group_array(json_array(task_id, id, task_id, deal_id, creator_id, name,
                                      content_type, size, sha256, created_at)) FROM
     (SELECT task_id, id, deal_id, creator_id, name, content_type, size, sha256, created_at
      FROM attachments WHERE ws_id = $1 AND task_id = $2 ORDER BY seq)),
  (SELECT json_group_array(json_array(id, scope, project_id, board_id, funnel_id, name, type,
                                      config)) FROM
     (SELECT f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name, f.type, f.config
      FROM custom_fields f
      WHERE f.ws_id = $1
        AND (f.scope = 'tm'
             OR (f.scope = 'project' AND EXISTS (SELECT 1 FROM task_locations l
                 WHERE l.ws_id = $1 AND l.task_id = $2 AND l.project_id = f.project_id))
             OR (f.scope = 'board' AND EXISTS (SELECT 1 FROM task_locations l
                 WHERE l.ws_id = $1 AND l.task_id = $2 AND l.board_id = f.board_id)))
      ORDER BY CASE f.scope WHEN 'tm' THEN 0 WHEN 'project' THEN 1 ELSE 2 END,
               COALESCE(f.project_id, f.board_id, 0), f.position, f.id)),
  (SELECT json_group_array(json_array(task_id, field_id, value)) FROM custom_field_values
   WHERE +ws_id = $1 AND task_id = $2)
FROM tasks t WHERE t.ws_id = $1 AND t.id = $2
-- name: task_insert
INSERT INTO tasks (ws_id, parent_id, title, description, type, priority, duration, is_private,
                   author_id, start_day, start_sec, due_day, due_sec, created_at, updated_at,
                   sub_position)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15)
RETURNING id
-- name: task_update
UPDATE tasks SET title = $3, type = $4, priority = $5, duration = $6, is_private = $7,
                 start_day = $8, start_sec = $9, due_day = $10, due_sec = $11, updated_at = $12
WHERE ws_id = $1 AND id = $2
-- name: task_set_completed
UPDATE tasks SET is_completed = $3, completed_at = $4, updated_at = $5 WHERE ws_id = $1 AND id = $2
-- name: task_set_deleted
UPDATE tasks SET is_deleted = 1, updated_at = $3 WHERE ws_id = $1 AND id = $2
-- name: task_touch
UPDATE tasks SET updated_at = $3 WHERE ws_id = $1 AND id = $2
-- name: task_set_parent
UPDATE tasks SET parent_id = $3, sub_position = $4, updated_at = $5 WHERE ws_id = $1 AND id = $2
-- A row when task $3 is task $2 or one of its ancestors (a parent that would make a
-- circle). UNION, not UNION ALL: a chain that somehow looped still ends.
-- name: task_is_ancestor
WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM tasks WHERE ws_id = $1 AND id = $2
    UNION
    SELECT t.id, t.parent_id FROM tasks t JOIN up ON t.id = up.parent_id WHERE t.ws_id = $1
)
SELECT id FROM up WHERE id = $3 LIMIT 1
-- A parent's live subtasks in sparse gap keys (model/order.c GAP_SUBTASKS): the parent is
-- $2, the order (sub_position, id); the shapes are those of the column's queries below.
-- name: subtask_first_position
SELECT sub_position FROM tasks
WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0 AND id <> $3
ORDER BY sub_position LIMIT 1
-- name: subtask_last_position
SELECT sub_position FROM tasks
WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0 AND id <> $3
ORDER BY sub_position DESC LIMIT 1
-- name: subtask_next_position
SELECT sub_position FROM tasks
WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0 AND id <> $4 AND sub_position > $3
ORDER BY sub_position LIMIT 1
-- name: subtask_prev_position
SELECT sub_position FROM tasks
WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0 AND id <> $4 AND sub_position < $3
ORDER BY sub_position DESC LIMIT 1
-- name: subtask_position
SELECT sub_position FROM tasks WHERE ws_id = $1 AND parent_id = $2 AND id = $3 AND is_deleted = 0
-- name: subtask_renumber
UPDATE tasks SET sub_position = s.rn * $3
FROM (SELECT id AS sid, row_number() OVER (ORDER BY sub_position, id) - 1 AS rn
      FROM tasks WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0) AS s
WHERE tasks.ws_id = $1 AND tasks.id = s.sid
-- name: subtask_move_all
UPDATE tasks SET parent_id = $3, sub_position = sub_position + $4
WHERE ws_id = $1 AND parent_id = $2 AND is_deleted = 0
-- In the *_for queries a unary + keeps SQLite from looking a column up in an index: with
-- the id list as the outer loop, an equal-looking index on (ws_id, is_deleted) or
-- (ws_id, field_id) would otherwise win and scan the whole workspace once per id.
-- name: task_locations_for
SELECT l.task_id, l.project_id, l.board_id, l.column_id
FROM json_each($2) j CROSS JOIN task_locations l
WHERE l.ws_id = $1 AND l.task_id = j.value
ORDER BY l.task_id, l.seq
-- name: task_assignees_for
SELECT x.task_id, x.member_id FROM json_each($2) j CROSS JOIN task_assignees x
WHERE x.ws_id = $1 AND x.task_id = j.value
ORDER BY x.task_id, x.seq
-- name: task_watchers_for
SELECT x.task_id, x.member_id FROM json_each($2) j CROSS JOIN task_watchers x
WHERE x.ws_id = $1 AND x.task_id = j.value
ORDER BY x.task_id, x.created_at, x.member_id
-- name: task_tags_for
SELECT x.task_id, x.tag_id FROM json_each($2) j CROSS JOIN task_tags x
WHERE x.ws_id = $1 AND x.task_id = j.value
ORDER BY x.task_id, x.tag_id
-- name: task_subtasks_for
SELECT t.parent_id, t.id FROM json_each($2) j CROSS JOIN tasks t
WHERE t.ws_id = $1 AND +t.is_deleted = 0 AND t.parent_id = j.value
ORDER BY t.parent_id, t.sub_position, t.id
-- name: task_tags_clear
DELETE FROM task_tags WHERE ws_id = $1 AND task_id = $2
-- name: task_tag_add
INSERT INTO task_tags (ws_id, task_id, tag_id) VALUES ($1, $2, $3)
ON CONFLICT (task_id, tag_id) DO NOTHING
-- name: task_assignee_add
INSERT INTO task_assignees (ws_id, task_id, member_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM task_assignees WHERE ws_id = $1 AND task_id = $2))
ON CONFLICT (task_id, member_id) DO NOTHING
-- name: task_assignee_remove
DELETE FROM task_assignees WHERE ws_id = $1 AND task_id = $2 AND member_id = $3
-- name: task_watcher_add
INSERT INTO task_watchers (ws_id, task_id, member_id, created_at) VALUES ($1, $2, $3, $4)
ON CONFLICT (task_id, member_id) DO NOTHING
-- name: task_watcher_remove
DELETE FROM task_watchers WHERE ws_id = $1 AND task_id = $2 AND member_id = $3
-- Locations. A column's order is over the live tasks in it; positions are rewritten by the
-- model (position.h) in the write transaction.
-- name: task_location_get
SELECT project_id, board_id, column_id FROM task_locations
WHERE ws_id = $1 AND task_id = $2 AND project_id = $3
-- name: task_location_insert
INSERT INTO task_locations (ws_id, task_id, project_id, board_id, column_id, seq, position)
VALUES ($1, $2, $3, $4, $5,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM task_locations WHERE ws_id = $1 AND task_id = $2),
        $6)
-- name: task_location_update
UPDATE task_locations SET board_id = $4, column_id = $5, position = $6
WHERE ws_id = $1 AND task_id = $2 AND project_id = $3
-- name: task_location_make_first
UPDATE task_locations
SET seq = (SELECT MIN(seq) - 1 FROM task_locations WHERE ws_id = $1 AND task_id = $2)
WHERE ws_id = $1 AND task_id = $2 AND project_id = $3
-- name: task_location_delete
DELETE FROM task_locations WHERE ws_id = $1 AND task_id = $2 AND project_id = $3
-- Column positions are sparse keys (model/order.h, GAP_COLUMN_TASKS; these queries have
-- the shape of every sparse kind): the neighbours of a place are found by walking
-- task_locations_column (column_id, position) from it, skipping deleted tasks and the
-- task being placed ($3 / $4).
-- name: column_first_position
SELECT l.position FROM task_locations l JOIN tasks t ON t.id = l.task_id
WHERE l.ws_id = $1 AND l.column_id = $2 AND t.is_deleted = 0 AND l.task_id <> $3
ORDER BY l.position LIMIT 1
-- name: column_last_position
SELECT l.position FROM task_locations l JOIN tasks t ON t.id = l.task_id
WHERE l.ws_id = $1 AND l.column_id = $2 AND t.is_deleted = 0 AND l.task_id <> $3
ORDER BY l.position DESC LIMIT 1
-- name: column_next_position
SELECT l.position FROM task_locations l JOIN tasks t ON t.id = l.task_id
WHERE l.ws_id = $1 AND l.column_id = $2 AND t.is_deleted = 0 AND l.task_id <> $4
  AND l.position > $3
ORDER BY l.position LIMIT 1
-- name: column_prev_position
SELECT l.position FROM task_locations l JOIN tasks t ON t.id = l.task_id
WHERE l.ws_id = $1 AND l.column_id = $2 AND t.is_deleted = 0 AND l.task_id <> $4
  AND l.position < $3
ORDER BY l.position DESC LIMIT 1
-- name: column_task_position
SELECT l.position FROM task_locations l JOIN tasks t ON t.id = l.task_id
WHERE l.ws_id = $1 AND l.column_id = $2 AND l.task_id = $3 AND t.is_deleted = 0
-- name: column_task_set_position
UPDATE task_locations SET position = $4 WHERE ws_id = $1 AND column_id = $2 AND task_id = $3
-- name: column_renumber
UPDATE task_locations SET position = s.rn * $3
FROM (SELECT l.task_id, row_number() OVER (ORDER BY l.position, l.task_id) - 1 AS rn
      FROM task_locations l JOIN tasks t ON t.id = l.task_id
      WHERE l.ws_id = $1 AND l.column_id = $2 AND t.is_deleted = 0) AS s
WHERE task_locations.ws_id = $1 AND task_locations.column_id = $2
  AND task_locations.task_id = s.task_id
-- name: column_move_all
UPDATE task_locations SET column_id = $3, position = position + $4
WHERE ws_id = $1 AND column_id = $2
  AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_locations.task_id AND t.is_deleted = 0)
