-- Custom fields, their options and the value clean-up their changes need
-- (docs/internals/custom_fields.md). Field SELECTs return the columns cf_from_row() reads:
-- id, scope, project_id, board_id, funnel_id, name, type, config, position; option SELECTs
-- those of option_from_row(): id, field_id, name, color, position. An owner is matched as
-- (scope, COALESCE(project_id, 0), COALESCE(board_id, 0), COALESCE(funnel_id, '')), so one
-- query serves the four scopes (the unused owner ids are passed as 0 / ''). Positions are
-- dense per owner (fields) and per field (options), rewritten by the model inside one write
-- transaction. Owner keys used to find an append position are passed separately (0 / '')
-- from the nullable owner columns, so PostgreSQL deduces one type per parameter.
-- name: cf_get
SELECT id, scope, project_id, board_id, funnel_id, name, type, config, position
FROM custom_fields WHERE ws_id = $1 AND id = $2
-- name: cf_list
SELECT id, scope, project_id, board_id, funnel_id, name, type, config, position
FROM custom_fields
WHERE ws_id = $1 AND scope = $2 AND COALESCE(project_id, 0) = $3 AND COALESCE(board_id, 0) = $4
  AND COALESCE(funnel_id, '') = $5
ORDER BY position, id
-- name: cf_list_options
SELECT o.id, o.field_id, o.name, o.color, o.position
FROM custom_field_options o
JOIN custom_fields f ON f.ws_id = o.ws_id AND f.id = o.field_id
WHERE f.ws_id = $1 AND f.scope = $2 AND COALESCE(f.project_id, 0) = $3
  AND COALESCE(f.board_id, 0) = $4 AND COALESCE(f.funnel_id, '') = $5
ORDER BY f.position, f.id, o.position, o.id
-- The fields a workspace's tasks can show: the global, project and board ones together
-- (custom_field_count: CF_FIELDS_MAX counts them per workspace).
-- name: cf_count_tm
SELECT COUNT(*) FROM custom_fields WHERE ws_id = $1 AND scope <> 'funnel'
-- The fields of one owner, matched as cf_list does (CF_FIELDS_MAX counts a funnel's alone).
-- name: cf_count_owner
SELECT COUNT(*) FROM custom_fields
WHERE ws_id = $1 AND scope = $2 AND COALESCE(project_id, 0) = $3 AND COALESCE(board_id, 0) = $4
  AND COALESCE(funnel_id, '') = $5
-- name: cf_order
SELECT id, position FROM custom_fields
WHERE ws_id = $1 AND scope = $2 AND COALESCE(project_id, 0) = $3 AND COALESCE(board_id, 0) = $4
  AND COALESCE(funnel_id, '') = $5
ORDER BY position, id
-- name: cf_insert
INSERT INTO custom_fields (ws_id, id, scope, project_id, board_id, funnel_id, name, type, config,
                           position, created_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM custom_fields
         WHERE ws_id = $1 AND scope = $3 AND COALESCE(project_id, 0) = $11
           AND COALESCE(board_id, 0) = $12 AND COALESCE(funnel_id, '') = $13),
        $10)
-- name: cf_update
UPDATE custom_fields SET name = $3, config = $4 WHERE ws_id = $1 AND id = $2
-- name: cf_set_owner
UPDATE custom_fields SET scope = $3, project_id = $4, board_id = $5, funnel_id = $6,
       position = (SELECT COALESCE(MAX(f.position) + 1, 0) FROM custom_fields f
                   WHERE f.ws_id = $1 AND f.scope = $3 AND COALESCE(f.project_id, 0) = $7
                     AND COALESCE(f.board_id, 0) = $8 AND COALESCE(f.funnel_id, '') = $9)
WHERE ws_id = $1 AND id = $2
-- name: cf_set_position
UPDATE custom_fields SET position = $7
WHERE ws_id = $1 AND scope = $2 AND COALESCE(project_id, 0) = $3 AND COALESCE(board_id, 0) = $4
  AND COALESCE(funnel_id, '') = $5 AND id = $6
-- name: cf_delete
DELETE FROM custom_fields WHERE ws_id = $1 AND id = $2
-- name: cf_option_get
SELECT id, field_id, name, color, position FROM custom_field_options
WHERE ws_id = $1 AND id = $2
-- name: cf_option_list
SELECT id, field_id, name, color, position FROM custom_field_options
WHERE ws_id = $1 AND field_id = $2 ORDER BY position, id
-- name: cf_option_order
SELECT id, position FROM custom_field_options WHERE ws_id = $1 AND field_id = $2
ORDER BY position, id
-- name: cf_option_insert
INSERT INTO custom_field_options (ws_id, id, field_id, name, color, position)
VALUES ($1, $2, $3, $4, $5,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM custom_field_options
         WHERE ws_id = $1 AND field_id = $3))
-- name: cf_option_update
UPDATE custom_field_options SET name = $3, color = $4 WHERE ws_id = $1 AND id = $2
-- name: cf_option_set_position
UPDATE custom_field_options SET position = $4 WHERE ws_id = $1 AND field_id = $2 AND id = $3
-- name: cf_option_delete
DELETE FROM custom_field_options WHERE ws_id = $1 AND id = $2
-- name: cf_values_delete_equal
DELETE FROM custom_field_values WHERE ws_id = $1 AND field_id = $2 AND value = $3
-- A deleted contact leaves no contact-type value naming it (on tasks or deals); the value
-- of a contact field is the JSON string of the contact's id.
-- name: cf_values_delete_contact
DELETE FROM custom_field_values WHERE ws_id = $1 AND value = $2
AND field_id IN (SELECT id FROM custom_fields WHERE ws_id = $1 AND type = 'contact')
-- name: cf_values_containing
SELECT task_id, deal_id, value FROM custom_field_values
WHERE ws_id = $1 AND field_id = $2 AND value LIKE '%' || $3 || '%'
-- name: cf_value_set_task
UPDATE custom_field_values SET value = $4 WHERE ws_id = $1 AND field_id = $2 AND task_id = $3
-- name: cf_value_set_deal
UPDATE custom_field_values SET value = $4 WHERE ws_id = $1 AND field_id = $2 AND deal_id = $3
-- name: cf_value_delete_task
DELETE FROM custom_field_values WHERE ws_id = $1 AND field_id = $2 AND task_id = $3
-- name: cf_value_delete_deal
DELETE FROM custom_field_values WHERE ws_id = $1 AND field_id = $2 AND deal_id = $3
