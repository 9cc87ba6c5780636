// What the churn scenario leaves on the heap, by kind of object:
//   npm run build && node bench/heap.mjs [constela|lit|vanilla] [rounds]
// Takes a heap snapshot after load and another after `rounds` rounds of
// create and clear (1,000 and 10,000 rows), both after garbage collection,
// and prints the kinds of object whose total size grew the most. This is how
// the leaked list markers (lit/lit#5298) and the signal-polyfill brand
// tables were found.
import { chromium } from 'playwright-core';
import { createDemoServer } from '../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../test/server/chromium.mjs';

const contender = process.argv[2] ?? 'constela';
const rounds = Number(process.argv[3] ?? 5);

const server = createDemoServer([], ['bench', 'dist']);
await new Promise((resolve) => server.listen(0, resolve));
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: [...chromiumArgs, '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://localhost:${server.address().port}/bench/table.html?c=${contender}`);
  await page.waitForFunction(() => document.title === 'ready');
  const cdp = await page.context().newCDPSession(page);

  /** Total self size and count per "type:name" after a full collection. */
  const census = async () => {
    await page.evaluate(async () => {
      window.gc();
      await new Promise((resolve) => setTimeout(resolve, 50));
      window.gc();
    });
    let text = '';
    const collect = ({ chunk }) => (text += chunk);
    cdp.on('HeapProfiler.addHeapSnapshotChunk', collect);
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    cdp.off('HeapProfiler.addHeapSnapshotChunk', collect);
    const { snapshot, nodes, strings } = JSON.parse(text);
    const fields = snapshot.meta.node_fields;
    const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
    const types = snapshot.meta.node_types[0];
    const kinds = new Map();
    for (let i = 0; i < nodes.length; i += fields.length) {
      const t = types[nodes[i + type]];
      const key = t.includes('string') ? t : `${t}:${strings[nodes[i + name]].slice(0, 50)}`;
      const entry = kinds.get(key) ?? { count: 0, bytes: 0 };
      entry.count++;
      entry.bytes += nodes[i + size];
      kinds.set(key, entry);
    }
    return kinds;
  };

  const before = await census();
  await page.evaluate(async (n) => {
    for (let i = 0; i < n; i++) {
      for (const size of [1000, 10000]) {
        await window.bench.create(size);
        await window.bench.settled();
        await window.bench.clear();
        await window.bench.settled();
      }
    }
  }, rounds);
  const after = await census();

  const total = (kinds) => [...kinds.values()].reduce((sum, k) => sum + k.bytes, 0);
  console.log(
    `${contender}, ${rounds} rounds: heap ${(total(before) / 1e6).toFixed(2)} MB -> ${(total(after) / 1e6).toFixed(2)} MB`,
  );
  const growth = [...after]
    .map(([key, k]) => [
      key,
      k.count - (before.get(key)?.count ?? 0),
      k.bytes - (before.get(key)?.bytes ?? 0),
    ])
    .sort((a, b) => b[2] - a[2])
    .slice(0, 15);
  console.log('     grew KB   count  kind');
  for (const [key, count, bytes] of growth) {
    console.log(`${(bytes / 1e3).toFixed(1).padStart(12)} ${String(count).padStart(7)}  ${key}`);
  }
} finally {
  await browser.close();
  server.close();
}
