#!/usr/bin/env bash
# Runs the whole suite on SQLite, then on PostgreSQL when one is reachable, with the queue tests
# on real Redis through a real rqworker. Says loudly what did not run; under CI a missing
# service is a failure, not a skip.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}
export REDIS_TEST_URL=${REDIS_TEST_URL:-redis://127.0.0.1:6379/15}
unset REDIS_URL OPENAI_BASE_URL OPENAI_API_KEY NEWSROOM_LLM_MODEL DATABASE_URL NEWSROOM_SITE_URL

loud() { printf '\n\033[1;31m%s\033[0m\n\n' "!!!!!!!!!! $* !!!!!!!!!!"; }
missing=()

if $PY -c "import redis,sys; redis.Redis.from_url('$REDIS_TEST_URL', socket_timeout=2).ping()" 2>/dev/null; then
  redis_ok=1
else
  redis_ok=0; missing+=("Redis at $REDIS_TEST_URL"); loud "REDIS NOT REACHABLE at $REDIS_TEST_URL: queue tests will be SKIPPED"
fi
if $PY -c "import psycopg; psycopg.connect('$PG_URL', connect_timeout=3).close()" 2>/dev/null; then
  pg_ok=1
else
  pg_ok=0; missing+=("PostgreSQL at $PG_URL"); loud "POSTGRESQL NOT REACHABLE at $PG_URL: the PostgreSQL run will be SKIPPED"
fi
if [ -x "${CHROMIUM:-/usr/bin/chromium}" ]; then
  browser_ok=1
else
  browser_ok=0; missing+=("Chromium (apt-get install chromium)"); loud "CHROMIUM NOT FOUND: browser tests will be SKIPPED"
fi
export NEWSROOM_TEST_REDIS=$redis_ok NEWSROOM_TEST_BROWSER=$browser_ok

status=0
summary=()
run_suite() {
  local name=$1; shift
  echo "==> $name"
  local log; log=$(mktemp)
  "$@" 2>&1 | tee "$log"
  local rc=${PIPESTATUS[0]}
  summary+=("$name: $(grep -E '[0-9]+ (passed|failed|error)' "$log" | tail -1 | tr -d '=' | xargs) (exit $rc)")
  rm -f "$log"
  [ "$rc" -eq 0 ] || status=1
}

run_suite "SQLite suite" $PY -m pytest -q -p no:cacheprovider "$@"
if [ $pg_ok = 1 ]; then
  run_suite "PostgreSQL suite" env DATABASE_URL="$PG_URL" $PY -m pytest -q -p no:cacheprovider -m "not browser" "$@"
fi

echo
echo "================ Test summary ================"
for line in "${summary[@]}"; do echo "  $line"; done
[ $redis_ok = 1 ] && echo "  Redis queue tests: ran against $REDIS_TEST_URL with a real rqworker" || echo "  Redis queue tests: SKIPPED (no Redis)"
[ $pg_ok = 1 ] && echo "  PostgreSQL: ran against $PG_URL" || echo "  PostgreSQL: SKIPPED (not reachable)"
[ $browser_ok = 1 ] && echo "  Browser tests: ran in headless Chromium (SQLite run)" || echo "  Browser tests: SKIPPED (no Chromium)"
if [ ${#missing[@]} -gt 0 ]; then
  loud "MISSING SERVICES: ${missing[*]}"
  if [ "${CI:-}" = "true" ]; then echo "CI requires every service: failing."; status=1; fi
fi
exit $status
