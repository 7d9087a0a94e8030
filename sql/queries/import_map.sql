-- The id map of `weeekd import` (migration 0012, src/model/import_map.c).
-- name: import_map_put
INSERT INTO import_map (ws_id, kind, source_id, target_id) VALUES ($1, $2, $3, $4)
ON CONFLICT (ws_id, kind, source_id) DO UPDATE SET target_id = excluded.target_id
-- name: import_map_list
SELECT kind, source_id, target_id FROM import_map WHERE ws_id = $1 ORDER BY kind, source_id
