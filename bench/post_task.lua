-- post_task.lua — wrk script for POST /public/v1/tm/tasks (bench/load.sh): a small
-- realistic task (title, project and column, an assignee, a tag). The ids and the token
-- come from the environment, set by the script: BENCH_TOKEN, BENCH_W_PROJECT,
-- BENCH_W_COLUMN, BENCH_W_TAG, BENCH_MEMBER. They name the "writes" project and tag,
-- which no list of the bench reads, so the lists keep their size while tasks pile up.
-- The body is fixed: wrk builds the request once and spends no CPU per request on it.
wrk.method = "POST"
wrk.path = "/public/v1/tm/tasks"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
wrk.body = string.format(
    '{"title":"Prepare the quarterly report","priority":2,"projectId":%s,' ..
    '"boardColumnId":%s,"assignees":["%s"],"tags":[%s],"type":"action"}',
    os.getenv("BENCH_W_PROJECT"), os.getenv("BENCH_W_COLUMN"), os.getenv("BENCH_MEMBER"),
    os.getenv("BENCH_W_TAG"))
