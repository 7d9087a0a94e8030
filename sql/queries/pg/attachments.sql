-- PostgreSQL texts of the *_for queries of sql/queries/attachments.sql (json_each is
-- SQLite's).
-- name: attachment_list_for_tasks
SELECT task_id, id, task_id, deal_id, creator_id, name, content_type, size, sha256, created_at
FROM attachments
WHERE ws_id = $1 AND task_id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY task_id, seq
-- name: attachment_list_for_deals
SELECT deal_id, id, task_id, deal_id, creator_id, name, content_type, size, sha256, created_at
FROM attachments
WHERE ws_id = $1 AND deal_id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
ORDER BY deal_id, seq
