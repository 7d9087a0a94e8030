-- PostgreSQL texts of the *_for queries of sql/queries/deals.sql: json_each is
-- SQLite's; here JSON arrays are unnested with jsonb_array_elements_text, as
-- "= ANY (ARRAY(...))": the planner then probes the (ws_id, deal_id, ...) keys with the
-- array instead of hashing a guessed 100-row set against a scan of the whole link table.
-- name: deal_assignees_for
SELECT deal_id, member_id FROM deal_assignees
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_contacts_for
SELECT deal_id, contact_id FROM deal_contacts
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_organizations_for
SELECT deal_id, organization_id FROM deal_organizations
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_tags_for
SELECT deal_id, tag_id FROM deal_tags
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
-- name: deal_tasks_for
-- a deal shows its tasks brief (no description): issue 13 item 9, docs/internals/crm.md
SELECT t.id, t.parent_id, t.title, NULL AS description, t.type, t.priority, t.duration, t.is_completed,
       t.completed_at, t.is_deleted, t.is_private, t.author_id, t.start_day, t.start_sec, t.due_day,
       t.due_sec, t.created_at, t.updated_at, dt.deal_id
FROM deal_tasks dt JOIN tasks t ON t.id = dt.task_id
WHERE dt.ws_id = $1 AND dt.deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb)))) AND t.is_deleted = 0
ORDER BY dt.deal_id, dt.position
