-- cf_values.sql — custom field values of tasks and deals (issue 6) and the read queries of
-- the fields that apply to them. The *_for queries take their owner ids as JSON array text
-- ($2), like task_locations_for. See docs/internals/custom_fields.md "Values (as built)".
-- name: cf_fields_for_tasks
SELECT f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name, f.type, f.config
FROM custom_fields f
WHERE f.ws_id = $1
  AND (f.scope = 'tm'
       OR (f.scope = 'project' AND EXISTS (SELECT 1 FROM json_each($2) j
           CROSS JOIN task_locations l WHERE l.ws_id = $1 AND l.task_id = j.value
           AND l.project_id = f.project_id))
       OR (f.scope = 'board' AND EXISTS (SELECT 1 FROM json_each($2) j
           CROSS JOIN task_locations l WHERE l.ws_id = $1 AND l.task_id = j.value
           AND l.board_id = f.board_id)))
ORDER BY CASE f.scope WHEN 'tm' THEN 0 WHEN 'project' THEN 1 ELSE 2 END,
         COALESCE(f.project_id, f.board_id, 0), f.position, f.id
-- name: cf_fields_for_deals
SELECT f.id, f.scope, f.project_id, f.board_id, f.funnel_id, f.name, f.type, f.config
FROM custom_fields f
WHERE f.ws_id = $1 AND f.scope = 'funnel'
  AND f.funnel_id IN (SELECT d.funnel_id FROM deals d
      WHERE d.ws_id = $1 AND d.id IN (SELECT value FROM json_each($2)))
ORDER BY f.funnel_id, f.position, f.id
-- name: cf_options_for
SELECT o.field_id, o.id, o.name, o.color FROM json_each($2) j CROSS JOIN custom_field_options o
WHERE o.ws_id = $1 AND o.field_id = j.value
ORDER BY o.field_id, o.position
-- name: cf_values_for_tasks
SELECT v.task_id, v.field_id, v.value FROM json_each($2) j CROSS JOIN custom_field_values v
WHERE +v.ws_id = $1 AND v.task_id = j.value
ORDER BY v.task_id
-- name: cf_values_for_deals
SELECT v.deal_id, v.field_id, v.value FROM json_each($2) j CROSS JOIN custom_field_values v
WHERE v.ws_id = $1 AND v.deal_id = j.value
ORDER BY v.deal_id
-- name: cf_value_task_clear
DELETE FROM custom_field_values WHERE ws_id = $1 AND task_id = $2 AND field_id = $3
-- name: cf_value_task_put
INSERT INTO custom_field_values (ws_id, field_id, task_id, value) VALUES ($1, $3, $2, $4)
-- name: cf_value_deal_clear
DELETE FROM custom_field_values WHERE ws_id = $1 AND deal_id = $2 AND field_id = $3
-- name: cf_value_deal_put
INSERT INTO custom_field_values (ws_id, field_id, deal_id, value) VALUES ($1, $3, $2, $4)
-- The bytes of every value a task (deal) holds, applying or not (a value kept for a field
-- that stopped applying shows again when it applies): the CF_VALUES_BYTES_MAX cap. SQLite's
-- length() counts characters of text, so the value is measured as a blob.
-- name: cf_value_bytes_task
SELECT COALESCE(SUM(LENGTH(CAST(value AS BLOB))), 0) FROM custom_field_values
WHERE ws_id = $1 AND task_id = $2
-- name: cf_value_bytes_deal
SELECT COALESCE(SUM(LENGTH(CAST(value AS BLOB))), 0) FROM custom_field_values
WHERE ws_id = $1 AND deal_id = $2
