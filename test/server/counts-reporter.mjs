// A web-test-runner reporter that ends the run with one line,
// "N passed, N failed", counting every test that ran in every browser.
export function countsReporter() {
  let line = '';
  return {
    stop() {
      if (line) console.log(`\n${line}`);
    },
    onTestRunFinished({ sessions }) {
      let passed = 0;
      let failed = 0;
      let skipped = 0;
      const count = (suite) => {
        for (const test of suite.tests) {
          if (test.skipped) skipped++;
          else if (test.passed) passed++;
          else failed++;
        }
        for (const child of suite.suites) count(child);
      };
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load ran no test: count it as a failure.
        else if (!session.passed) failed++;
        if (session.testResults && !session.passed && session.errors?.length) failed++;
      }
      const tail = skipped > 0 ? `, ${skipped} skipped` : '';
      // Printed in stop(), after the default reporter's own summary.
      line = `${passed} passed, ${failed} failed${tail}`;
    },
  };
}
