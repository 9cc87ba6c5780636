// Bundles the compiled modules in dist/ into minified ES modules with every
// dependency inside, for <script type="module"> from a CDN:
// - dist/constela.js, the production build (no warnings, no hints);
// - dist/constela.dev.js, the development build (src/dev.ts says what differs).
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const SIGNAL_NODE_FIELDS =
  /^(producer[A-Z]\w*|liveConsumer\w*|consumer[A-Z]\w*|nextProducerIndex|lastCleanEpoch|isComputed|isWatcher|isState|REACTIVE_NODE|computation)$/;

/** Replaces dist/dev.js with `DEV = false`, so `if (DEV)` branches go. */
const production = {
  name: 'constela-production',
  load(id) {
    return id.endsWith('/dist/dev.js') ? 'export const DEV = false;' : null;
  },
};

const bundle = (file, plugins) => ({
  input: 'dist/index.js',
  output: { file, format: 'es', sourcemap: true },
  onwarn(warning, warn) {
    // fast-json-patch's compiled class helpers test `this` at module level,
    // which is undefined in an ES module; harmless.
    if (warning.code === 'THIS_IS_UNDEFINED' && warning.id?.includes('fast-json-patch')) return;
    warn(warning);
  },
  plugins: [
    ...plugins,
    nodeResolve({ browser: true }),
    terser({
      ecma: 2022,
      module: true,
      format: { comments: false },
      compress: { passes: 2 },
      mangle: {
        // signal-polyfill's graph nodes keep their links in long, public
        // property names (producerNode, liveConsumerIndexOfThis...). Nothing
        // outside the bundle can reach those nodes, so they are renamed
        // like locals: about 0.2 KB gzipped.
        properties: { regex: SIGNAL_NODE_FIELDS },
      },
    }),
  ],
});

export default [bundle('dist/constela.js', [production]), bundle('dist/constela.dev.js', [])];
