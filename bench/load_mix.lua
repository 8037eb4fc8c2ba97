-- wrk script of bench/load_bench.sh: a mix of authenticated reads and writes
-- by five roles, in a fixed rotation of ten requests (eight reads, two writes:
-- a new organisation and an update of an existing one). Sessions, ids and the
-- CSRF tokens come from the environment the bench script sets.
local roles = {}
for _, r in ipairs({ "admin", "region", "methodist", "school", "teacher" }) do
  roles[r] = {
    ["Cookie"] = os.getenv("LOAD_COOKIE_" .. r),
    ["X-CSRF-Token"] = os.getenv("LOAD_CSRF_" .. r),
  }
end
local org = os.getenv("LOAD_ORG")
local territory = os.getenv("LOAD_TERRITORY")
local updated = {}  -- { id, code } of the organisations the writes update
for id, code in string.gmatch(os.getenv("LOAD_UPDATE_IDS"), "(%d+):(%S+)") do table.insert(updated, { id = id, code = code }) end

local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local n = 0
local function with_json(h)
  local out = { ["Content-Type"] = "application/json" }
  for k, v in pairs(h) do out[k] = v end
  return out
end

function request()
  n = n + 1
  local k = n % 10
  if k == 0 then return wrk.format("GET", "/api/v1/auth/me", roles.teacher) end
  if k == 1 then return wrk.format("GET", "/api/v1/organisations?kind=school&limit=20", roles.school) end
  if k == 2 then return wrk.format("GET", "/api/v1/persons?limit=20", roles.methodist) end
  if k == 3 then return wrk.format("GET", "/api/v1/events?limit=20", roles.teacher) end
  if k == 4 then return wrk.format("GET", "/api/v1/organisations/" .. org, roles.region) end
  if k == 5 then return wrk.format("GET", "/api/v1/summary", roles.region) end
  if k == 6 then return wrk.format("GET", "/api/v1/programs", roles.methodist) end
  if k == 7 then
    local code = string.format("LOAD-%s-%d-%d", os.getenv("LOAD_RUN"), tid, n)
    return wrk.format("POST", "/api/v1/organisations", with_json(roles.admin),
      string.format('{"code":"%s","name":"Школа %s","kind":"school","territory_id":%s}', code, code, territory))
  end
  if k == 8 then
    local u = updated[math.floor(n / 10) % #updated + 1]
    return wrk.format("PUT", "/api/v1/organisations/" .. u.id, with_json(roles.admin),
      string.format('{"code":"%s","name":"Обновлённая школа %d","kind":"school","territory_id":%s}', u.code, n, territory))
  end
  return wrk.format("GET", "/api/v1/territories?level=municipality", roles.methodist)
end

-- No response() hook: wrk then skips handing every body to Lua. Non-2xx
-- answers are wrk's own «Non-2xx or 3xx responses» line, per status in /metrics.
function done(summary, latency, requests)
  io.write(string.format("socket errors: connect %d, read %d, write %d, timeout %d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
