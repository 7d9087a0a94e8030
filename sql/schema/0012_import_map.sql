-- 0012_import_map — the id map of `weeekd import` (src/port/writer.c): which object of the
-- source (kind, its id there) became which object here, recorded as each is written, so an
-- interrupted import run again with --resume writes only what is missing. Rows go with
-- their workspace. On PostgreSQL the text columns keep the database's collation (as first
-- released; they are only compared for equality).
CREATE TABLE import_map (
    ws_id      INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL, -- as is
    source_id  TEXT NOT NULL, -- as is
    target_id  TEXT NOT NULL, -- as is
    PRIMARY KEY (ws_id, kind, source_id)
);
