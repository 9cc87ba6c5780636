import { describeBundle } from './bundle-checks.js';

// The production build: what a page loads from the CDN.
describeBundle('/dist/constela.js', false);
