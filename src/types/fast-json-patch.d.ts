// fast-json-patch's core module alone (the package index also pulls in
// `observe`/`compare`, ~1 KB gzipped we never use); its types are the
// package's own.
declare module 'fast-json-patch/module/core.mjs' {
  export * from 'fast-json-patch/module/core';
}
// fast-json-patch's helpers module, which its core module already bundles.
declare module 'fast-json-patch/module/helpers.mjs' {
  export * from 'fast-json-patch/module/helpers';
}
