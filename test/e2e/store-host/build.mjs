/**
 * Builds the test-only extension into a .vsix: src/ bundled with the store's sources into one
 * CommonJS file with the options of Klaxon's own bundles (server/build.mjs), node-sqlite3-wasm's
 * dist/ files (its script and its .wasm) copied beside the bundle, and nothing else: no
 * node_modules. Run as a script, it builds into the directory given.
 */
import { execFile } from 'node:child_process';
import { copyFile, cp, mkdir, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { COMMONJS_FROM_MODULES } from '../../../engine/scripts/commonjs-bundle.mjs';

const here = import.meta.dirname;
const requireHere = createRequire(import.meta.url);
/** The package as the engine depends on it. */
const sqliteDist = dirname(createRequire(join(here, '../../../engine/package.json')).resolve('node-sqlite3-wasm'));

/** Builds into `directory` (its `extension/` is the unpacked extension); resolves to the .vsix. */
export async function buildStoreHostExtension(directory) {
  const stage = join(directory, 'extension');
  await rm(stage, { recursive: true, force: true });
  await mkdir(join(stage, 'out'), { recursive: true });
  await build({
    entryPoints: [join(here, 'src/extension.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    outfile: join(stage, 'out/extension.js'),
    ...COMMONJS_FROM_MODULES,
    logLevel: 'warning',
  });
  for (const file of await readdir(sqliteDist)) await copyFile(join(sqliteDist, file), join(stage, 'out', file));
  await cp(join(here, 'package.json'), join(stage, 'package.json'));
  await cp(join(here, 'README.md'), join(stage, 'README.md'));

  const vsix = join(directory, 'klaxon-store-host.vsix');
  await promisify(execFile)(
    process.execPath,
    [requireHere.resolve('@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix],
    { cwd: stage },
  );
  return vsix;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const directory = process.argv[2];
  if (!directory) throw new Error('usage: node build.mjs <output directory>');
  console.log(await buildStoreHostExtension(resolve(directory)));
}
