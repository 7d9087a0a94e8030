-- 0007_attachments — files attached to a task or a deal, bytes
-- included. The bytes live in the database so that every weeekd process over one
-- PostgreSQL serves every file, and a backup of the store is a backup of the files.
-- An attachment has exactly one owner: task_id or deal_id (the CHECK). A task is only ever
-- soft-deleted, so its attachments stay readable; a workspace delete cascades through tasks.
-- seq orders an owner's attachments (files of one upload share created_at). creator_id is
-- kept as given, without a foreign key: a file outlives the membership of its uploader.
-- content is the last column so that reading the metadata never touches its overflow pages.
-- A deal (hard-deleted) takes its files with it. On PostgreSQL, STORAGE EXTERNAL keeps
-- large contents out of line without compression: uploads are mostly compressed formats
-- already, so pglz would only burn CPU.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY,
    ws_id        INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    task_id      INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    deal_id      TEXT,
    seq          INTEGER NOT NULL,
    creator_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    content      BLOB NOT NULL,
    CHECK ((task_id IS NULL) <> (deal_id IS NULL)),
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE
);
-- pg: ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX attachments_task ON attachments(task_id, seq);
CREATE INDEX attachments_deal ON attachments(ws_id, deal_id, seq);
