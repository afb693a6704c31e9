-- One agent's returns due today.
local token = os.getenv("AGENT_TOKEN")
request = function()
  return wrk.format("GET", "/api/v1/agenda?scope=mine&when=today",
                    { ["Authorization"] = "Bearer " .. token })
end
