// Bundles the compiled modules in dist/ into one minified ES module with
// every dependency inside, for <script type="module"> from a CDN.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

export default {
  input: 'dist/index.js',
  output: {
    file: 'dist/constela.js',
    format: 'es',
    sourcemap: true,
  },
  onwarn(warning, warn) {
    // fast-json-patch's compiled class helpers test `this` at module level,
    // which is undefined in an ES module; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('fast-json-patch')) return;
    warn(warning);
  },
  plugins: [
    nodeResolve({ browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
