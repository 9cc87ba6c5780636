import { describeBundle } from './bundle-checks.js';

// The development build: the same runtime, with warnings and typo hints.
describeBundle('/dist/constela.dev.js', true);
