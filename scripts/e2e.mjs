// Runs the end-to-end tests (test/e2e/*.e2e.mjs) with node:test and ends
// with the counts line "N passed, N failed", like the browser suite.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { readdirSync } from 'node:fs';

const dir = new URL('../test/e2e/', import.meta.url);
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.e2e.mjs'))
  .map((name) => new URL(name, dir).pathname);

let passed = 0;
let failed = 0;
const stream = run({ files, concurrency: 1, timeout: 120_000 });
stream.on('test:pass', (event) => {
  if (event.details.type !== 'suite') passed++;
});
stream.on('test:fail', (event) => {
  if (event.details.type !== 'suite') failed++;
});
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
});
