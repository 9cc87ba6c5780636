// Runs the Node suites with node:test: test/node/*.test.mjs (the schema
// against the runtime checker) and test/e2e/*.e2e.mjs (the demos in
// Chromium). Ends with the counts line "N passed, N failed", like the
// browser suite.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';

const suites = [
  ['../test/node/', '.test.mjs'],
  ['../test/e2e/', '.e2e.mjs'],
];
const files = suites.flatMap(([folder, ending]) => {
  const dir = new URL(folder, import.meta.url);
  return readdirSync(dir)
    .filter((name) => name.endsWith(ending))
    .map((name) => new URL(name, dir).pathname);
});

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:pass', (event) => {
  if (event.details.type !== 'suite') passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++;
});
const report = stream.compose(spec);
report.pipe(process.stdout);
// After the reporter's own summary, so the counts line is the last one.
report.on('end', () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
