-- 0002_structure — the task manager's structure: portfolios, projects (and their team),
-- boards and board columns. Positions are dense (0..n-1) within their parent and
-- rewritten inside one write transaction. Deleting a project removes its boards and
-- columns; deleting a portfolio detaches its projects and child portfolios.
CREATE TABLE portfolios (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    parent_id   INTEGER REFERENCES portfolios(id) ON DELETE SET NULL,
    is_private  INTEGER NOT NULL DEFAULT 0,
    created_at  INTEGER NOT NULL
);
CREATE INDEX portfolios_ws ON portfolios(ws_id, id);
CREATE INDEX portfolios_parent ON portfolios(parent_id);

CREATE TABLE projects (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id        INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    description  TEXT,
    logo         TEXT,
    color        TEXT NOT NULL,
    is_private   INTEGER NOT NULL DEFAULT 0,
    is_archived  INTEGER NOT NULL DEFAULT 0,
    portfolio_id INTEGER REFERENCES portfolios(id) ON DELETE SET NULL,
    created_at   INTEGER NOT NULL
);
CREATE INDEX projects_ws ON projects(ws_id, id);
CREATE INDEX projects_portfolio ON projects(portfolio_id);

CREATE TABLE project_members (
    ws_id       INTEGER NOT NULL,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL,
    PRIMARY KEY (project_id, member_id),
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);

CREATE TABLE boards (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    is_private  INTEGER NOT NULL DEFAULT 0,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX boards_project ON boards(ws_id, project_id, position);

CREATE TABLE board_columns (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    board_id    INTEGER NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL
);
CREATE INDEX board_columns_board ON board_columns(ws_id, board_id, position);
