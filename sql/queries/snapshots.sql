-- Snapshots of a workspace (admin API, src/model/ws_snapshot.c).
-- name: snapshot_columns
SELECT name FROM pragma_table_info($1) ORDER BY cid
-- name: snapshot_put
INSERT INTO snapshots (ws_id, name, created_at, bytes, data) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (ws_id, name) DO UPDATE
SET created_at = excluded.created_at, bytes = excluded.bytes, data = excluded.data
-- name: snapshot_get
SELECT data FROM snapshots WHERE ws_id = $1 AND name = $2
-- name: snapshot_list
SELECT name, created_at, bytes FROM snapshots WHERE ws_id = $1 ORDER BY name
-- name: snapshot_delete
DELETE FROM snapshots WHERE ws_id = $1 AND name = $2
