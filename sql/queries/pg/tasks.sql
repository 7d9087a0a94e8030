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
-- task_get_full of sql/queries/tasks.sql: each relation's rows as json_agg of one
-- json_build_array per row, in that *_for query's columns, ordered by the aggregate's ORDER
-- BY. No rows: NULL, which decodes as none. (json_agg of the whole row, an object per row,
-- cost the server ~10% more and weeekd the keys' decoding.)
-- name: task_get_full
SELECT t.id, t.parent_id, t.title, t.description, t.type, t.priority, t.duration,
       t.is_completed, t.completed_at, t.is_deleted, t.is_private, t.author_id, t.start_day,
       t.start_sec, t.due_day, t.due_sec, t.created_at, t.updated_at,
  (SELECT json_agg(json_build_array(task_id, project_id, board_id, column_id) ORDER BY seq)
   FROM task_locations WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(task_id, member_id) ORDER BY seq)
   FROM task_assignees WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(task_id, member_id) ORDER BY created_at, member_id)
   FROM task_watchers WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(task_id, tag_id) ORDER BY tag_id)
   FROM task_tags WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(parent_id, id) ORDER BY sub_position, id)
   FROM tasks WHERE ws_id = $1 AND is_deleted = 0 AND parent_id = $2),
  (SELECT json_agg(json_build_array(id, task_id, member_id, type, is_overtime, day, duration,
                                    created_at) ORDER BY created_at, id)
   FROM time_entries WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(task_id, id, task_id, deal_id, creator_id, name,
                                    content_type, size, sha256, created_at) ORDER BY seq)
   FROM attachments WHERE ws_id = $1 AND task_id = $2),
  (SELECT json_agg(json_build_array(f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name,
                                    f.type, f.config)
                   ORDER BY CASE f.scope WHEN 'tm' THEN 0 WHEN 'project' THEN 1 ELSE 2 END,
                            COALESCE(f.project_id, f.board_id, 0), f.position, f.id)
   FROM custom_fields f
   WHERE f.ws_id = $1
     AND (f.scope = 'tm'
          OR (f.scope = 'project' AND f.project_id IN (SELECT l.project_id FROM task_locations l
              WHERE l.ws_id = $1 AND l.task_id = $2))
          OR (f.scope = 'board' AND f.board_id IN (SELECT l.board_id FROM task_locations l
              WHERE l.ws_id = $1 AND l.task_id = $2)))),
  (SELECT json_agg(json_build_array(task_id, field_id, value))
   FROM custom_field_values WHERE ws_id = $1 AND task_id = $2)
FROM tasks t WHERE t.ws_id = $1 AND t.id = $2
