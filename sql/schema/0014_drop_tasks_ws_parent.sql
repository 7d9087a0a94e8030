-- 0014_drop_tasks_ws_parent — issue 18 (creates): tasks_ws_parent (ws_id, parent_id) is a
-- prefix of tasks_ws_parent_position (ws_id, parent_id, sub_position), which every query on
-- a parent's subtasks already searches (both planners pick the longer one); the shorter
-- index only cost every task insert and every parent change a b-tree write and a WAL page.
DROP INDEX tasks_ws_parent;
