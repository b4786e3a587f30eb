/**
 * What the bundled `klaxon` runs (see scripts/bundle-cli.mjs and bin.ts): the command line on the
 * main thread, a shard of `klaxon check` on a worker thread.
 */
export { checkShardForParent } from '../check/check-in-parallel.js';
export { runCommandLine } from './main.js';
