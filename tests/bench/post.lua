-- wrk script for tests/bench/run: customers posting chat messages, as the chat
-- page's form does (POST /talk/CODE/messages, urlencoded, CSRF token + cookie).
-- BENCH_POST_DATA names a Lua file returning
--   { code = "abc123", customers = { { cookie = "sd_csrf=...; sd_customer=...", token = "..." }, ... } }
-- made by fetching the chat page once per customer before the run. Each request
-- takes the next customer of the list (threads start at different places), so
-- the posts spread over many customers and rooms. done() prints the status counts.

local data = dofile(os.getenv("BENCH_POST_DATA"))
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = 0
end

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

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(total) do
    table.insert(parts, string.format("%s=%d", status, count))
  end
  table.sort(parts)
  io.write("statuses: " .. table.concat(parts, " ") .. "\n")
end
