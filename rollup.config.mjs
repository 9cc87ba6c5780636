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
  plugins: [
    nodeResolve({ browser: true }),
    terser({ ecma: 2022, module: true, format: { comments: false } }),
  ],
};
