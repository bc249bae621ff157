// Prints one closing line that any CI can read: "tests: N passed, N failed, N skipped".
// Written at process exit so that it comes after jest's own summary. Under the tier runner
// (scripts/test-tiers.ts, THREADLINE_TEST_COUNTS set) it appends the counts to that file instead,
// and the runner prints one line for all tiers.
const { appendFileSync } = require('node:fs');

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests, numFailedTestSuites, numRuntimeErrorTestSuites } = results;
    const failed = numFailedTests + (numFailedTests === 0 ? numFailedTestSuites + numRuntimeErrorTestSuites : 0);
    const counts = { passed: numPassedTests, failed, skipped: numPendingTests + numTodoTests };
    if (process.env.THREADLINE_TEST_COUNTS) return appendFileSync(process.env.THREADLINE_TEST_COUNTS, `${JSON.stringify(counts)}\n`);
    const line = `tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
