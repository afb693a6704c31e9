-- Creates follow-ups with one return each (every response is a committed transaction).
-- The return is due tomorrow at 10:00, so that every creation also writes its reminder
-- whatever the hour of the run (a return due today at 10:00 gets none after 10:00, which
-- made the figure depend on the time of day), and today's agenda is not inflated.
local token = os.getenv("AGENT_TOKEN")
local due = os.getenv("TOMORROW")
-- Parties 1..MAX_PARTY exist (the generator makes 20,000; bench/stores.sh's demo fewer).
local parties = tonumber(os.getenv("MAX_PARTY") or "20000")
local n = 0
request = function()
  n = n + 1
  local body = string.format(
    '{"party_id":%d,"subject":"Benchmark %d","category":"em_analise","priority":"medium",' ..
    '"notes":{"followup":"Criado pelo benchmark"},' ..
    '"next_action":{"type":"phone","due_date":"%s","due_time":"10:00"}}',
    (n % parties) + 1, n, due)
  return wrk.format("POST", "/api/v1/followups",
                    { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" },
                    body)
end
