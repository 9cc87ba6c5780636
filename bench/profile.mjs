// Where the main thread's time goes, by function (self time):
//   npm run build && node bench/profile.mjs [table|select|sse]
// table: 15 rounds of create 1,000 rows and clear, in <constela-app>;
// select: 300 selections of a row in a table of 1,000 rows;
// sse: 4 s of the SSE scenario (10,000 patch messages a second).
// Function names are the minified ones of dist/constela.js; the printed
// offset finds them in the bundle. "(program)" is the browser's own work
// (style, layout, paint, parsing), which no runtime can remove.
import { chromium } from 'playwright-core';
import { createDemoServer } from '../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../test/server/chromium.mjs';
import { writePatchStream } from './patch-stream.mjs';

const mode = process.argv[2] ?? 'table';

/** The bench's stream, for 4 seconds. */
function patches(req, res, url) {
  if (url.pathname !== '/bench/patches') return false;
  writePatchStream(req, res, 10000, 4);
  return true;
}

const server = createDemoServer([patches], ['bench', 'dist']);
await new Promise((resolve) => server.listen(0, resolve));
const base = `http://localhost:${server.address().port}`;
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
try {
  const page = await browser.newPage();
  await page.goto(
    mode === 'sse' ? `${base}/bench/realtime.html` : `${base}/bench/table.html?c=constela`,
  );
  await page.waitForFunction(() => document.title === 'ready');
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  if (mode === 'sse') {
    await page.evaluate(() => window.streamPatches('/bench/patches', 4));
  } else if (mode === 'select') {
    await page.evaluate(async () => {
      await window.bench.create(1000);
      await window.bench.settled();
      for (let i = 0; i < 300; i++) {
        await window.bench.select(i % 1000);
        await window.bench.settled();
      }
    });
  } else {
    await page.evaluate(async () => {
      for (let i = 0; i < 15; i++) {
        await window.bench.create(1000);
        await window.bench.settled();
        await window.bench.clear();
        await window.bench.settled();
      }
    });
  }
  const { profile } = await cdp.send('Profiler.stop');

  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let busy = 0;
  profile.samples.forEach((id, i) => {
    const { functionName, url, columnNumber } = nodes.get(id).callFrame;
    if (functionName === '(idle)') return;
    const where = url ? ` ${url.split('/').pop()}:${columnNumber}` : '';
    const key = `${functionName || '(anonymous)'}${where}`;
    const micros = profile.timeDeltas[i] ?? 0;
    self.set(key, (self.get(key) ?? 0) + micros);
    busy += micros;
  });
  console.log(`${mode}: ${(busy / 1000).toFixed(0)} ms busy`);
  for (const [key, micros] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(
      `${(micros / 1000).toFixed(1).padStart(9)} ms ${((100 * micros) / busy).toFixed(1).padStart(5)}%  ${key}`,
    );
  }
} finally {
  await browser.close();
  server.close();
}
