#!/usr/bin/env bash
# End-to-end tests of the web app in Debian's Chromium (playwright-core), against a real
# `retorno serve` on a fresh SQLite database with the built web app. Screenshots go to
# $SCREENSHOT_DIR (default build/screenshots).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bin=${RETORNO_BIN:-$root/build/src/main/retorno}
work=$(mktemp -d /tmp/retorno-e2e.XXXXXX)
export SCREENSHOT_DIR=${SCREENSHOT_DIR:-$root/build/screenshots}
mkdir -p "$SCREENSHOT_DIR"
db=$work/e2e.db
# Passwords that pass the policy: not common, not containing the login.
pass=chave-mestra-2026
RETORNO_PASSWORD=$pass "$bin" --db "$db" --log-level warn user add --login admin --name "Ana Admin" --role admin >/dev/null
"$bin" --db "$db" --log-level info serve --port 0 --web-dir "$root/web/dist" \
  --insecure-fast-password-hashing >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
port=""
for _ in $(seq 100); do
  port=$(grep -oE 'listening on http://127\.0\.0\.1:[0-9]+' "$work/server.log" | head -1 | sed 's/.*://') || true
  [[ -n "$port" ]] && break
  sleep 0.1
done
[[ -n "$port" ]] || { cat "$work/server.log"; echo "server did not start"; exit 1; }
export RETORNO_URL=http://127.0.0.1:$port
# The database, for tests that must place data where the API cannot (returns already late).
export RETORNO_DB=$db

# Two branches and four users besides the admin, created through the API.
node - <<'JS'
const url = process.env.RETORNO_URL;
const post = async (path, body, token) => {
  const r = await fetch(url + path, {method: 'POST', headers: {'Content-Type': 'application/json',
    ...(token ? {Authorization: 'Bearer ' + token} : {})}, body: JSON.stringify(body)});
  if (r.status >= 300) throw new Error(path + ' ' + r.status + ' ' + await r.text());
  return r.json();
};
const {token} = await post('/api/v1/session', {login: 'admin', password: 'chave-mestra-2026'});
const campinas = await post('/api/v1/branches', {name: 'Campinas'}, token);
const santos = await post('/api/v1/branches', {name: 'Santos'}, token);
const users = [
  ['carla', 'Carla Supervisora', 'supervisor', campinas.id, 'campinas-sul-2026'],
  ['joao', 'João Vendedor', 'agent', campinas.id, 'jardim-norte-2026'],
  ['pedro', 'Pedro Vendedor', 'agent', santos.id, 'santos-praia-2026'],
];
for (const [login, name, role, branch_id, password] of users)
  await post('/api/v1/users', {login, name, role, branch_id, password,
    time_zone: 'America/Sao_Paulo', locale: 'pt-BR', alert_on_login: true, alert_every_minutes: 15}, token);
JS
export RETORNO_ADMIN=admin:chave-mestra-2026
export RETORNO_SUPERVISOR=carla:campinas-sul-2026
export RETORNO_AGENT=joao:jardim-norte-2026
export RETORNO_AGENT2=pedro:santos-praia-2026
cd web
# Arguments name some test files (e2e/workflow.test.mjs …); none runs them all.
if [[ $# -gt 0 ]]; then
  node --test --test-concurrency=1 "$@"
else
  npm run --silent e2e
fi
