#!/usr/bin/env node
/**
 * The `klaxon` executable (dist/bin/klaxon.cjs, built by scripts/bundle-cli.mjs): runs the bundled
 * CLI next to it with V8's code cache, so that the bundle's functions are not compiled again on
 * every start. The cache is written at build time after a sample run, and holds the functions
 * that run compiled; V8 ignores a cache that does not fit the bundle or the Node.js version.
 * The same file serves as the script of `klaxon check`'s worker threads.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Script } from 'node:vm';
import { isMainThread } from 'node:worker_threads';
import { lowerHelperThreadPriority } from './helper-thread-priority.js';

/** Set by the build: the run writes the cache when it ends. */
const WRITE_CODE_CACHE = 'KLAXON_WRITE_CODE_CACHE';
/** Set by the build: the run fails (status 3) when V8 rejects the cache. */
const VERIFY_CODE_CACHE = 'KLAXON_VERIFY_CODE_CACHE';

interface Bundle {
  runCommandLine(): void;
  checkShardForParent(): void;
}

/**
 * Most `klaxon` runs last well under a second, and much of that passes before V8's optimizing
 * compiler has caught up with the code that runs most. Inlining less makes each optimizing
 * compile quicker, so optimized code arrives sooner (`klaxon check` of 10,000 rules takes ~9%
 * less time; see engine/bench/check.mjs). Set before the bundle is compiled: a code cache is only
 * used under the flags it was written with.
 */
setFlagsFromString('--max-inlined-bytecode-size-cumulative=200');
if (isMainThread) lowerHelperThreadPriority();

const directory = dirname(fileURLToPath(import.meta.url));
const bundlePath = join(directory, 'cli.cjs');
const cachePath = join(directory, 'cli.cache');

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
if (process.env[VERIFY_CODE_CACHE] && script.cachedDataRejected) {
  process.stderr.write(`klaxon: V8 rejected the code cache ${cachePath}\n`);
  process.exit(3);
}
const module = { exports: {} as Bundle };
script.runInThisContext()(module.exports, createRequire(bundlePath), module, bundlePath, directory);

if (process.env[WRITE_CODE_CACHE] && isMainThread) process.once('exit', () => writeFileSync(cachePath, script.createCachedData()));
if (isMainThread) module.exports.runCommandLine();
else module.exports.checkShardForParent();
