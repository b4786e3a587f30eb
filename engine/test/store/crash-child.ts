/**
 * Run by crash.test.ts in a child process (bundled first): writes records of every type without
 * end, from several concurrent writers, and prints `ack <kind> <n>` the moment each write's promise
 * resolves. The parent kills it with SIGKILL mid-stream.
 */
import { KlaxonStore, type Synchronous } from '../../src/store/klaxon-store.js';
import { sampleAlert, sampleHistoryEvent, sampleNotificationLogEntry, sampleSilence } from './samples.js';

const [directory, synchronous] = process.argv.slice(2) as [string, Synchronous];
const store = KlaxonStore.open(directory, { synchronous });
const WRITERS = 8;
const LAST = 1_000_000;
let next = 0;

const KINDS = ['alert', 'silence', 'nflog', 'history'] as const;

function write(n: number): Promise<void> {
  switch (KINDS[n % KINDS.length]) {
    case 'alert':
      return store.putAlerts([sampleAlert(n)]);
    case 'silence':
      return store.putSilences([sampleSilence(n)]);
    case 'nflog':
      return store.putNotificationLog([sampleNotificationLogEntry(n)]);
    default:
      return store.appendHistory([sampleHistoryEvent(n)]);
  }
}

async function writer(): Promise<void> {
  while (next < LAST) {
    const n = next++;
    await write(n);
    // Pipes are written synchronously on Linux: the line is out before the next write starts.
    process.stdout.write(`ack ${KINDS[n % KINDS.length]} ${n}\n`);
  }
}

await Promise.all(Array.from({ length: WRITERS }, writer));
process.stdout.write('done\n');
store.close();
