-- What the wrk scripts of tests/bench/ (post.lua, coupon_entry.lua) share: each thread
-- gets its number as the global id and counts its requests in the global counter (from
-- 0); response() counts the answers by status and done() prints the counts of all
-- threads as one line "statuses: 200=N 303=M ...". A script loads it with
--   dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "statuses.lua")
-- and defines request() itself.

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  counter = 0
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
