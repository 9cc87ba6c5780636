// Bundles the compiled modules in dist/ into one minified ES module with
// every dependency inside, for <script type="module"> from a CDN.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const SIGNAL_NODE_FIELDS =
  /^(producer[A-Z]\w*|liveConsumer\w*|consumer[A-Z]\w*|nextProducerIndex|lastCleanEpoch|isComputed|isWatcher|isState|REACTIVE_NODE|computation)$/;

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
    terser({
      ecma: 2022,
      module: true,
      format: { comments: false },
      mangle: {
        // signal-polyfill's graph nodes keep their links in long, public
        // property names (producerNode, liveConsumerIndexOfThis...). Nothing
        // outside the bundle can reach those nodes, so they are renamed
        // like locals: about 0.2 KB gzipped.
        properties: { regex: SIGNAL_NODE_FIELDS },
      },
    }),
  ],
};
