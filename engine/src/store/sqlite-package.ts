/**
 * Finds node-sqlite3-wasm. Its script reads its .wasm file from the directory it is in, so a bundle
 * without node_modules (the VS Code extension's) ships the package's dist/ files beside itself:
 * node-sqlite3-wasm.js and node-sqlite3-wasm.wasm. Anywhere else (tsc's output, the tests, the CLI)
 * they are not beside this module, and the package is loaded from node_modules.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export type SqlitePackage = typeof import('node-sqlite3-wasm');

/** The package's script, as a bundle ships it (its .wasm file goes beside it under its own name). */
const SCRIPT_BESIDE_BUNDLE = 'node-sqlite3-wasm.js';

let loaded: SqlitePackage | undefined;

/** Loads the package on first use rather than with this module: loading compiles the WASM. */
export function loadSqlitePackage(): SqlitePackage {
  loaded ??= loadFrom(import.meta.url);
  return loaded;
}

function loadFrom(moduleUrl: string | undefined): SqlitePackage {
  // esbuild leaves import.meta empty in CommonJS output unless the build defines its url.
  if (!moduleUrl) throw new Error('import.meta.url is not set: a CommonJS bundle must define it as the bundle file\'s URL');
  const beside = fileURLToPath(new URL(SCRIPT_BESIDE_BUNDLE, moduleUrl));
  const load = createRequire(moduleUrl);
  if (existsSync(beside)) return load(beside) as SqlitePackage;
  try {
    return load('node-sqlite3-wasm') as SqlitePackage;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error(
      `node-sqlite3-wasm is in no node_modules and not beside ${fileURLToPath(moduleUrl)}: a bundle ships its dist/ files there`,
      { cause: error },
    );
  }
}
