/**
 * Whether this is the development build. Warnings (a name that is not
 * declared, a prop that was refused, a key used twice) and the hints of
 * validation messages (the closest name for a typo) exist only there; the
 * production bundle keeps every error, with its code and JSON Pointer.
 *
 * The compiled modules (`dist/index.js`, what tests and bundlers import) and
 * `dist/constela.dev.js` are development builds. The CDN bundle
 * `dist/constela.js` is built with this module replaced by
 * `export const DEV = false` (rollup.config.mjs), and the minifier drops
 * every `if (DEV)` branch.
 */
export const DEV: boolean = true;
