// What each module costs inside dist/constela.js: the bundle is gzipped in
// growing prefixes, and each prefix's extra compressed bytes are shared out
// among the modules its new bytes came from (read off the source map). The
// figures add up to the bundle's gzipped size, and what repeats across
// modules is counted once.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const file = new URL('../dist/constela.js', import.meta.url);
const code = readFileSync(file, 'utf8');
const map = JSON.parse(readFileSync(new URL('../dist/constela.js.map', import.meta.url), 'utf8'));

// The source of every byte of the bundle, from the map's VLQ segments.
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >> 1) : value >> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}
const starts = [];
let offset = 0;
let source = 0;
const lines = code.split('\n');
map.mappings.split(';').forEach((line, i) => {
  let column = 0;
  for (const segment of line.split(',')) {
    if (segment === '') continue;
    const values = decode(segment);
    column += values[0];
    if (values.length > 1) source += values[1];
    starts.push([offset + column, values.length > 1 ? source : -1]);
  }
  offset += lines[i].length + 1;
});
starts.sort((a, b) => a[0] - b[0]);
const owner = new Int32Array(code.length).fill(-1);
starts.forEach(([start, src], i) => {
  const end = i + 1 < starts.length ? starts[i + 1][0] : code.length;
  owner.fill(src, start, end);
});

const STEP = 256;
/** The modules of this project (not dependencies). */
const ours = new Set();
const cost = new Map();
let previous = 0;
for (let end = STEP; end < code.length + STEP; end += STEP) {
  const stop = Math.min(end, code.length);
  const size = gzipSync(code.slice(0, stop), { level: 9 }).length;
  const counts = new Map();
  for (let i = end - STEP; i < stop; i++) counts.set(owner[i], (counts.get(owner[i]) ?? 0) + 1);
  const total = stop - (end - STEP);
  for (const [src, n] of counts) {
    const name = src < 0 ? '(bundle glue)' : map.sources[src].replace(/^.*node_modules\//, '');
    if (src >= 0 && !map.sources[src].includes('node_modules/')) ours.add(name);
    cost.set(name, (cost.get(name) ?? 0) + ((size - previous) * n) / total);
  }
  previous = size;
}
let oursBytes = 0;
console.log(' gzip B  module (inside the bundle)');
for (const [name, bytes] of [...cost].sort((a, b) => b[1] - a[1])) {
  if (ours.has(name)) oursBytes += bytes;
  console.log(`${String(Math.round(bytes)).padStart(7)}  ${ours.has(name) ? `dist/${name}` : name}`);
}
console.log(`${String(Math.round(oursBytes)).padStart(7)}  all of dist/ (our code)`);
console.log(`${String(previous).padStart(7)}  dist/constela.js`);
