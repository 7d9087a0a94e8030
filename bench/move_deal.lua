-- move_deal.lua — wrk script for POST /public/v1/crm/deals/{id}/move (bench/load.sh): a
-- random deal of BENCH_DEALS (comma-separated ids) to the top of a random status of
-- BENCH_STATUSES, as BENCH_TOKEN. The deals and statuses are one funnel's, not the one
-- whose list the bench reads, so the list keeps its content.
local function split(s)
    local t = {}
    for v in string.gmatch(s, "[^,]+") do t[#t + 1] = v end
    return t
end
local deals = split(os.getenv("BENCH_DEALS"))
local statuses = split(os.getenv("BENCH_STATUSES"))
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")}

-- each thread its own random sequence (they would otherwise repeat each other's)
local n = 0
function setup(thread)
    n = n + 1
    thread:set("seed", n)
end
function init(args)
    math.randomseed(os.time() * 1000 + (seed or 0))
end

request = function()
    local d = deals[math.random(#deals)]
    local s = statuses[math.random(#statuses)]
    return wrk.format("POST", "/public/v1/crm/deals/" .. d .. "/move", headers,
                      '{"statusId":"' .. s .. '","previousDealId":null}')
end
