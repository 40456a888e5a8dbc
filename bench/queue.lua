-- wrk script for bench/queue.sh: officer reads on a large database — queue pages with common
-- filter combinations and message details — with a registrar token. NUMBERS is read from the file
-- named by the environment variable OKNO_NUMBERS (one registration number per line).
local token = os.getenv("OKNO_TOKEN")
local numbers = {}
for line in io.lines(os.getenv("OKNO_NUMBERS")) do numbers[#numbers + 1] = line end

local paths = {
  "/api/v1/queue",
  "/api/v1/queue?unit=GU-77",
  "/api/v1/queue?unit=GU-50&status=in_progress",
  "/api/v1/queue?risk=overdue",
  "/api/v1/queue?unit=GU-77&risk=at_risk",
  "/api/v1/queue?topic=GRASS_BURNING&region=66",
  "/api/v1/queue?status=assigned&limit=100",
  "/api/v1/queue?region=25&risk=on_track",
  "/api/v1/queue?unit=AD",
  "/api/v1/queue?q=%D0%B3%D0%B8%D0%B4%D1%80%D0%B0%D0%BD%D1%82&unit=GU-77",
}
local counter = 0
local statuses = {}

request = function()
  counter = counter + 1
  local path
  if counter % 2 == 0 then
    path = paths[(counter / 2) % #paths + 1]
  else
    path = "/api/v1/messages/" .. numbers[(counter * 7919) % #numbers + 1]
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end

done = function(summary, latency)
  io.write(string.format("p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("rps %.0f\n", summary.requests / (summary.duration / 1e6)))
end
