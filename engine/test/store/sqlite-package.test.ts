/**
 * The store in a CommonJS bundle that has no node_modules to load node-sqlite3-wasm from, built as
 * Klaxon's bundles are (import.meta.url defined as the bundle's URL): it works with the package's
 * dist/ files shipped beside the bundle, and says what is missing without them.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirectory } from './temp-directory.js';

const storeSources = fileURLToPath(new URL('../../src/store/', import.meta.url));
const sqliteDist = dirname(createRequire(import.meta.url).resolve('node-sqlite3-wasm'));

/** Opens the store at argv[2], writes a silence, reopens it and prints the silences it reads. */
const ENTRY = `
import { KlaxonStore } from './klaxon-store.js';
async function main() {
  const silence = { id: 's1', matchers: [], startsAt: 1, endsAt: 2, updatedAt: 1, createdBy: 'me', comment: 'ü' };
  const first = KlaxonStore.open(process.argv[2]);
  await first.putSilences([silence]);
  first.close();
  const reopened = KlaxonStore.open(process.argv[2]);
  console.log(JSON.stringify(reopened.listSilences()));
  reopened.close();
}
void main();
`;

/** Under the system temp dir, where no node_modules lies on the way up. */
let bundleDirectory: string;
let bundle: string;

beforeAll(async () => {
  bundleDirectory = mkdtempSync(join(tmpdir(), 'klaxon-store-bundle-'));
  bundle = join(bundleDirectory, 'bare/bundle.js');
  await build({
    stdin: { contents: ENTRY, resolveDir: storeSources, loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: bundle,
    define: { 'import.meta.url': '__klaxonBundleUrl' },
    banner: { js: "var __klaxonBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'error',
  });
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

function runBundle(script: string, storagePath: string): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env };
  delete env['NODE_PATH'];
  return promisify(execFile)(process.execPath, [script, storagePath], { env });
}

describe('the store in a CommonJS bundle without node_modules', () => {
  it("says where node-sqlite3-wasm's files are missing", async () => {
    await expect(runBundle(bundle, tempDirectory())).rejects.toThrow(
      `node-sqlite3-wasm is in no node_modules and not beside ${bundle}: a bundle ships its dist/ files there`,
    );
  });

  it("runs with the package's dist/ files beside the bundle", async () => {
    const shipped = join(bundleDirectory, 'shipped');
    mkdirSync(shipped);
    copyFileSync(bundle, join(shipped, 'bundle.js'));
    for (const file of readdirSync(sqliteDist)) copyFileSync(join(sqliteDist, file), join(shipped, file));
    const { stdout } = await runBundle(join(shipped, 'bundle.js'), tempDirectory());
    expect(JSON.parse(stdout)).toEqual([{ id: 's1', matchers: [], startsAt: 1, endsAt: 2, updatedAt: 1, createdBy: 'me', comment: 'ü' }]);
  });
});
