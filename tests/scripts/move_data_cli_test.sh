#!/usr/bin/env bash
# `retorno move-data` from the command line: a demo database copied into a SQLite file
# and verified (exit 0, figures on stderr), a second copy refused (exit 1), a damaged
# copy found by --verify-only (exit 2, the table named), the global --db as the source,
# a missing source (exit 1).
# Usage: move_data_cli_test.sh path/to/retorno
set -euo pipefail
bin="$(realpath "$1")"
fail() { echo "FAIL: $*" >&2; exit 1; }
dir="$(mktemp -d /tmp/retorno-move-cli-XXXXXX)"
trap 'rm -rf "$dir"' EXIT
cd "$dir"

"$bin" --db source.db demo --parties 20 --followups 60 >/dev/null 2>&1 || fail "demo failed"

"$bin" move-data --from source.db --to copy.db >out.txt 2>err.txt || fail "copy: $(cat err.txt)"
grep -q "rows/s" err.txt || fail "no figures: $(cat err.txt)"
grep -q "counts and checksums match" err.txt || fail "not verified: $(cat err.txt)"
[[ ! -s out.txt ]] || fail "move-data wrote to stdout: $(cat out.txt)"

rc=0; "$bin" move-data --from source.db --to copy.db 2>err.txt || rc=$?
[[ $rc == 1 ]] || fail "a second copy exited $rc"
grep -q "already holds users" err.txt || fail "refusal said: $(cat err.txt)"

sqlite3 copy.db "UPDATE parties SET name = name || '!' WHERE id = 3"
rc=0; "$bin" move-data --from source.db --to copy.db --verify-only 2>err.txt || rc=$?
[[ $rc == 2 ]] || fail "a damaged copy exited $rc"
grep -q "parties: .* checksums differ" err.txt || fail "mismatch said: $(cat err.txt)"

"$bin" --db source.db move-data --to copy2.db 2>err.txt || fail "--db as the source: $(cat err.txt)"
grep -q "counts and checksums match" err.txt || fail "--db copy not verified: $(cat err.txt)"

rc=0; "$bin" move-data --from nowhere.db --to other.db 2>err.txt || rc=$?
[[ $rc == 1 ]] || fail "a missing source exited $rc"
grep -q "no database file at nowhere.db" err.txt || fail "missing source said: $(cat err.txt)"
[[ ! -e other.db ]] || fail "a refused run created its target"
echo "move-data command: ok"
