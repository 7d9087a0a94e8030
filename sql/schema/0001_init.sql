-- 0001_init — workspaces, members, API tokens and tags. AUTOINCREMENT keeps ids from being
-- reused after a delete, as PostgreSQL identity columns (what tools/schemagen.awk writes for
-- it) never reuse them. Every table but workspaces carries ws_id, and every query filters
-- on it: a row of one workspace is never reachable through another workspace's token (and
-- a distributed PostgreSQL can shard by it). Times are Unix ms. On PostgreSQL integers are
-- BIGINT (SQLite's INTEGER is 64-bit) and text is COLLATE "C", as SQLite's BINARY: byte
-- order in ORDER BY and ASCII-only lower()/upper() whatever the database's locale, so
-- sorting and case-insensitive search match SQLite.
CREATE TABLE workspaces (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT NOT NULL UNIQUE,
    description TEXT,
    is_personal INTEGER NOT NULL DEFAULT 0,
    logo        TEXT,
    created_at  INTEGER NOT NULL
);

CREATE TABLE members (
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    email       TEXT NOT NULL,
    first_name  TEXT,
    last_name   TEXT,
    middle_name TEXT,
    position    TEXT,
    logo        TEXT,
    time_zone   TEXT NOT NULL DEFAULT 'UTC',
    language    TEXT NOT NULL DEFAULT 'en-US',
    role        TEXT NOT NULL DEFAULT 'member',
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    UNIQUE (ws_id, email)
);

CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL,
    hash        TEXT NOT NULL UNIQUE,
    label       TEXT,
    created_at  INTEGER NOT NULL,
    revoked_at  INTEGER,
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX api_tokens_ws ON api_tokens(ws_id, member_id);

CREATE TABLE tags (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    color       TEXT NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX tags_ws ON tags(ws_id, id);
