-- 0008_custom_fields — custom fields of the task manager (global, project, board) and of
-- funnels, their options, and the values tasks and deals hold. See
-- docs/internals/custom_fields.md. A field belongs to exactly one owner of its scope; a
-- deleted project, board or funnel takes its fields, and a deleted field, task or deal its
-- values. Values are the JSON text of their read shape.
CREATE TABLE custom_fields (
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    id          TEXT NOT NULL,
    scope       TEXT NOT NULL,
    project_id  INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    board_id    INTEGER REFERENCES boards(id) ON DELETE CASCADE,
    funnel_id   TEXT,
    name        TEXT,
    type        TEXT NOT NULL,
    config      TEXT,
    position    INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, funnel_id) REFERENCES funnels(ws_id, id) ON DELETE CASCADE,
    CHECK ((scope = 'tm' AND project_id IS NULL AND board_id IS NULL AND funnel_id IS NULL)
        OR (scope = 'project' AND project_id IS NOT NULL AND board_id IS NULL AND funnel_id IS NULL)
        OR (scope = 'board' AND board_id IS NOT NULL AND project_id IS NULL AND funnel_id IS NULL)
        OR (scope = 'funnel' AND funnel_id IS NOT NULL AND project_id IS NULL AND board_id IS NULL))
);
CREATE INDEX custom_fields_scope ON custom_fields(ws_id, scope, position);
CREATE INDEX custom_fields_project ON custom_fields(project_id, position);
CREATE INDEX custom_fields_board ON custom_fields(board_id, position);
CREATE INDEX custom_fields_funnel ON custom_fields(ws_id, funnel_id, position);

CREATE TABLE custom_field_options (
    ws_id       INTEGER NOT NULL,
    id          TEXT NOT NULL,
    field_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    color       TEXT NOT NULL,
    position    INTEGER NOT NULL,
    PRIMARY KEY (ws_id, id),
    FOREIGN KEY (ws_id, field_id) REFERENCES custom_fields(ws_id, id) ON DELETE CASCADE
);
CREATE INDEX custom_field_options_field ON custom_field_options(ws_id, field_id, position);

CREATE TABLE custom_field_values (
    ws_id       INTEGER NOT NULL,
    field_id    TEXT NOT NULL,
    task_id     INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    deal_id     TEXT,
    value       TEXT NOT NULL,
    FOREIGN KEY (ws_id, field_id) REFERENCES custom_fields(ws_id, id) ON DELETE CASCADE,
    FOREIGN KEY (ws_id, deal_id) REFERENCES deals(ws_id, id) ON DELETE CASCADE,
    CHECK ((task_id IS NULL) <> (deal_id IS NULL))
);
CREATE UNIQUE INDEX custom_field_values_task ON custom_field_values(task_id, field_id)
    WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX custom_field_values_deal ON custom_field_values(ws_id, deal_id, field_id)
    WHERE deal_id IS NOT NULL;
CREATE INDEX custom_field_values_field ON custom_field_values(ws_id, field_id);
