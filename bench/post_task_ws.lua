-- post_task_ws.lua — wrk script for POST /public/v1/tm/tasks spread over several
-- workspaces (bench/workspaces.sh): BENCH_TOKENS holds one token per workspace, comma
-- separated; each request goes to the next workspace in turn, and each wrk thread starts at
-- a different one. The requests are built once in init, so wrk spends no CPU per request on
-- them (it shares the machine's cores with the server).
local reqs = {}
local i = 0

function init(args)
    local body = '{"title":"bench task"}'
    for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "[^,]+") do
        reqs[#reqs + 1] = wrk.format("POST", "/public/v1/tm/tasks",
            {["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json"}, body)
    end
    assert(#reqs > 0, "BENCH_TOKENS is empty")
    i = math.random(#reqs)
end

function request()
    i = i % #reqs + 1
    return reqs[i]
end
