-- Fragments of GET /tm/tasks, assembled by src/model/task_list.c for the request's shape
-- (which filters are present, which sort) and run with store_query_sql, which prepares
-- each distinct text once per connection. A static query with "(CAST($n AS ..) IS NULL OR
-- col = $n)" for every filter makes both planners pick one plan for every shape, and no
-- single plan serves "one project", "one member" and "no filter" well; here each shape
-- gets its own plan and its own index (sql/schema/0004_task_list.sql).
--
-- The query is a deferred join: the inner SELECT finds the page's ids (and sort key) by
-- filtering and sorting narrow rows, skipping `offset` of them; the outer SELECT then reads
-- the full rows of those ids only, so skipped and sorted rows never carry title or
-- description. Every value is a parameter: $1 is the workspace, "$_" is the next
-- parameter and "$=" the same one again (numbered by model/list_query.c). Every table is filtered on ws_id.
-- Whole: task_list_head inner task_list_outer direction ", p.pid";
-- inner: task_list_inner_head key task_list_inner_from joins task_list_where filters order
-- LIMIT OFFSET. The outer SELECT returns the columns task_from_row() reads.
-- fragment: task_list_head
SELECT id, parent_id, title, description, type, priority, duration, is_completed,
       completed_at, is_deleted, is_private, author_id, start_day, start_sec, due_day, due_sec,
       created_at, updated_at
FROM tasks JOIN (
-- fragment: task_list_outer
) p ON tasks.id = p.pid WHERE tasks.ws_id = $1 ORDER BY p.psk
-- fragment: task_list_inner_head
SELECT t.id AS pid,
-- fragment: task_list_inner_from
AS psk FROM tasks t
-- Filters that name one related row are joins: each matches at most one row per task
-- (one location per project, and a board or column is in one project; one assignee row
-- per member; one tag row per tag), so no task appears twice, and the join's index hands
-- rows over in task id (or column position) order, which serves the default sort.
-- fragment: task_list_join_project
JOIN task_locations lp ON lp.task_id = t.id AND lp.ws_id = $1 AND lp.project_id = $_
-- fragment: task_list_join_board
JOIN task_locations lb ON lb.task_id = t.id AND lb.ws_id = $1 AND lb.board_id = $_
-- fragment: task_list_join_column
JOIN task_locations lc ON lc.task_id = t.id AND lc.ws_id = $1 AND lc.column_id = $_
-- fragment: task_list_join_user
JOIN task_assignees ua ON ua.task_id = t.id AND ua.ws_id = $1 AND ua.member_id = $_
-- fragment: task_list_join_tag
JOIN task_tags tg ON tg.task_id = t.id AND tg.ws_id = $1 AND tg.tag_id = $_
-- Several tags (up to 8) in the default order: one arm per tag, each a walk of that tag's
-- index in task order cut after offset + limit + 1 rows (task_list.c, put_tag_union):
-- union_head (arm_head <joins with tag i> <where> ORDER BY <driving id> arm_tail) UNION
-- ... union_tail.
-- fragment: task_list_union_head
SELECT u.pid, u.pid AS psk FROM (
-- fragment: task_list_arm_head
SELECT a.pid FROM (SELECT t.id AS pid FROM tasks t
-- fragment: task_list_arm_tail
LIMIT $_) a
-- fragment: task_list_union_tail
) u
-- fragment: task_list_where
WHERE t.ws_id = $1
-- fragment: task_list_open
AND t.is_deleted = 0 AND t.is_completed = 0
-- fragment: task_list_completed
AND t.is_deleted = 0 AND t.is_completed = 1
-- Several tags: any of them (lq_any: the set, list_in_json_int, and ")" follow).
-- fragment: task_list_tags_any
AND t.id IN (SELECT task_id FROM task_tags WHERE ws_id = $1 AND tag_id
-- fragment: task_list_type
AND t.type = $_
-- fragment: task_list_priority
AND t.priority = $_
-- The pattern comes from like_pattern() (case-folded, escaped); search_text is the folded
-- title and description (store/search.c).
-- fragment: task_list_search
AND t.search_text LIKE '%' || $_ || '%' ESCAPE '!'
-- [start, due] overlaps [lo, hi] (parameters hi, lo); a task with one date spans that day.
-- `day` is the period [day, day].
-- fragment: task_list_span
AND COALESCE(t.start_day, t.due_day) <= $_ AND COALESCE(t.due_day, t.start_day) >= $_
-- fragment: task_list_completed_from
AND t.completed_at >= $_
-- fragment: task_list_completed_before
AND t.completed_at < $_
-- Sort keys (the psk column). Dates sort by day, then time of day (a date without a time
-- counts as the start of its day). Overdue takes today's day number twice.
-- fragment: task_list_key_name
t.title
-- fragment: task_list_key_type
t.type
-- fragment: task_list_key_priority
t.priority
-- fragment: task_list_key_duration
t.duration
-- fragment: task_list_key_overdue
CASE WHEN t.is_completed = 0 AND t.is_deleted = 0 AND t.due_day < $_ THEN $_ - t.due_day ELSE 0 END
-- fragment: task_list_key_created
t.created_at
-- fragment: task_list_key_date
t.due_day * 86400 + COALESCE(t.due_sec, 0)
-- fragment: task_list_key_start
t.start_day * 86400 + COALESCE(t.start_sec, 0)
-- fragment: task_list_key_position
lc.position
