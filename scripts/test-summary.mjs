// Adds up the Vitest and Playwright JSON reports into the one closing line CI reads: "N passed, N failed".
// Usage: node scripts/test-summary.mjs <report.json>... (each either a Vitest or a Playwright JSON report).
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;

for (const file of process.argv.slice(2)) {
  // A report that was never written is a suite that did not run: count it as a failure, never as a pass.
  if (!existsSync(file)) {
    failed++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if ("numPassedTests" in report) {
    passed += report.numPassedTests;
    // A file that fails outside any test (an import error, a failing beforeAll) has no failed test to count;
    // numFailedTestSuites would also count every describe block around a failed test.
    const brokenFiles = (report.testResults ?? []).filter(
      (file) => file.status === "failed" && !file.assertionResults?.some((t) => t.status === "failed"),
    ).length;
    failed += report.numFailedTests + brokenFiles;
  } else {
    passed += report.stats.expected + report.stats.flaky;
    // A Playwright run that stopped before its tests (a failing beforeAll, a config error) reports them as errors.
    failed += report.stats.unexpected + (report.errors?.length ?? 0);
  }
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
