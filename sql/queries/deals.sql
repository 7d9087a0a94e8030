-- Deals and their links (docs/internals/crm.md). Deal SELECTs return the columns
-- deal_from_row() reads: id, funnel_id, status_id, title, description, amount, win_status,
-- creator_id, position, created_at, updated_at. Positions are sparse sort keys, unique
-- within a status: a deal goes DEAL_GAP below the first, DEAL_GAP above the last, or halfway
-- between two neighbours, so a move or an insert writes one row; only when two neighbours
-- have no integer left between them is the status renumbered (deal_renumber, one statement). The *_for queries and the list
-- filters take sets as JSON array text ("[\"a\",\"b\"]"): one statement serves a deal and a
-- page; sql/queries/pg/deals.sql spells json_each for PostgreSQL. Optional filters are
-- "CAST($n AS type) IS NULL OR ..." (PostgreSQL must know the type of a parameter tested
-- only for NULL). The list has two shapes: the board order (index deals_status serves the
-- order and the paging; positions are unique within a status, so no tie-breaker that
-- would make SQLite sort) and a sort key, whose CASE terms are NULL for every other key.
-- name: deal_list
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status, d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d
WHERE d.ws_id = $1 AND d.status_id = $2
  AND (CAST($3 AS TEXT) IS NULL
       OR lower(COALESCE(d.title, '')) LIKE '%' || $3 || '%' ESCAPE '!'
       OR lower(COALESCE(d.description, '')) LIKE '%' || $3 || '%' ESCAPE '!')
  AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_assignees x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.member_id IN (SELECT value FROM json_each($4))))
  AND (CAST($5 AS TEXT) IS NULL OR d.win_status IN (SELECT value FROM json_each($5)))
  AND (CAST($6 AS BIGINT) IS NULL OR d.updated_at >= $6)
  AND (CAST($7 AS BIGINT) IS NULL OR d.updated_at < $7)
  AND (CAST($8 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_tags x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.tag_id IN (SELECT value FROM json_each($8))))
  AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_organizations x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.organization_id IN (SELECT value FROM json_each($9))))
  AND (CAST($10 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_contacts x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.contact_id IN (SELECT value FROM json_each($10))))
  AND (CAST($13 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM json_each($13) p
       WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv, json_each(cv.value) j
           WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
             AND cv.field_id = json_extract(p.value, '$.f') AND j.value = json_extract(p.value, '$.v'))))
ORDER BY d.position
LIMIT $11 OFFSET $12
-- name: deal_list_sorted
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status, d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d
WHERE d.ws_id = $1 AND d.status_id = $2
  AND (CAST($3 AS TEXT) IS NULL
       OR lower(COALESCE(d.title, '')) LIKE '%' || $3 || '%' ESCAPE '!'
       OR lower(COALESCE(d.description, '')) LIKE '%' || $3 || '%' ESCAPE '!')
  AND (CAST($4 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_assignees x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.member_id IN (SELECT value FROM json_each($4))))
  AND (CAST($5 AS TEXT) IS NULL OR d.win_status IN (SELECT value FROM json_each($5)))
  AND (CAST($6 AS BIGINT) IS NULL OR d.updated_at >= $6)
  AND (CAST($7 AS BIGINT) IS NULL OR d.updated_at < $7)
  AND (CAST($8 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_tags x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.tag_id IN (SELECT value FROM json_each($8))))
  AND (CAST($9 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_organizations x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.organization_id IN (SELECT value FROM json_each($9))))
  AND (CAST($10 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM deal_contacts x
       WHERE x.ws_id = d.ws_id AND x.deal_id = d.id AND x.contact_id IN (SELECT value FROM json_each($10))))
  AND (CAST($14 AS TEXT) IS NULL OR NOT EXISTS (SELECT 1 FROM json_each($14) p
       WHERE NOT EXISTS (SELECT 1 FROM custom_field_values cv, json_each(cv.value) j
           WHERE cv.ws_id = d.ws_id AND cv.deal_id = d.id
             AND cv.field_id = json_extract(p.value, '$.f') AND j.value = json_extract(p.value, '$.v'))))
ORDER BY CASE WHEN CAST($13 AS TEXT) = 'title' THEN d.title END ASC NULLS LAST,
         CASE WHEN $13 = '-title' THEN d.title END DESC NULLS LAST,
         CASE WHEN $13 = 'amount' THEN d.amount END ASC NULLS LAST,
         CASE WHEN $13 = '-amount' THEN d.amount END DESC NULLS LAST,
         CASE WHEN $13 = 'createdAt' THEN d.created_at END ASC,
         CASE WHEN $13 = '-createdAt' THEN d.created_at END DESC,
         CASE WHEN $13 = 'updatedAt' THEN d.updated_at END ASC,
         CASE WHEN $13 = '-updatedAt' THEN d.updated_at END DESC,
         d.position, d.id
LIMIT $11 OFFSET $12
-- name: deal_assignees_for
SELECT x.deal_id, x.member_id FROM json_each($2) j CROSS JOIN deal_assignees x
WHERE x.ws_id = $1 AND x.deal_id = j.value
ORDER BY x.deal_id, x.seq
-- name: deal_contacts_for
SELECT x.deal_id, x.contact_id FROM json_each($2) j CROSS JOIN deal_contacts x
WHERE x.ws_id = $1 AND x.deal_id = j.value
ORDER BY x.deal_id, x.seq
-- name: deal_organizations_for
SELECT x.deal_id, x.organization_id FROM json_each($2) j CROSS JOIN deal_organizations x
WHERE x.ws_id = $1 AND x.deal_id = j.value
ORDER BY x.deal_id, x.seq
-- name: deal_tags_for
SELECT x.deal_id, x.tag_id FROM json_each($2) j CROSS JOIN deal_tags x
WHERE x.ws_id = $1 AND x.deal_id = j.value
ORDER BY x.deal_id, x.seq
-- name: deal_tasks_for
SELECT t.id, t.parent_id, t.title, t.description, t.type, t.priority, t.duration, t.is_completed,
       t.completed_at, t.is_deleted, t.is_private, t.author_id, t.start_day, t.start_sec, t.due_day,
       t.due_sec, t.created_at, t.updated_at, dt.deal_id
FROM json_each($2) j CROSS JOIN deal_tasks dt JOIN tasks t ON t.id = dt.task_id
WHERE dt.ws_id = $1 AND dt.deal_id = j.value AND t.is_deleted = 0
ORDER BY dt.deal_id, dt.position
-- name: deal_get
SELECT d.id, d.funnel_id, d.status_id, d.title, d.description, d.amount, d.win_status,
       d.creator_id, d.position, d.created_at, d.updated_at
FROM deals d WHERE d.ws_id = $1 AND d.id = $2
-- name: deal_insert
INSERT INTO deals (ws_id, id, funnel_id, status_id, title, description, amount, win_status,
                   creator_id, position, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
ON CONFLICT (ws_id, id) DO NOTHING
RETURNING id
-- name: deal_update
UPDATE deals SET title = $3, description = $4, amount = $5, win_status = $6, updated_at = $7
WHERE ws_id = $1 AND id = $2
-- name: deal_touch
UPDATE deals SET updated_at = $3 WHERE ws_id = $1 AND id = $2
-- name: deal_place
UPDATE deals SET funnel_id = $3, status_id = $4, position = $5, updated_at = $6
WHERE ws_id = $1 AND id = $2
-- A status's deals are a sparse order (model/order.h, GAP_STATUS_DEALS): these queries
-- have the shape of every sparse kind.
-- name: deal_first_position
SELECT MIN(position) FROM deals WHERE ws_id = $1 AND status_id = $2 AND id <> $3
-- name: deal_last_position
SELECT MAX(position) FROM deals WHERE ws_id = $1 AND status_id = $2 AND id <> $3
-- name: deal_next_position
SELECT MIN(position) FROM deals
WHERE ws_id = $1 AND status_id = $2 AND position > $3 AND id <> $4
-- name: deal_prev_position
SELECT MAX(position) FROM deals
WHERE ws_id = $1 AND status_id = $2 AND position < $3 AND id <> $4
-- name: deal_position
SELECT position FROM deals WHERE ws_id = $1 AND status_id = $2 AND id = $3
-- name: deal_renumber
UPDATE deals SET position = s.rn * $3
FROM (SELECT id, row_number() OVER (ORDER BY position, id) - 1 AS rn FROM deals
      WHERE ws_id = $1 AND status_id = $2) AS s
WHERE deals.ws_id = $1 AND deals.id = s.id
-- name: deal_move_all
UPDATE deals SET status_id = $3, position = position + $4 WHERE ws_id = $1 AND status_id = $2
-- name: deal_delete
DELETE FROM deals WHERE ws_id = $1 AND id = $2
-- name: deal_assignee_add
INSERT INTO deal_assignees (ws_id, deal_id, member_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM deal_assignees WHERE ws_id = $1 AND deal_id = $2))
ON CONFLICT (ws_id, deal_id, member_id) DO NOTHING
-- name: deal_assignee_remove
DELETE FROM deal_assignees WHERE ws_id = $1 AND deal_id = $2 AND member_id = $3
-- name: deal_assignees_clear
DELETE FROM deal_assignees WHERE ws_id = $1 AND deal_id = $2
-- name: deal_contact_add
INSERT INTO deal_contacts (ws_id, deal_id, contact_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM deal_contacts WHERE ws_id = $1 AND deal_id = $2))
ON CONFLICT (ws_id, deal_id, contact_id) DO NOTHING
-- name: deal_contact_remove
DELETE FROM deal_contacts WHERE ws_id = $1 AND deal_id = $2 AND contact_id = $3
-- name: deal_contacts_clear
DELETE FROM deal_contacts WHERE ws_id = $1 AND deal_id = $2
-- name: deal_organization_add
INSERT INTO deal_organizations (ws_id, deal_id, organization_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM deal_organizations WHERE ws_id = $1 AND deal_id = $2))
ON CONFLICT (ws_id, deal_id, organization_id) DO NOTHING
-- name: deal_organization_remove
DELETE FROM deal_organizations WHERE ws_id = $1 AND deal_id = $2 AND organization_id = $3
-- name: deal_organizations_clear
DELETE FROM deal_organizations WHERE ws_id = $1 AND deal_id = $2
-- name: deal_tag_add
INSERT INTO deal_tags (ws_id, deal_id, tag_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM deal_tags WHERE ws_id = $1 AND deal_id = $2))
ON CONFLICT (ws_id, deal_id, tag_id) DO NOTHING
-- name: deal_tag_remove
DELETE FROM deal_tags WHERE ws_id = $1 AND deal_id = $2 AND tag_id = $3
-- name: deal_tags_clear
DELETE FROM deal_tags WHERE ws_id = $1 AND deal_id = $2
-- name: deal_task_order
SELECT dt.task_id, dt.position FROM deal_tasks dt JOIN tasks t ON t.id = dt.task_id
WHERE dt.ws_id = $1 AND dt.deal_id = $2 AND t.is_deleted = 0
ORDER BY dt.position, dt.task_id
-- name: deal_task_add
INSERT INTO deal_tasks (ws_id, deal_id, task_id, position)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(position) + 1, 0) FROM deal_tasks WHERE ws_id = $1 AND deal_id = $2))
ON CONFLICT (ws_id, deal_id, task_id) DO NOTHING
-- name: deal_task_set_position
UPDATE deal_tasks SET position = $4 WHERE ws_id = $1 AND deal_id = $2 AND task_id = $3
-- name: deal_task_remove
DELETE FROM deal_tasks WHERE ws_id = $1 AND deal_id = $2 AND task_id = $3
-- name: organization_ref
SELECT 1 FROM organizations WHERE ws_id = $1 AND id = $2
-- name: contact_ref
SELECT 1 FROM contacts WHERE ws_id = $1 AND id = $2
