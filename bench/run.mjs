// npm run bench [-- --quick] [-- --json FILE] [-- --only table,pinpoint,sse,optimistic,churn,size]
//
// Measures <constela-app> in headless Chromium against the same table
// hand-written with Lit and with plain DOM calls, in one run, alternating
// the contenders, and prints medians and ratios. See docs/benchmarks.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { chromium } from 'playwright-core';
import { createDemoServer } from '../demo/server.mjs';
import { chromiumArgs, chromiumPath } from '../test/server/chromium.mjs';
import { writePatchStream } from './patch-stream.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const jsonFile = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : undefined;
/** Whether a scenario runs: all of them, unless `--only` names some. */
const wanted = (scenario) => only === undefined || only.includes(scenario);
const root = new URL('..', import.meta.url);
const RUNS = quick ? 3 : 15;
const CONTENDERS = ['constela', 'lit', 'vanilla'];

// The Lit contender is bundled the way an app using Lit would ship it.
async function bundleLit() {
  const bundle = await rollup({
    input: new URL('contenders/lit.js', import.meta.url).pathname,
    plugins: [nodeResolve({ browser: true }), terser({ module: true })],
  });
  mkdirSync(new URL('.out/', import.meta.url), { recursive: true });
  await bundle.write({ file: new URL('.out/lit.js', import.meta.url).pathname, format: 'es' });
}

/** Endpoints of the realtime scenarios. */
async function benchRoutes(req, res, url) {
  if (url.pathname === '/bench/like' && req.method === 'POST') {
    setTimeout(() => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'), 200);
    return true;
  }
  if (url.pathname === '/bench/patches') {
    const rate = Number(url.searchParams.get('rate'));
    const seconds = Number(url.searchParams.get('seconds'));
    writePatchStream(req, res, rate, seconds);
    return true;
  }
  return false;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** The standard keyed-table operations: [name, setup, op]. */
function tableOps() {
  const big = quick ? 2000 : 10000;
  return [
    ['create 1,000 rows', [['clear']], ['create', 1000]],
    ['replace all 1,000 rows', [['create', 1000]], ['create', 1000]],
    ['update every 10th row', [['create', 1000]], ['updateEvery10th']],
    ['select a row', [['create', 1000]], ['select', 5]],
    ['swap two rows', [['create', 1000]], ['swapRows']],
    ['remove a row', [['create', 1000]], ['removeRow', 5]],
    [`create ${big.toLocaleString('en')} rows`, [['clear']], ['create', big]],
    ['append 1,000 rows', [['create', 1000]], ['append', 1000]],
    ['clear 1,000 rows', [['create', 1000]], ['clear']],
  ];
}

async function main() {
  await bundleLit();
  const server = createDemoServer([benchRoutes], ['bench', 'dist']);
  await new Promise((resolve) => server.listen(0, resolve));
  const base = `http://localhost:${server.address().port}`;
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumArgs, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const results = { machine: machine(), quick, scenarios: {} };
  try {
    const pages = {};
    for (const c of CONTENDERS) {
      const page = await browser.newPage();
      page.on('pageerror', (error) => console.error(`[${c}]`, error));
      await page.goto(`${base}/bench/table.html?c=${c}`);
      await page.waitForFunction(() => document.title === 'ready');
      pages[c] = page;
    }

    if (wanted('table')) {
      // 1. Keyed table operations, contenders alternating in a rotating order.
      const table = {};
      for (const [name, setup, op] of tableOps()) {
        const samples = Object.fromEntries(CONTENDERS.map((c) => [c, { script: [], total: [] }]));
        for (let run = 0; run < RUNS; run++) {
          for (let k = 0; k < CONTENDERS.length; k++) {
            const c = CONTENDERS[(run + k) % CONTENDERS.length];
            await pages[c].bringToFront();
            const r = await pages[c].evaluate(([s, o]) => window.measure(s, o), [setup, op]);
            samples[c].script.push(r.script);
            samples[c].total.push(r.total);
          }
        }
        table[name] = Object.fromEntries(
          CONTENDERS.map((c) => [
            c,
            { script: median(samples[c].script), total: median(samples[c].total) },
          ]),
        );
        process.stderr.write('.');
      }
      results.scenarios.table = table;
    }

    if (wanted('pinpoint')) {
      // 2. Pinpoint updates: one field of one row, in 1,000 and 10,000 rows.
      const pinpoint = {};
      const sizes = quick ? [1000, 2000] : [1000, 10000];
      const count = quick ? 20 : 100;
      for (const size of sizes) {
        pinpoint[size] = {};
        for (const c of CONTENDERS) {
          const per = [];
          for (let run = 0; run < Math.max(3, RUNS / 3); run++) {
            await pages[c].bringToFront();
            per.push(
              await pages[c].evaluate(
                ([n, k]) =>
                  window.repeat([['create', n]], ['setLabel', 500, `x${Math.random()}`], k),
                [size, count],
              ),
            );
          }
          pinpoint[size][c] = median(per);
        }
      }
      results.scenarios.pinpoint = pinpoint;
      process.stderr.write('.');
    }

    const rt = await browser.newPage();
    rt.on('pageerror', (error) => console.error('[realtime]', error));
    await rt.goto(`${base}/bench/realtime.html`);
    await rt.waitForFunction(() => document.title === 'ready');
    await rt.bringToFront();

    if (wanted('sse')) {
      // 3. An SSE stream of single-operation JSON Patch messages, into
      // <constela-app> and into the same table written by hand.
      const rate = 10000;
      const seconds = quick ? 2 : 10;
      const cdp = await rt.context().newCDPSession(rt);
      await cdp.send('Performance.enable');
      const busy = async () =>
        (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')
          .value;
      const url = `/bench/patches?rate=${rate}&seconds=${seconds}`;
      results.scenarios.sse = { rate, seconds, sent: rate * seconds };
      for (const [who, run] of [
        ['constela', 'streamPatches'],
        ['byHand', 'streamPatchesByHand'],
      ]) {
        // The busy share is taken over the seconds the stream runs.
        await rt.evaluate(
          ([r, u, s]) => void (window.stream = window[r](u, s)),
          [run, url, seconds],
        );
        const busyBefore = await busy();
        const wallBefore = Date.now();
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        const busyShare = ((await busy()) - busyBefore) / ((Date.now() - wallBefore) / 1000);
        const stream = await rt.evaluate(() => window.stream);
        results.scenarios.sse[who] = {
          received: stream.count,
          lost: rate * seconds - stream.count,
          busyShare,
          p95StalenessMs: percentile(stream.staleness, 95),
          p95FrameMs: percentile(stream.intervals, 95),
        };
      }
      process.stderr.write('.');
    }

    if (wanted('optimistic')) {
      // 4. Optimistic click to paint.
      const { dom, paint } = await rt.evaluate((n) => window.optimisticClick(n), quick ? 10 : 40);
      results.scenarios.optimistic = {
        domMedianMs: median(dom),
        domP95Ms: percentile(dom, 95),
        medianMs: median(paint),
        p95Ms: percentile(paint, 95),
      };
    }
    await rt.close();

    if (wanted('churn')) {
      // 5. Churn: five rounds of create and clear, then heap and live effects.
      const churn = {};
      for (const c of CONTENDERS) {
        const page = pages[c];
        await page.bringToFront();
        churn[c] = await page.evaluate(
          async (big) => {
            const gc = () => window.gc?.();
            const app = document.querySelector('constela-app');
            /** The app's live binding effects. */
            const effects = () => (app ? app.status.app.reactor.size : null);
            // The baseline: the empty table after a first round, once the
            // list has made what it keeps for as long as it lives (the
            // selector its rows share), so only what rows leave counts.
            await window.bench.create(1000);
            await window.bench.settled();
            await window.bench.clear();
            await window.bench.settled();
            const baseline = effects();
            for (let i = 0; i < 5; i++) {
              for (const n of [1000, big]) {
                await window.bench.create(n);
                await window.bench.settled();
                await window.bench.clear();
                await window.bench.settled();
              }
            }
            gc();
            await new Promise((r) => setTimeout(r, 50));
            gc();
            return {
              heapMB: performance.memory.usedJSHeapSize / 1e6,
              effects: effects(),
              baselineEffects: baseline,
            };
          },
          quick ? 2000 : 10000,
        );
      }
      results.scenarios.churn = churn;
    }

    // 6. Size of the CDN bundle.
    const bundle = readFileSync(new URL('dist/constela.js', root));
    results.scenarios.size = {
      minified: bundle.length,
      gzip: gzipSync(bundle, { level: 9 }).length,
    };
  } finally {
    await browser.close();
    server.close();
  }
  process.stderr.write('\n');
  print(results);
  if (jsonFile) writeFileSync(jsonFile, JSON.stringify(results, null, 2) + '\n');
}

function machine() {
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: (globalThis.navigator?.hardwareConcurrency ?? 0) || undefined,
  };
}

const ms = (x) => x.toFixed(2).padStart(8);
// Below 0.05 ms the clock cannot tell: no ratio is shown.
const ratio = (a, b) => (b < 0.05 ? '    —  ' : (a / b).toFixed(2).padStart(6) + '×');

function print({ scenarios, quick: q }) {
  const out = [];
  out.push(
    `constela-app benchmarks${q ? ' (quick)' : ''}: medians in ms; ratio = constela ÷ other`,
  );
  if (scenarios.table) {
    out.push('');
    out.push(
      '1. keyed table       script: constela      lit  vanilla   ÷lit ÷vanilla |  total: constela      lit  vanilla   ÷lit ÷vanilla',
    );
    for (const [name, r] of Object.entries(scenarios.table)) {
      out.push(
        `${name.padEnd(24)}${ms(r.constela.script)} ${ms(r.lit.script)} ${ms(r.vanilla.script)} ${ratio(r.constela.script, r.lit.script)} ${ratio(r.constela.script, r.vanilla.script)} |  ` +
          `${ms(r.constela.total)} ${ms(r.lit.total)} ${ms(r.vanilla.total)} ${ratio(r.constela.total, r.lit.total)} ${ratio(r.constela.total, r.vanilla.total)}`,
      );
    }
  }
  if (scenarios.pinpoint) {
    out.push('');
    const [small, large] = Object.keys(scenarios.pinpoint);
    out.push(
      `2. pinpoint update (ms per update, one binding changes)   ${small} rows   ${large} rows   ${large}÷${small}`,
    );
    for (const c of CONTENDERS) {
      const a = scenarios.pinpoint[small][c];
      const b = scenarios.pinpoint[large][c];
      // An average over many updates: finer than the clock, so 3 decimals.
      const fine = (x) => x.toFixed(3).padStart(8);
      const r = a < 0.001 ? '    —  ' : (b / a).toFixed(2).padStart(6) + '×';
      out.push(`   ${c.padEnd(52)}${fine(a)}   ${fine(b)}   ${r}`);
    }
  }
  if (scenarios.sse) {
    out.push('');
    const sse = scenarios.sse;
    out.push(
      `3. SSE: ${sse.rate.toLocaleString('en')} patch messages/s for ${sse.seconds} s into 1,000 rows`,
    );
    for (const [who, name] of [
      ['constela', 'constela'],
      ['byHand', 'by hand (fetch + DOM calls, a floor)'],
    ]) {
      const r = sse[who];
      out.push(
        `   ${name}: lost ${r.lost} of ${sse.sent}; main thread busy ${(r.busyShare * 100).toFixed(0)}%; ` +
          `p95 arrival to screen ${r.p95StalenessMs.toFixed(1)} ms; p95 frame interval ${r.p95FrameMs.toFixed(1)} ms`,
      );
    }
  }
  if (scenarios.optimistic) {
    out.push('');
    out.push(
      `4. optimistic click: to the DOM median ${scenarios.optimistic.domMedianMs.toFixed(1)} ms, p95 ${scenarios.optimistic.domP95Ms.toFixed(1)} ms; ` +
        `to the painted frame median ${scenarios.optimistic.medianMs.toFixed(1)} ms, p95 ${scenarios.optimistic.p95Ms.toFixed(1)} ms`,
    );
  }
  if (scenarios.churn) {
    out.push('');
    out.push('5. churn (5 × create/clear)   heap MB   live effects (baseline)');
    for (const c of CONTENDERS) {
      const r = scenarios.churn[c];
      const effects = r.effects === null ? '-' : `${r.effects} (${r.baselineEffects})`;
      out.push(`   ${c.padEnd(27)}${r.heapMB.toFixed(1).padStart(7)}   ${effects}`);
    }
    out.push(
      `   heap constela ÷ lit: ${ratio(scenarios.churn.constela.heapMB, scenarios.churn.lit.heapMB)}`,
    );
  }
  if (scenarios.size) {
    out.push('');
    out.push(
      `6. size: dist/constela.js ${scenarios.size.minified} B minified, ${scenarios.size.gzip} B gzipped (budget 20480)`,
    );
  }
  console.log(out.join('\n'));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
