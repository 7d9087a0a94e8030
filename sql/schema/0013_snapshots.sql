-- 0013_snapshots — saved copies of one workspace's data for the admin API of weeekd as a
-- test double (PUT /_weeekd/workspaces/{name}/snapshots/{snap}; src/model/ws_snapshot.c):
-- data is the encoded rows of every data table, restored with the same ids.
CREATE TABLE snapshots (
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    data        BLOB NOT NULL,
    PRIMARY KEY (ws_id, name)
);
