-- PostgreSQL texts of sql/queries/refs.sql: the JSON array unnested into an array the
-- primary key is probed with (= ANY), as sql/queries/pg/deals.sql does.
-- name: ref_tags
SELECT id FROM tags WHERE ws_id = $1
  AND id = ANY (ARRAY(SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
-- name: ref_members
SELECT id FROM members WHERE ws_id = $1
  AND id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
-- name: ref_contacts
SELECT id FROM contacts WHERE ws_id = $1
  AND id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
-- name: ref_organizations
SELECT id FROM organizations WHERE ws_id = $1
  AND id = ANY (ARRAY(SELECT value FROM jsonb_array_elements_text(CAST($2 AS jsonb))))
