-- CRM contacts (sql/schema/0005_crm_contacts.sql). Every contact SELECT returns the
-- columns contact_from_row() expects: id, first_name, last_name, middle_name, creator_id,
-- created_at, updated_at. The list is assembled from the fragments of contact_list.sql.
-- name: contact_get
SELECT id, first_name, last_name, middle_name, creator_id, created_at, updated_at
FROM contacts WHERE ws_id = $1 AND id = $2
-- name: contact_insert
INSERT INTO contacts (ws_id, id, first_name, last_name, middle_name, creator_id, seq,
                      created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM contacts WHERE ws_id = $1), $7, $7)
-- name: contact_update
UPDATE contacts SET first_name = $3, last_name = $4, middle_name = $5, updated_at = $6
WHERE ws_id = $1 AND id = $2
-- name: contact_touch
UPDATE contacts SET updated_at = $3 WHERE ws_id = $1 AND id = $2
-- name: contact_delete
DELETE FROM contacts WHERE ws_id = $1 AND id = $2
-- Everything a contact carries: kind ('e' email, 'o' organization, 'p' phone, 't' tag),
-- id, text value, integer value, in order.
-- name: contact_related
SELECT 'e' AS kind, id, email AS value, CAST(NULL AS BIGINT) AS num, seq
FROM contact_emails WHERE ws_id = $1 AND contact_id = $2
UNION ALL
SELECT 'o', organization_id, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), seq
FROM organization_contacts WHERE ws_id = $1 AND contact_id = $2
UNION ALL
SELECT 'p', id, phone, CAST(NULL AS BIGINT), seq
FROM contact_phones WHERE ws_id = $1 AND contact_id = $2
UNION ALL
SELECT 't', CAST(NULL AS TEXT), CAST(NULL AS TEXT), tag_id, seq
FROM contact_tags WHERE ws_id = $1 AND contact_id = $2
ORDER BY 1, 5
-- name: contact_organizations_clear
DELETE FROM organization_contacts WHERE ws_id = $1 AND contact_id = $2
-- name: contact_tags_clear
DELETE FROM contact_tags WHERE ws_id = $1 AND contact_id = $2
-- name: contact_tag_add
INSERT INTO contact_tags (ws_id, contact_id, tag_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM contact_tags WHERE ws_id = $1 AND contact_id = $2))
ON CONFLICT DO NOTHING
-- name: contact_tag_remove
DELETE FROM contact_tags WHERE ws_id = $1 AND contact_id = $2 AND tag_id = $3
-- name: contact_email_insert
INSERT INTO contact_emails (ws_id, id, contact_id, email, seq)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM contact_emails WHERE ws_id = $1 AND contact_id = $3))
-- name: contact_email_update
UPDATE contact_emails SET email = $4 WHERE ws_id = $1 AND contact_id = $2 AND id = $3
-- name: contact_email_delete
DELETE FROM contact_emails WHERE ws_id = $1 AND contact_id = $2 AND id = $3
-- name: contact_emails_clear
DELETE FROM contact_emails WHERE ws_id = $1 AND contact_id = $2
-- name: contact_phone_insert
INSERT INTO contact_phones (ws_id, id, contact_id, phone, seq)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM contact_phones WHERE ws_id = $1 AND contact_id = $3))
-- name: contact_phone_update
UPDATE contact_phones SET phone = $4 WHERE ws_id = $1 AND contact_id = $2 AND id = $3
-- name: contact_phone_delete
DELETE FROM contact_phones WHERE ws_id = $1 AND contact_id = $2 AND id = $3
-- name: contact_phones_clear
DELETE FROM contact_phones WHERE ws_id = $1 AND contact_id = $2
