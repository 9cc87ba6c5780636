// fast-json-patch's helpers module, which its core module already bundles.
declare module 'fast-json-patch/module/helpers.mjs' {
  export * from 'fast-json-patch/module/helpers';
}
