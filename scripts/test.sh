#!/usr/bin/env bash
# The whole suite: unit, integration on SQLite and on PostgreSQL, and end-to-end in Chromium against a production
# build. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export IBM_TELEMETRY_DISABLED=true NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
mkdir -p test-results

bash scripts/provision.sh || exit 1

npx vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
vitest_rc=$?

if npx next build > test-results/build.log 2>&1; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=test-results/playwright.json npx playwright test --reporter=list,json
  e2e_rc=$?
else
  cat test-results/build.log
  echo "next build failed: end-to-end tests not run" >&2
  e2e_rc=1
fi

node scripts/test-summary.mjs test-results/vitest.json test-results/playwright.json
summary_rc=$?
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
