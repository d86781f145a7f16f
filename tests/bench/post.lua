-- wrk script for tests/bench/run: customers posting chat messages, as the chat
-- page's form does (POST /talk/CODE/messages, urlencoded, CSRF token + cookie).
-- BENCH_POST_DATA names a Lua file returning
--   { code = "abc123", customers = { { cookie = "sd_csrf=...; sd_customer=...", token = "..." }, ... } }
-- made by fetching the chat page once per customer before the run. Each request
-- takes the next customer of the list (threads start at different places), so
-- the posts spread over many customers and rooms. done() prints the status
-- counts (tests/bench/statuses.lua).

local data = dofile(os.getenv("BENCH_POST_DATA"))
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "statuses.lua")

function request()
  counter = counter + 1
  local n = #data.customers
  local customer = data.customers[((counter + id * 97) % n) + 1]
  local body = "csrf=" .. customer.token .. "&text=bench+message+" .. id .. "-" .. counter
  return wrk.format("POST", "/talk/" .. data.code .. "/messages", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = customer.cookie,
  }, body)
end
