// Bundles the language server, engine included (from its sources), into one CommonJS file for the extension.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { COMMONJS_FROM_MODULES } from '../engine/scripts/commonjs-bundle.mjs';

await build({
  entryPoints: ['src/server.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'out/server.js',
  alias: { '@klaxon/engine': fileURLToPath(new URL('../engine/src/index.ts', import.meta.url)) },
  // Engine modules that locate files from import.meta.url find them next to the bundle.
  ...COMMONJS_FROM_MODULES,
  sourcemap: true,
  logLevel: 'warning',
});
