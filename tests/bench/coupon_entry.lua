-- wrk script for tests/bench/run: friends entering a coupon (POST
-- /talk/CODE/coupons/ID/entries, urlencoded, CSRF token + cookie, COUP-4).
-- BENCH_COUPON_DATA names a Lua file returning
--   { path = "/talk/CODE/coupons/ID/entries", csrf_cookie = "sd_csrf=...", token = "...",
--     keys = { "sd_customer key", ... } }
-- with friend customers made in SQL. Each request takes a customer no other request
-- took (the threads, at most 64, interleave: each thread has a Lua state of its own
-- and knows only its id), so every entry is a first entry with its draw; once the list
-- is used up the rest are repeats (answered without a second entry).
-- done() prints the status counts (tests/bench/statuses.lua).

local data = dofile(os.getenv("BENCH_COUPON_DATA"))
dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "statuses.lua")

function request()
  local n = #data.keys
  local key = data.keys[((counter * 64 + id) % n) + 1]
  counter = counter + 1
  return wrk.format("POST", data.path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = data.csrf_cookie .. "; sd_customer=" .. key,
  }, "csrf=" .. data.token .. "&phone=01012345678")
end
