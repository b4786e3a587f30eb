// What esbuild bundles in CommonJS of code written as modules need, for every such bundle of the
// project (the klaxon command, the language server, the test extension of the store): CommonJS has
// no import.meta, so its url is the bundle file's; and the banner keeps the file strict, as modules
// are (esbuild's own "use strict" would come after the banner, where it no longer counts).
export const COMMONJS_FROM_MODULES = {
  define: { 'import.meta.url': '__klaxonBundleUrl' },
  banner: { js: "'use strict';\nvar __klaxonBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
};
