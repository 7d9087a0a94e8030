-- 0003_tasks — tasks, their locations, assignees, watchers, tags, time entries and running
-- timers. docs/internals/tasks.md explains the model. Dates are day numbers (days
-- since 1970-01-01 UTC) plus an optional second of the day, so filters and sorts are
-- integer comparisons on both backends. Tasks are soft-deleted (is_deleted).
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id        INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    title        TEXT,
    description  TEXT,
    type         TEXT NOT NULL DEFAULT 'action',
    priority     INTEGER,
    duration     INTEGER,
    is_completed INTEGER NOT NULL DEFAULT 0,
    completed_at INTEGER,
    is_deleted   INTEGER NOT NULL DEFAULT 0,
    is_private   INTEGER NOT NULL DEFAULT 0,
    author_id    TEXT NOT NULL,
    start_day    INTEGER,
    start_sec    INTEGER,
    due_day      INTEGER,
    due_sec      INTEGER,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX tasks_ws ON tasks(ws_id, id);
CREATE INDEX tasks_parent ON tasks(parent_id);

-- A project deleted takes its locations with it; a board or column deleted leaves the
-- task in the project (model code first moves a deleted column's tasks to another column).
CREATE TABLE task_locations (
    ws_id       INTEGER NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    project_id  INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
    board_id    INTEGER REFERENCES boards(id) ON DELETE SET NULL,
    column_id   INTEGER REFERENCES board_columns(id) ON DELETE SET NULL,
    seq         INTEGER NOT NULL,
    position    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (task_id, project_id)
);
CREATE INDEX task_locations_project ON task_locations(ws_id, project_id, task_id);
CREATE INDEX task_locations_board ON task_locations(board_id, task_id);
CREATE INDEX task_locations_column ON task_locations(column_id, position);

CREATE TABLE task_assignees (
    ws_id       INTEGER NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    PRIMARY KEY (task_id, member_id),
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX task_assignees_member ON task_assignees(ws_id, member_id, task_id);

CREATE TABLE task_watchers (
    ws_id       INTEGER NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (task_id, member_id),
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);

CREATE TABLE task_tags (
    ws_id       INTEGER NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (task_id, tag_id)
);
CREATE INDEX task_tags_tag ON task_tags(tag_id, task_id);

CREATE TABLE time_entries (
    id          TEXT PRIMARY KEY,
    ws_id       INTEGER NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    member_id   TEXT NOT NULL,
    type        INTEGER NOT NULL,
    is_overtime INTEGER NOT NULL DEFAULT 0,
    day         INTEGER NOT NULL,
    duration    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX time_entries_task ON time_entries(task_id, created_at);

CREATE TABLE task_timers (
    ws_id       INTEGER NOT NULL,
    member_id   TEXT NOT NULL,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    started_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, member_id),
    FOREIGN KEY (ws_id, member_id) REFERENCES members(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX task_timers_task ON task_timers(task_id);
