-- TEMP: 0005 stub (pg) — the minimal organizations/contacts tables the deal code checks
-- ids against, until issue 7's contacts branch brings the real 0005. Drop at merge.
CREATE TABLE organizations (
    ws_id       BIGINT NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (ws_id, id)
);
CREATE TABLE contacts (
    ws_id       BIGINT NOT NULL,
    id          TEXT COLLATE "C" NOT NULL,
    first_name  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (ws_id, id)
);
