-- Transaction control and the migrations ledger, used by store/store.c.
-- name: schema_versions
SELECT version FROM schema_version ORDER BY version
-- name: schema_version_add
INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)
