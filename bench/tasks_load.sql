-- tasks_load.sql — bulk-load @N@ tasks into workspace @WS@ for bench/tasks.sh, in one
-- transaction, on SQLite and PostgreSQL alike (the script substitutes the @...@ integers).
-- It writes exactly the rows POST /tm/tasks would write for the same requests (see
-- bench/README.md, "Loading"): one location per task, appended to its column (position =
-- the number of earlier tasks in that column), assignees in order (seq 0, 1), tags, author
-- = the workspace's first member, createdAt = updatedAt. The projects, boards, columns,
-- tags and members must exist already (the script creates them through the API and CLI).
-- Values are spread deterministically over the task id so that every filter and sort of
-- GET /tm/tasks has work to do. @AFTER@ is the largest task id before the load: the
-- related rows go to the tasks this load inserted only, never to tasks created through
-- the API between loads.
BEGIN;
WITH RECURSIVE seq(i) AS (SELECT CAST(1 AS BIGINT) UNION ALL SELECT i + 1 FROM seq WHERE i < @N@)
INSERT INTO tasks (ws_id, parent_id, title, description, type, priority, duration,
                   is_completed, completed_at, is_deleted, is_private, author_id,
                   start_day, start_sec, due_day, due_sec, created_at, updated_at)
SELECT @WS@, NULL,
       CASE WHEN i % 50 = 0 THEN NULL
            ELSE 'Task ' || i || ' ' || CASE i % 6 WHEN 0 THEN 'invoice the client'
                                                   WHEN 1 THEN 'design review'
                                                   WHEN 2 THEN 'fix the login page'
                                                   WHEN 3 THEN 'call the supplier'
                                                   WHEN 4 THEN 'plan the sprint'
                                                   ELSE 'write release notes' END END,
       CASE WHEN i % 3 = 0 THEN '<p>Details for task ' || i || ': budget, owners, risks.</p>'
            ELSE NULL END,
       CASE i % 10 WHEN 0 THEN 'meet' WHEN 1 THEN 'call' ELSE 'action' END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE i % 4 END,
       CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 8 + 1) * 15 END,
       CASE WHEN i % 5 = 1 THEN 1 ELSE 0 END,
       CASE WHEN i % 5 = 1 THEN @BASE@ - (i % 90) * 86400000 ELSE NULL END,
       0, 0,
       (SELECT id FROM members WHERE ws_id = @WS@ ORDER BY created_at, id LIMIT 1),
       CASE WHEN i % 4 = 0 THEN NULL ELSE @DAY0@ + i % 120 - 60 END,
       NULL,
       CASE WHEN i % 3 = 0 THEN NULL ELSE @DAY0@ + i % 120 - 60 + i % 10 END,
       CASE WHEN i % 6 = 1 THEN (i % 24) * 3600 ELSE NULL END,
       @BASE@ + i, @BASE@ + i
FROM seq;

-- columns of the workspace numbered 0..n-1; task id modulo n picks one; appended after
-- the tasks the column holds already
INSERT INTO task_locations (ws_id, task_id, project_id, board_id, column_id, seq, position)
SELECT t.ws_id, t.id, c.project_id, c.board_id, c.id, 0,
       c.used + row_number() OVER (PARTITION BY c.id ORDER BY t.id) - 1
FROM tasks t
JOIN (SELECT bc.id, bc.board_id, b.project_id,
             row_number() OVER (ORDER BY bc.id) - 1 AS k, count(*) OVER () AS n,
             (SELECT count(*) FROM task_locations x WHERE x.ws_id = @WS@ AND x.column_id = bc.id) AS used
      FROM board_columns bc JOIN boards b ON b.id = bc.board_id
      WHERE bc.ws_id = @WS@) c ON c.k = t.id % c.n
WHERE t.ws_id = @WS@ AND t.id > @AFTER@ AND NOT EXISTS (SELECT 1 FROM task_locations l WHERE l.task_id = t.id);

-- members numbered 0..n-1: one assignee each, a second one on every 7th task
INSERT INTO task_assignees (ws_id, task_id, member_id, seq)
SELECT t.ws_id, t.id, m.id, 0
FROM tasks t
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
      FROM members WHERE ws_id = @WS@) m ON m.k = t.id % m.n
WHERE t.ws_id = @WS@ AND t.id > @AFTER@ AND NOT EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id);
INSERT INTO task_assignees (ws_id, task_id, member_id, seq)
SELECT t.ws_id, t.id, m.id, 1
FROM tasks t
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
      FROM members WHERE ws_id = @WS@) m ON m.k = (t.id + 1) % m.n
WHERE t.ws_id = @WS@ AND t.id > @AFTER@ AND t.id % 7 = 0 AND m.n > 1
  AND NOT EXISTS (SELECT 1 FROM task_assignees a WHERE a.task_id = t.id AND a.seq = 1);

-- tags numbered 0..n-1: two tasks in three carry one, every 4th of those a second
INSERT INTO task_tags (ws_id, task_id, tag_id)
SELECT t.ws_id, t.id, g.id
FROM tasks t
JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n
      FROM tags WHERE ws_id = @WS@) g ON g.k = t.id % g.n OR (t.id % 4 = 0 AND g.k = (t.id + 1) % g.n)
WHERE t.ws_id = @WS@ AND t.id > @AFTER@ AND t.id % 3 <> 0
  AND NOT EXISTS (SELECT 1 FROM task_tags x WHERE x.task_id = t.id);
-- the folded search text (docs/internals/lists.md, "Search"): these texts are ASCII, where
-- lower() folds as the server does; the script puts U+001F between the fields
UPDATE tasks SET search_text = lower(COALESCE(title, '')) || '@US@' || lower(COALESCE(description, ''))
WHERE ws_id = @WS@ AND id > @AFTER@;
COMMIT;
