-- One agent's month in the CRM calendar: every day's counts and colour.
local token = os.getenv("AGENT2_TOKEN")
local month = string.sub(os.getenv("TODAY"), 1, 7)
request = function()
  return wrk.format("GET", "/api/v1/calendar?scope=mine&month=" .. month,
                    { ["Authorization"] = "Bearer " .. token })
end
