-- pg/cf_values.sql — PostgreSQL forms of the cf_values.sql queries that read JSON arrays.
-- name: cf_fields_for_tasks
SELECT f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name, f.type, f.config
FROM custom_fields f
WHERE f.ws_id = $1
  AND (f.scope = 'tm'
       OR (f.scope = 'project' AND f.project_id IN (SELECT l.project_id FROM task_locations l
           WHERE l.ws_id = $1 AND l.task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))))
       OR (f.scope = 'board' AND f.board_id IN (SELECT l.board_id FROM task_locations l
           WHERE l.ws_id = $1 AND l.task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb)))))))
ORDER BY CASE f.scope WHEN 'tm' THEN 0 WHEN 'project' THEN 1 ELSE 2 END,
         COALESCE(f.project_id, f.board_id, 0), f.position, f.id
-- name: cf_fields_for_deals
SELECT f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name, f.type, f.config
FROM custom_fields f
WHERE f.ws_id = $1 AND f.scope = 'funnel'
  AND f.funnel_id IN (SELECT d.funnel_id FROM deals d
      WHERE d.ws_id = $1 AND d.id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb)))))
ORDER BY f.funnel_id, f.position, f.id
-- name: cf_options_for
SELECT field_id, id, name, color FROM custom_field_options
WHERE ws_id = $1 AND field_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY field_id, position
-- name: cf_values_for_tasks
SELECT task_id, field_id, value FROM custom_field_values
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id
-- name: cf_values_for_deals
SELECT deal_id, field_id, value FROM custom_field_values
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id
-- name: cf_value_bytes_task
SELECT COALESCE(SUM(octet_length(value)), 0) FROM custom_field_values
WHERE ws_id = $1 AND task_id = $2
-- name: cf_value_bytes_deal
SELECT COALESCE(SUM(octet_length(value)), 0) FROM custom_field_values
WHERE ws_id = $1 AND deal_id = $2
