-- Creates follow-ups with one return each (every response is a committed transaction).
local token = os.getenv("AGENT_TOKEN")
local today = os.getenv("TODAY")
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"party_id":%d,"subject":"Benchmark %d","category":"em_analise","priority":"medium",' ..
    '"notes":{"followup":"Criado pelo benchmark"},' ..
    '"next_action":{"type":"phone","due_date":"%s","due_time":"10:00"}}',
    (n % 20000) + 1, n, today)
  return wrk.format("POST", "/api/v1/followups",
                    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
                    body)
end
