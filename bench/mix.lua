-- mix.lua — wrk script for the realistic task mix of bench/load.sh: each request is drawn
-- at random with these weights
--   40%  GET /tm/tasks with a filter: ?projectId, ?boardColumnId, ?tags[], or
--        ?projectId&completed=1, perPage 20 to 50
--   30%  GET /tm/tasks/{id}
--   15%  POST /tm/tasks (into the "writes" project, no board, as post_task.lua in load.sh)
--   15%  a change of an existing task, a third each: PUT /tm/tasks/{id} (title and
--        priority); POST /tm/tasks/{id}/board-column (another column of the same board);
--        POST /tm/tasks/{id}/complete or /un-complete (even odds)
-- The changes keep the lists comparable: a move stays on the task's board and picks its
-- column uniformly, and completions and un-completions are equally likely, so the lists'
-- expected sizes do not drift; creates land in a project no list reads.
-- Environment (set by bench/load.sh): BENCH_TOKEN; BENCH_TASK_MIN, BENCH_TASK_MAX (the
-- seeded tasks have every id in between); BENCH_PROJECTS, BENCH_COLUMNS, BENCH_TAGS
-- (comma-separated ids; BENCH_COLUMNS in id order, three per board, as
-- bench/tasks_load.sql spread the tasks: task id mod their count picks the column);
-- BENCH_W_PROJECT, BENCH_W_TAG, BENCH_MEMBER (the creates).
local function split(s)
    local t = {}
    for v in string.gmatch(s, "[^,]+") do t[#t + 1] = v end
    return t
end
local tmin = tonumber(os.getenv("BENCH_TASK_MIN"))
local tmax = tonumber(os.getenv("BENCH_TASK_MAX"))
local projects = split(os.getenv("BENCH_PROJECTS"))
local columns = split(os.getenv("BENCH_COLUMNS"))
local tags = split(os.getenv("BENCH_TAGS"))
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
local create = string.format(
    '{"title":"Prepare the quarterly report","priority":2,"type":"action","projectId":%s,' ..
    '"assignees":["%s"],"tags":[%s]}', os.getenv("BENCH_W_PROJECT"), os.getenv("BENCH_MEMBER"),
    os.getenv("BENCH_W_TAG"))
local V1 = "/public/v1/tm/tasks"

local n = 0
function setup(thread)
    n = n + 1
    thread:set("seed", n)
end
function init(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
end

local function pick(t) return t[math.random(#t)] end

local function list()
    local q, k = nil, math.random(4)
    if k == 1 then
        q = "projectId=" .. pick(projects)
    elseif k == 2 then
        q = "boardColumnId=" .. pick(columns)
    elseif k == 3 then
        q = "tags%5B%5D=" .. pick(tags)
    else
        q = "projectId=" .. pick(projects) .. "&completed=1"
    end
    return wrk.format("GET", V1 .. "?" .. q .. "&perPage=" .. math.random(20, 50), headers)
end

local function change()
    local id = math.random(tmin, tmax)
    local path, k = V1 .. "/" .. id, math.random(3)
    if k == 1 then
        return wrk.format("PUT", path, headers, string.format(
            '{"title":"Task %d (edited)","priority":%d}', id, math.random(0, 3)))
    elseif k == 2 then
        local c = id % #columns      -- the column the load put the task in (0-based) ...
        c = c - c % 3 + math.random(0, 2) -- ... and one of its board's three, at random
        return wrk.format("POST", path .. "/board-column", headers,
                          '{"boardColumnId":' .. columns[c + 1] .. '}')
    elseif math.random(2) == 1 then
        return wrk.format("POST", path .. "/complete", headers, "")
    end
    return wrk.format("POST", path .. "/un-complete", headers, "")
end

request = function()
    local r = math.random(100)
    if r <= 40 then
        return list()
    elseif r <= 70 then
        return wrk.format("GET", V1 .. "/" .. math.random(tmin, tmax), headers)
    elseif r <= 85 then
        return wrk.format("POST", V1, headers, create)
    end
    return change()
end
