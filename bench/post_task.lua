-- post_task.lua — wrk script for POST /public/v1/tm/tasks (bench/load.sh, scale.sh): a
-- small realistic task (title, priority, type, a project, an assignee, and when set a
-- board column and a tag). The ids and the token come from the environment, set by the
-- scripts: BENCH_TOKEN, BENCH_W_PROJECT, BENCH_MEMBER, BENCH_W_COLUMN and BENCH_W_TAG
-- (both optional). load.sh names a "writes" project and tag that no list of the bench
-- reads, so the lists keep their size while tasks pile up; scale.sh names a board column,
-- to show what a create costs in a column of that size. The body is fixed: wrk builds the
-- request once and spends no CPU per request on it.
local function opt(fmt, name)
    local v = os.getenv(name)
    if v == nil or v == "" then return "" end
    return string.format(fmt, v)
end

wrk.method = "POST"
wrk.path = "/public/v1/tm/tasks"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = string.format(
    '{"title":"Prepare the quarterly report","priority":2,"type":"action","projectId":%s,' ..
    '"assignees":["%s"]%s%s}', os.getenv("BENCH_W_PROJECT"), os.getenv("BENCH_MEMBER"),
    opt(',"boardColumnId":%s', "BENCH_W_COLUMN"), opt(',"tags":[%s]', "BENCH_W_TAG"))
