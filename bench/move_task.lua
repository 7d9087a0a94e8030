-- move_task.lua — wrk script for POST /public/v1/tm/tasks/{id}/board-column (bench/scale.sh):
-- task BENCH_MOVE_TASK goes back and forth between the two columns of BENCH_MOVE_COLUMNS
-- (comma-separated, both on the task's board), to the end of each, as BENCH_TOKEN. Each
-- wrk thread alternates on its own; at 1 connection the moves strictly alternate.
local task = os.getenv("BENCH_MOVE_TASK")
local a, b = string.match(os.getenv("BENCH_MOVE_COLUMNS"), "([^,]+),([^,]+)")
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}
local n = 0
request = function()
    n = n + 1
    return wrk.format("POST", "/public/v1/tm/tasks/" .. task .. "/board-column", headers,
                      '{"boardColumnId":' .. (n % 2 == 1 and a or b) .. '}')
end
