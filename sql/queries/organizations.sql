-- CRM organizations (sql/schema/0005_crm_contacts.sql). Every organization SELECT returns
-- the columns organization_from_row() expects: id, name, creator_id, created_at, updated_at.
-- The list is assembled from the fragments of organization_list.sql.
-- name: organization_get
SELECT id, name, creator_id, created_at, updated_at FROM organizations
WHERE ws_id = $1 AND id = $2
-- name: organization_insert
INSERT INTO organizations (ws_id, id, name, creator_id, seq, created_at, updated_at)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organizations WHERE ws_id = $1), $5, $5)
-- name: organization_update
UPDATE organizations SET name = $3, updated_at = $4 WHERE ws_id = $1 AND id = $2
-- name: organization_touch
UPDATE organizations SET updated_at = $3 WHERE ws_id = $1 AND id = $2
-- name: organization_delete
DELETE FROM organizations WHERE ws_id = $1 AND id = $2
-- Everything an organization carries, in one round trip: kind ('a' address, 'c' contact,
-- 'e' email, 'p' phone, 'r' responsible, 't' tag), id, text value, integer value, in order.
-- name: organization_related
SELECT 'a' AS kind, id, address AS value, CAST(NULL AS BIGINT) AS num, seq
FROM organization_addresses WHERE ws_id = $1 AND organization_id = $2
UNION ALL
SELECT 'c', contact_id, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), seq
FROM organization_contacts WHERE ws_id = $1 AND organization_id = $2
UNION ALL
SELECT 'e', id, email, CAST(NULL AS BIGINT), seq
FROM organization_emails WHERE ws_id = $1 AND organization_id = $2
UNION ALL
SELECT 'p', id, phone, CAST(NULL AS BIGINT), seq
FROM organization_phones WHERE ws_id = $1 AND organization_id = $2
UNION ALL
SELECT 'r', member_id, CAST(NULL AS TEXT), CAST(NULL AS BIGINT), seq
FROM organization_responsibles WHERE ws_id = $1 AND organization_id = $2
UNION ALL
SELECT 't', CAST(NULL AS TEXT), CAST(NULL AS TEXT), tag_id, seq
FROM organization_tags WHERE ws_id = $1 AND organization_id = $2
ORDER BY 1, 5
-- name: organization_responsibles_clear
DELETE FROM organization_responsibles WHERE ws_id = $1 AND organization_id = $2
-- name: organization_responsible_add
INSERT INTO organization_responsibles (ws_id, organization_id, member_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_responsibles
         WHERE ws_id = $1 AND organization_id = $2))
ON CONFLICT DO NOTHING
-- name: organization_tags_clear
DELETE FROM organization_tags WHERE ws_id = $1 AND organization_id = $2
-- name: organization_tag_add
INSERT INTO organization_tags (ws_id, organization_id, tag_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_tags
         WHERE ws_id = $1 AND organization_id = $2))
ON CONFLICT DO NOTHING
-- name: organization_tag_remove
DELETE FROM organization_tags WHERE ws_id = $1 AND organization_id = $2 AND tag_id = $3
-- The organization <-> contact link; seq counts links per workspace, so both sides list
-- them in the order they were made.
-- name: organization_contact_add
INSERT INTO organization_contacts (ws_id, organization_id, contact_id, seq)
VALUES ($1, $2, $3,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_contacts WHERE ws_id = $1))
ON CONFLICT DO NOTHING
-- name: organization_contact_remove
DELETE FROM organization_contacts WHERE ws_id = $1 AND organization_id = $2 AND contact_id = $3
-- name: organization_contacts_clear
DELETE FROM organization_contacts WHERE ws_id = $1 AND organization_id = $2
-- Addresses, emails and phones: $1 ws, then id / owner / value as each statement says.
-- name: organization_address_insert
INSERT INTO organization_addresses (ws_id, id, organization_id, address, seq)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_addresses
         WHERE ws_id = $1 AND organization_id = $3))
-- name: organization_address_update
UPDATE organization_addresses SET address = $4 WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_address_delete
DELETE FROM organization_addresses WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_addresses_clear
DELETE FROM organization_addresses WHERE ws_id = $1 AND organization_id = $2
-- name: organization_email_insert
INSERT INTO organization_emails (ws_id, id, organization_id, email, seq)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_emails
         WHERE ws_id = $1 AND organization_id = $3))
-- name: organization_email_update
UPDATE organization_emails SET email = $4 WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_email_delete
DELETE FROM organization_emails WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_emails_clear
DELETE FROM organization_emails WHERE ws_id = $1 AND organization_id = $2
-- name: organization_phone_insert
INSERT INTO organization_phones (ws_id, id, organization_id, phone, seq)
VALUES ($1, $2, $3, $4,
        (SELECT COALESCE(MAX(seq), 0) + 1 FROM organization_phones
         WHERE ws_id = $1 AND organization_id = $3))
-- name: organization_phone_update
UPDATE organization_phones SET phone = $4 WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_phone_delete
DELETE FROM organization_phones WHERE ws_id = $1 AND organization_id = $2 AND id = $3
-- name: organization_phones_clear
DELETE FROM organization_phones WHERE ws_id = $1 AND organization_id = $2
