// Bundles the language server, engine included, into one CommonJS file for the extension.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/server.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outfile: 'out/server.js',
  sourcemap: true,
  logLevel: 'warning',
});
