-- 0010_task_comments — comments on tasks, and the order of a task's subtasks (issue 19;
-- docs/internals/tasks.md "Comments", "Subtasks"). A comment belongs to one task and goes
-- with it (a workspace delete, the only hard delete of a task); deleting a comment leaves
-- its replies at the top level (ON DELETE SET NULL on parent_id). Comments are never
-- edited: updated_at stays created_at until an edit route exists.
CREATE TABLE task_comments (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    ws_id       INTEGER NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    task_id     INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    parent_id   INTEGER REFERENCES task_comments(id) ON DELETE SET NULL,
    author_id   TEXT NOT NULL,
    markdown    TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
-- the list's order (newest first, ties by id) walked backwards, and the count cap
CREATE INDEX task_comments_task ON task_comments(ws_id, task_id, created_at, id);
CREATE INDEX task_comments_parent ON task_comments(parent_id);

-- A task's subtasks are ordered by sparse gap keys (model/order.c, GAP_SUBTASKS): the
-- order is (sub_position, id) among the live children of one parent, so the subtasks
-- written before this migration (all 0) keep their id order.
ALTER TABLE tasks ADD COLUMN sub_position INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tasks_ws_parent_position ON tasks(ws_id, parent_id, sub_position);
-- distinct keys for the subtasks already there, in their id order (ties would defeat the
-- neighbour search of a placement)
UPDATE tasks SET sub_position = id WHERE parent_id IS NOT NULL;
