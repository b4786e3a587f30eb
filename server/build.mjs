// Bundles the language server, engine included (from its sources), into one CommonJS file for the extension.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

await build({
  entryPoints: ['src/server.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'out/server.js',
  alias: { '@klaxon/engine': fileURLToPath(new URL('../engine/src/index.ts', import.meta.url)) },
  // Engine modules that locate files from import.meta.url find them next to the bundle.
  define: { 'import.meta.url': '__klaxonBundleUrl' },
  banner: { js: "var __klaxonBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  sourcemap: true,
  logLevel: 'warning',
});
