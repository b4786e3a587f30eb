/**
 * One process at a time per storage path: a lock file created exclusively, holding the owner's pid
 * and host. A lock whose owner is gone (killed with SIGKILL, say) is taken over.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { StoreError } from './store-error.js';

export const LOCK_FILE_NAME = 'klaxon.lock';

interface LockOwner {
  pid: number;
  hostname: string;
}

/** Directories this process holds, by real path: a second open from the same process is refused too. */
const heldHere = new Set<string>();

/** Takes the lock of `directory` (a real path); returns the function that releases it. */
export function acquireProcessLock(directory: string): () => void {
  const file = join(directory, LOCK_FILE_NAME);
  if (heldHere.has(directory)) {
    throw new StoreError('in-use', directory, `storage path ${directory} is already open in this process`);
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createLockFile(file)) {
      heldHere.add(directory);
      return () => {
        heldHere.delete(directory);
        rmSync(file, { force: true });
      };
    }
    const owner = readOwner(file);
    if (owner && isAlive(owner)) {
      const where = owner.hostname === hostname() ? '' : ` on host ${owner.hostname}`;
      throw new StoreError(
        'in-use',
        directory,
        `storage path ${directory} is in use by process ${owner.pid}${where} (lock file ${file}; remove it if that process is gone)`,
      );
    }
    rmSync(file, { force: true });
  }
  throw new StoreError('in-use', directory, `storage path ${directory}: could not take the lock file ${file}`);
}

/** Creates the lock file if there is none; false when one exists. */
function createLockFile(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new StoreError('unwritable', file, `cannot create lock file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, hostname: hostname() } satisfies LockOwner));
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The owner named in the lock file; undefined when it is unreadable (its writer died mid-write). */
function readOwner(file: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    if (typeof owner.pid === 'number' && typeof owner.hostname === 'string') {
      return { pid: owner.pid, hostname: owner.hostname };
    }
  } catch {
    // Missing or half-written: treated as stale.
  }
  return undefined;
}

function isAlive(owner: LockOwner): boolean {
  // Another host's process cannot be checked from here: assume it is running.
  if (owner.hostname !== hostname()) return true;
  // Our own pid in a lock we do not hold is a previous run's (a restarted container keeps its pid).
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
