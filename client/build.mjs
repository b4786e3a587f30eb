// Bundles the extension host side into one CommonJS file.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  outfile: 'out/extension.js',
  sourcemap: true,
  logLevel: 'warning',
});
