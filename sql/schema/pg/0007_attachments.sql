-- 0007_attachments — files attached to a task or a deal, bytes
-- included (PostgreSQL). Same table, columns and meaning as
-- sql/schema/sqlite/0007_attachments.sql; BIGINT for integers, COLLATE "C" for text, BYTEA
-- for the bytes. STORAGE EXTERNAL keeps large contents out of line without compression:
-- uploads are mostly compressed formats already, so pglz would only burn CPU.
-- A deal (hard-deleted) takes its files with it.
CREATE TABLE attachments (
    id           TEXT COLLATE "C" PRIMARY KEY,
    ws_id        BIGINT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    task_id      BIGINT REFERENCES tasks(id) ON DELETE CASCADE,
    deal_id      TEXT COLLATE "C",
    seq          BIGINT NOT NULL,
    creator_id   TEXT COLLATE "C" NOT NULL,
    name         TEXT COLLATE "C" NOT NULL,
    content_type TEXT COLLATE "C" NOT NULL,
    size         BIGINT NOT NULL,
    sha256       TEXT COLLATE "C" NOT NULL,
    created_at   BIGINT NOT NULL,
    content      BYTEA NOT NULL,
    CHECK ((task_id IS NULL) <> (deal_id IS NULL)),
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE
);
ALTER TABLE attachments ALTER COLUMN content SET STORAGE EXTERNAL;
CREATE INDEX attachments_task ON attachments(task_id, seq);
CREATE INDEX attachments_deal ON attachments(ws_id, deal_id, seq);
