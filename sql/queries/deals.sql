-- Deals and their links (docs/internals/crm.md). Deal SELECTs return the columns
-- deal_from_row() reads: id, funnel_id, status_id, title, description, amount, win_status,
-- creator_id, position, created_at, updated_at. Positions are sparse sort keys, unique
-- within a status: a deal goes DEAL_GAP below the first, DEAL_GAP above the last, or halfway
-- between two neighbours, so a move or an insert writes one row; only when two neighbours
-- have no integer left between them is the status renumbered (deal_renumber, one
-- statement). The *_for queries take sets as JSON array text ("[\"a\",\"b\"]"): one
-- statement serves a deal and a page; sql/queries/pg/deals.sql spells json_each for
-- PostgreSQL. The list is assembled from the fragments of deal_list.sql.
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
-- a deal shows its tasks brief (no description): issue 13 item 9, docs/internals/crm.md
SELECT t.id, t.parent_id, t.title, NULL AS description, t.type, t.priority, t.duration, t.is_completed,
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
