-- One agent's returns due today (agent02: the creation scenario adds to agent01's today).
local token = os.getenv("AGENT2_TOKEN")
request = function()
  return wrk.format("GET", "/api/v1/agenda?scope=mine&when=today",
                    { ["Authorization"] = "Bearer " .. token })
end
