/**
 * Node.js starts V8's helper threads (the optimizing compiler's, the garbage collector's) with its
 * main thread. What a `klaxon` run waits for is the main thread's work, so the helpers are given
 * a lower priority: where cores are few, they then take the time that the main thread leaves
 * rather than the main thread's (`klaxon check` of 10,000 rules on two cores: ~6% less time, see
 * engine/bench/check.mjs). Threads started later, such as check's workers, keep the normal one.
 */
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';

/** Nice 10: a helper competing with the main thread for a core gets about a tenth of it. */
const HELPER_NICENESS = 10;

/** Lowers the priority of every thread of the process but the main one; Linux only (it lists them in /proc). */
export function lowerHelperThreadPriority(): void {
  let threads: string[];
  try {
    threads = readdirSync('/proc/self/task');
  } catch {
    return;
  }
  for (const id of threads) {
    if (Number(id) === process.pid) continue;
    try {
      setPriority(Number(id), HELPER_NICENESS);
    } catch {
      // A thread that has ended meanwhile, or a system that does not allow it: nothing to do.
    }
  }
}
