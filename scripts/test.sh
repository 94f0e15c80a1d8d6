#!/usr/bin/env bash
# The whole suite: unit, integration on SQLite and on PostgreSQL, and end-to-end in Chromium against a production
# build. Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export IBM_TELEMETRY_DISABLED=true NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Playwright empties test-results/ when it starts, so the reports live elsewhere.
mkdir -p reports

bash scripts/provision.sh || exit 1

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_rc=$?

if npx next build > reports/build.log 2>&1; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
  e2e_rc=$?
else
  cat reports/build.log
  echo "next build failed: end-to-end tests not run" >&2
  e2e_rc=1
fi

node scripts/test-summary.mjs reports/vitest.json reports/playwright.json
summary_rc=$?
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $summary_rc -eq 0 ]
