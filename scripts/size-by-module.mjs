// Where the bytes of dist/constela.js come from: every module of the bundle
// minified and gzipped on its own (each alone compresses worse than inside
// the bundle, so the sum is larger than the bundle; the order is what counts).
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import { gzipSync } from 'node:zlib';

const bundle = await rollup({
  input: new URL('../dist/index.js', import.meta.url).pathname,
  plugins: [
    // The production build, as rollup.config.mjs makes dist/constela.js.
    { load: (id) => (id.endsWith('/dist/dev.js') ? 'export const DEV = false;' : null) },
    nodeResolve({ browser: true }),
  ],
  onwarn() {},
});
const { output } = await bundle.generate({
  format: 'es',
  preserveModules: true,
  plugins: [terser({ ecma: 2022, module: true, format: { comments: false } })],
});
const rows = output
  .filter((chunk) => chunk.type === 'chunk')
  .map((chunk) => [chunk.fileName, chunk.code.length, gzipSync(chunk.code, { level: 9 }).length])
  .sort((a, b) => b[2] - a[2]);
console.log(' gzip B   min B  module');
for (const [name, min, gz] of rows) {
  console.log(
    `${String(gz).padStart(7)} ${String(min).padStart(7)}  ${name.replace(/^.*node_modules\//, '')}`,
  );
}
