-- Attachments (docs/internals/tasks.md "Attachments"). Metadata SELECTs return the columns
-- of ATTACHMENT_COLUMNS in src/model/attachment.h, in that order (attachment_from_row;
-- the *_for lists put the owner id in front);
-- only attachment_content reads the bytes. An attachment belongs to a task (task_id) or a
-- deal (deal_id); the *_for queries take the owners' ids as a JSON array text in $2, as
-- the task queries do, and sql/queries/pg/attachments.sql spells them for PostgreSQL.
-- name: attachment_insert
INSERT INTO attachments (id, ws_id, task_id, deal_id, seq, creator_id, name, content_type, size,
                         sha256, created_at, content)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq) + 1, 0) FROM attachments
         WHERE ws_id = $2 AND (task_id = $3 OR deal_id = $4)),
        $5, $6, $7, $8, $9, $10, $11)
-- name: attachment_get
SELECT id, task_id, deal_id, creator_id, name, content_type, size, sha256, created_at
FROM attachments WHERE ws_id = $1 AND id = $2
-- name: attachment_content
SELECT name, content_type, size, content FROM attachments WHERE ws_id = $1 AND id = $2
-- name: attachment_list_for_tasks
SELECT f.task_id, f.id, f.task_id, f.deal_id, f.creator_id, f.name, f.content_type, f.size,
       f.sha256, f.created_at
FROM json_each($2) j CROSS JOIN attachments f
WHERE f.ws_id = $1 AND f.task_id = j.value
ORDER BY f.task_id, f.seq
-- name: attachment_list_for_deals
SELECT f.deal_id, f.id, f.task_id, f.deal_id, f.creator_id, f.name, f.content_type, f.size,
       f.sha256, f.created_at
FROM json_each($2) j CROSS JOIN attachments f
WHERE f.ws_id = $1 AND f.deal_id = j.value
ORDER BY f.deal_id, f.seq
