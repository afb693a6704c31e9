-- Completes planned returns, each once: the ids come from ACTIONS_FILE (one a line,
-- one return per follow-up, so two completions never touch the same follow-up). With
-- SLICES wrk processes in parallel (one per node), process SLICE takes every SLICES-th id
-- so no two processes complete the same return. Past the end of the list the ids wrap
-- around and the server answers 409 (counted as non-2xx): give the file enough ids.
local token = os.getenv("ADMIN_TOKEN")
local slice = tonumber(os.getenv("SLICE") or "0")
local slices = tonumber(os.getenv("SLICES") or "1")
local ids = {}
local k = 0
for line in io.lines(os.getenv("ACTIONS_FILE")) do
  if k % slices == slice then ids[#ids + 1] = line end
  k = k + 1
end
local n = 0
local body = '{"result":"Cliente atendido pelo benchmark"}'
request = function()
  n = n + 1
  return wrk.format("POST", "/api/v1/actions/" .. ids[(n - 1) % #ids + 1] .. "/complete",
                    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
                    body)
end
