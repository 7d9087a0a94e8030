-- TEMP: 0005 stub (sqlite) — the minimal organizations/contacts tables the deal code checks
-- ids against, until issue 7's contacts branch brings the real 0005. Drop at merge.
CREATE TABLE organizations (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    name        TEXT NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE TABLE contacts (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    first_name  TEXT NOT NULL,
    PRIMARY KEY (ws_id, id)
);
