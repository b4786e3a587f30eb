#!/usr/bin/env node
/**
 * The `klaxon` executable (dist/bin/klaxon.js, built by scripts/bundle-cli.mjs): runs the bundled
 * CLI next to it with V8's code cache, so that the bundle's functions are not compiled again on
 * every start. The cache is written at build time after a sample run, and holds the functions
 * that run compiled; V8 ignores a cache that does not fit the bundle or the Node.js version.
 * The same file serves as the script of `klaxon check`'s worker threads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';

/** Set by the build: the run writes the cache when it ends. */
const WRITE_CODE_CACHE = 'KLAXON_WRITE_CODE_CACHE';

interface Bundle {
  runCommandLine(): void;
  checkShardForParent(): void;
}

const directory = dirname(fileURLToPath(import.meta.url));
const bundlePath = join(directory, 'klaxon.cjs');
const cachePath = join(directory, 'klaxon.cache');

function readCache(): Buffer | undefined {
  try {
    return readFileSync(cachePath);
  } catch {
    return undefined;
  }
}

// The bundle is CommonJS, wrapped as Node.js wraps modules (on its first line, so that positions in
// stack traces stay right after it).
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(bundlePath, 'utf8')}\n})`;
const script = new Script(source, { filename: bundlePath, cachedData: readCache() });
const module = { exports: {} as Bundle };
script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, directory);

if (process.env[WRITE_CODE_CACHE] && isMainThread) process.once('exit', () => writeFileSync(cachePath, script.createCachedData()));
if (isMainThread) module.exports.runCommandLine();
else module.exports.checkShardForParent();
