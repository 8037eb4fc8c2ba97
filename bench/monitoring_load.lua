-- wrk script of bench/monitoring_load.sh: GET /api/v1/monitoring/values for a
-- random set × level × territory, signed in as the federal operator; ids and
-- the session come from the environment the bench script sets. Counts answers
-- that were stale (the data changed after their computation).
local cookie = os.getenv("LOAD_COOKIE")
local period = os.getenv("LOAD_PERIOD")
local function ids(name)
  local out = {}
  for id in string.gmatch(os.getenv(name) or "", "%d+") do table.insert(out, id) end
  return out
end
local regions, municipalities = ids("LOAD_REGIONS"), ids("LOAD_MUNICIPALITIES")
local sets = { "fed", "rmms", "rma" }
local headers = { ["Cookie"] = cookie }  -- plain JSON, so that «stale» can be read

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init()
  math.randomseed(os.time() + id * 7919)
  stale, answers = 0, 0
end

function request()
  local set = sets[math.random(#sets)]
  local pick = math.random(3)
  local path
  if pick == 1 then
    path = "/api/v1/monitoring/values?set=" .. set .. "&unit=region&period=" .. period
  elseif pick == 2 then
    path = "/api/v1/monitoring/values?set=" .. set .. "&unit=municipality&period=" .. period ..
        "&parent_id=" .. regions[math.random(#regions)]
  else
    path = "/api/v1/monitoring/values?set=" .. set .. "&unit=organisation&period=" .. period ..
        "&parent_id=" .. municipalities[math.random(#municipalities)]
  end
  return wrk.format("GET", path, headers)
end

function response(status, hdrs, body)
  answers = answers + 1
  if string.find(body, '"stale":true', 1, true) then stale = stale + 1 end
end

function done(summary, latency, requests)
  local s, a = 0, 0
  for _, t in ipairs(threads) do
    s = s + (t:get("stale") or 0)
    a = a + (t:get("answers") or 0)
  end
  io.write(string.format("stale-answers %d of %d\n", s, a))
end
