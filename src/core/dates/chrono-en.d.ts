// The project resolves modules the classic Node way (moduleResolution "node"), which ignores the
// "exports" map chrono-node uses for its English-only entry point. Node, jest and esbuild resolve
// 'chrono-node/en' through that map at run time; this shim only tells TypeScript where its types are.
declare module 'chrono-node/en' {
  export * from 'chrono-node/dist/cjs/locales/en/index';
}
