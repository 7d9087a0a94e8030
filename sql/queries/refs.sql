-- refs.sql — which of a JSON array of ids ($2) name an object of workspace $1, one query per
-- kind for all the ids a request sends (model/ref.c); each answers the ids that exist.
-- sql/queries/pg/refs.sql spells the same for PostgreSQL with = ANY.
-- name: ref_tags
SELECT id FROM tags WHERE ws_id = $1 AND id IN (SELECT value FROM json_each($2))
-- name: ref_members
SELECT id FROM members WHERE ws_id = $1 AND id IN (SELECT value FROM json_each($2))
-- name: ref_contacts
SELECT id FROM contacts WHERE ws_id = $1 AND id IN (SELECT value FROM json_each($2))
-- name: ref_organizations
SELECT id FROM organizations WHERE ws_id = $1 AND id IN (SELECT value FROM json_each($2))
