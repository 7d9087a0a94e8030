-- 0004_task_list — indexes for GET /tm/tasks and for loading a page's related rows
-- (docs/internals/tasks.md, "The task list"; the plans are recorded there). Same indexes
-- on SQLite and PostgreSQL.

-- The default list (neither deleted nor completed), completed=1 and completed=0 in id
-- order: walked in order and left after one page, never a scan of the workspace.
CREATE INDEX tasks_list_state ON tasks(ws_id, is_deleted, is_completed, id);
-- completedAtFrom / completedAtTo
CREATE INDEX tasks_list_completed_at ON tasks(ws_id, completed_at);
-- The *_for queries take a page's ids as "ws_id = $1 AND task_id IN (...)": without an
-- index that starts (ws_id, task_id), SQLite walks every location (assignee, subtask) of
-- the workspace to find fifty tasks' rows.
CREATE INDEX task_locations_task ON task_locations(ws_id, task_id, seq);
CREATE INDEX task_assignees_task ON task_assignees(ws_id, task_id, seq);
CREATE INDEX tasks_ws_parent ON tasks(ws_id, parent_id);
-- sortBy=-priority (the usual "most urgent first"): the index order is the list's order
-- (priority descending, NULLs last, as SQLite keeps them in a descending index and
-- PostgreSQL is told to, then id), so a page is read straight off it, filtered or not. The
-- other sort keys are sorted per request (a top-N sort over the matching rows' narrow
-- keys; see tasks.md).
-- sqlite: CREATE INDEX tasks_list_priority ON tasks(ws_id, is_deleted, is_completed, priority DESC, id);
-- pg: CREATE INDEX tasks_list_priority ON tasks(ws_id, is_deleted, is_completed, priority DESC NULLS LAST, id);
