import { mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { KlaxonStore, STORE_FILE_NAME, StoreError } from '../../src/store/klaxon-store.js';
import { LOCK_FILE_NAME } from '../../src/store/process-lock.js';
import { sampleAlert } from './samples.js';
import { tempDirectory } from './temp-directory.js';

/** What `fn` threw, checked to be a StoreError. */
function storeErrorOf(fn: () => unknown): StoreError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

/** A pid no process has: beyond Linux's pid_max. */
const DEAD_PID = 2 ** 22 + 1;

describe('opening a bad path', () => {
  it('refuses a storage path that is a file', () => {
    const file = join(tempDirectory(), 'not-a-dir');
    writeFileSync(file, 'x');
    const error = storeErrorOf(() => KlaxonStore.open(file));
    expect(error.code).toBe('unwritable');
    expect(error.message).toContain(file);
  });

  it('refuses a storage path below a file', () => {
    const file = join(tempDirectory(), 'plain-file');
    writeFileSync(file, 'x');
    const error = storeErrorOf(() => KlaxonStore.open(join(file, 'data')));
    expect(error.code).toBe('unwritable');
    expect(error.message).toContain(join(file, 'data'));
  });

  it('refuses a database path that is a directory', () => {
    const directory = tempDirectory();
    mkdirSync(join(directory, STORE_FILE_NAME));
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('unwritable');
    expect(error.message).toContain(join(directory, STORE_FILE_NAME));
  });

  it('reports a file that is not SQLite as corrupt, and releases the path', () => {
    const directory = tempDirectory();
    writeFileSync(join(directory, STORE_FILE_NAME), 'this is not a database '.repeat(200));
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('corrupt');
    expect(error.message).toContain(join(directory, STORE_FILE_NAME));
    // The failed open left no lock behind: the same error again, not "in use".
    expect(storeErrorOf(() => KlaxonStore.open(directory)).code).toBe('corrupt');
  });

  it("refuses another program's SQLite database", () => {
    const directory = tempDirectory();
    const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    const other = new Database(join(directory, STORE_FILE_NAME));
    other.exec('CREATE TABLE customers (id INTEGER PRIMARY KEY)');
    other.close();
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('incompatible');
    expect(error.message).toMatch(/not a Klaxon store.*customers/);
  });

  it('refuses a store written by a newer schema', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    store.close();
    const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
    const raw = new Database(join(directory, STORE_FILE_NAME));
    // The file is in WAL mode, which the WASM file system can only open exclusively.
    raw.exec('PRAGMA locking_mode = EXCLUSIVE');
    raw.run('INSERT INTO schema_version (version, description) VALUES (?, ?)', [999, 'from the future']);
    raw.close();
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('incompatible');
    expect(error.message).toMatch(/schema version 999/);
  });
});

describe('one opener at a time', () => {
  it('refuses a second open of the same path in this process', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('in-use');
    expect(error.message).toContain(directory);
    await store.putAlerts([sampleAlert(1)]);
    store.close();
    const again = KlaxonStore.open(directory);
    expect(again.listAlerts()).toHaveLength(1);
    again.close();
  });

  it('refuses a path whose lock is held by a live process', () => {
    const directory = tempDirectory();
    writeFileSync(join(directory, LOCK_FILE_NAME), JSON.stringify({ pid: process.ppid, hostname: hostname() }));
    const error = storeErrorOf(() => KlaxonStore.open(directory));
    expect(error.code).toBe('in-use');
    expect(error.message).toContain(`process ${process.ppid}`);
    expect(error.message).toContain(join(directory, LOCK_FILE_NAME));
  });

  it('takes over the lock of a process that is gone, and its stale SQLite lock', async () => {
    const directory = tempDirectory();
    const first = KlaxonStore.open(directory);
    await first.putAlerts([sampleAlert(1)]);
    first.close();
    writeFileSync(join(directory, LOCK_FILE_NAME), JSON.stringify({ pid: DEAD_PID, hostname: hostname() }));
    mkdirSync(join(directory, `${STORE_FILE_NAME}.lock`));
    const store = KlaxonStore.open(directory);
    expect(store.listAlerts()).toHaveLength(1);
    store.close();
  });

  it('takes over a half-written lock file', () => {
    const directory = tempDirectory();
    writeFileSync(join(directory, LOCK_FILE_NAME), '');
    KlaxonStore.open(directory).close();
  });
});
