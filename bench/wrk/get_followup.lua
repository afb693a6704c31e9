-- Reads random follow-ups as the admin (who may see them all).
local token = os.getenv("ADMIN_TOKEN")
local max_id = tonumber(os.getenv("MAX_ID"))
math.randomseed(12345)
request = function()
  return wrk.format("GET", "/api/v1/followups/" .. math.random(1, max_id),
                    { ["Authorization"] = "Bearer " .. token })
end
