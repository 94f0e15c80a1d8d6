#!/usr/bin/env bash
# The whole suite: unit, integration on SQLite and on PostgreSQL, end-to-end in Chromium against a production build,
# and the scale-out proof (two production servers on one PostgreSQL database). Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export IBM_TELEMETRY_DISABLED=true NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
# Playwright empties test-results/ when it starts, so the reports live elsewhere.
mkdir -p reports
# A report left by an earlier run must never stand in for a suite that did not run this time.
rm -f reports/vitest.json reports/playwright.json reports/scale.json

bash scripts/provision.sh || exit 1

npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
vitest_rc=$?

if npx next build > reports/build.log 2>&1; then
  PLAYWRIGHT_JSON_OUTPUT_NAME=reports/playwright.json npx playwright test --reporter=list,json
  e2e_rc=$?
  PLAYWRIGHT_JSON_OUTPUT_FILE=reports/scale.json npx playwright test -c tests/scale/playwright.config.ts --reporter=list,json
  scale_rc=$?
else
  cat reports/build.log
  echo "next build failed: end-to-end and scale-out tests not run" >&2
  e2e_rc=1
  scale_rc=1
fi

node scripts/test-summary.mjs reports/vitest.json reports/playwright.json reports/scale.json
summary_rc=$?
[ $vitest_rc -eq 0 ] && [ $e2e_rc -eq 0 ] && [ $scale_rc -eq 0 ] && [ $summary_rc -eq 0 ]
