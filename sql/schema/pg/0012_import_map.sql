-- 0012_import_map — the id map of `weeekd import` (src/port/writer.c): which object of the
-- source (kind, its id there) became which object here, recorded as each is written, so an
-- interrupted import run again with --resume writes only what is missing. Rows go with
-- their workspace.
CREATE TABLE import_map (
    ws_id      BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    source_id  TEXT NOT NULL,
    target_id  TEXT NOT NULL,
    PRIMARY KEY (ws_id, kind, source_id)
);
