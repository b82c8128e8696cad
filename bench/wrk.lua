-- bench/wrk.lua — the wrk script of bench/load.
--
-- Rotates over the paths listed one per line in the file named by WRK_PATHS (or asks
-- for wrk's own URL when unset), counts every answer that is not 200, and prints one
-- machine-readable RESULT line at the end (latencies in microseconds).

local paths = {}
local i = 0
local not_ok = 0
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    local file = os.getenv("WRK_PATHS")
    if file and file ~= "" then
        for line in io.lines(file) do
            if line ~= "" then table.insert(paths, line) end
        end
    end
    if #paths == 0 then paths = { wrk.path } end
    -- Threads start at different places in the list.
    math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
    i = math.random(#paths) - 1
end

function request()
    i = i % #paths + 1
    return wrk.format(nil, paths[i])
end

function response(status, headers, body)
    if status ~= 200 then not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
    local bad = 0
    for _, t in ipairs(threads) do bad = bad + (t:get("not_ok") or 0) end
    local e = summary.errors
    io.write(string.format(
        "RESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d not200=%d connect=%d read=%d write=%d timeout=%d\n",
        summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
        latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
        bad, e.connect, e.read, e.write, e.timeout))
end
