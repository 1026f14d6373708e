-- wrk script of scripts/bench/api-load: each request takes a path picked at
-- random from a file (one path per line, query included), so that a run
-- spreads over many communes, thematiques or ids instead of hitting one
-- cached answer. Counts the answers outside 2xx (wrk's own count accepts
-- 3xx) and prints one machine-readable line at the end.
--
--   wrk ... -s api-load.lua http://host:port -- PATHS_FILE [TOKEN] [USER_AGENT]
--
-- Without TOKEN no Authorization header is sent (public endpoints).

local threads = {}
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if line ~= "" then table.insert(paths, line) end
  end
  if #paths == 0 then error("no paths in " .. args[1]) end
  if args[2] and args[2] ~= "" then wrk.headers["Authorization"] = "Bearer " .. args[2] end
  if args[3] and args[3] ~= "" then wrk.headers["User-Agent"] = args[3] end
  -- threads start within the same second: the thread number keeps their sequences apart
  math.randomseed(os.time() * 100 + thread_number)
  non2xx = 0
  first_non2xx_status = 0
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_non2xx_status == 0 then first_non2xx_status = status end
  end
end

function done(summary, latency, requests)
  local non2xx_total, first_status = 0, 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    local status = thread:get("first_non2xx_status")
    if first_status == 0 then first_status = status end
  end
  local errors = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d non2xx=%d first_non2xx_status=%d"
      .. " connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    non2xx_total, first_status, errors.connect, errors.read, errors.write, errors.timeout))
end
