/**
 * Durability under kill -9: a child process writes and acknowledges records, is killed mid-stream,
 * and every record it acknowledged must be in the store when it is opened again.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationLogKey } from '../../src/alertmanager/model.js';
import { KlaxonStore, STORE_FILE_NAME } from '../../src/store/klaxon-store.js';
import { LOCK_FILE_NAME } from '../../src/store/process-lock.js';
import { sampleAlert, sampleNotificationLogEntry, sampleSilence } from './samples.js';
import { tempDirectory } from './temp-directory.js';

const here = dirname(fileURLToPath(import.meta.url));
/** Acknowledgements to wait for before the kill. */
const ACKS_BEFORE_KILL = 400;

/** The node_modules folder that holds node-sqlite3-wasm, for the bundled child to load it from. */
function sqliteModulesFolder(): string {
  const entry = createRequire(import.meta.url).resolve('node-sqlite3-wasm');
  return resolve(entry.slice(0, entry.lastIndexOf('node_modules') + 'node_modules'.length));
}

let bundleDirectory: string;
let childScript: string;

beforeAll(async () => {
  bundleDirectory = mkdtempSync(join(tmpdir(), 'klaxon-crash-child-'));
  childScript = join(bundleDirectory, 'crash-child.mjs');
  await build({
    entryPoints: [join(here, 'crash-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: childScript,
    logLevel: 'error',
  });
});

afterAll(() => rmSync(bundleDirectory, { recursive: true, force: true }));

interface Acknowledged {
  kind: string;
  n: number;
}

/** Runs the child until it has acknowledged enough writes, kills it, and returns what it acknowledged. */
function writeUntilKilled(directory: string, synchronous: string): Promise<{ acks: Acknowledged[]; signal: string | null }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [childScript, directory, synchronous], {
      env: { ...process.env, NODE_PATH: sqliteModulesFolder() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Acknowledged[] = [];
    let pending = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) {
        const [word, kind, n] = line.split(' ');
        if (word === 'ack') acks.push({ kind: kind!, n: Number(n) });
      }
      if (acks.length >= ACKS_BEFORE_KILL && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended by itself (code ${code}): ${stderr}`));
      else resolvePromise({ acks, signal });
    });
  });
}

describe('kill -9 while writing', () => {
  it.each(['full', 'normal'])('keeps every acknowledged record (synchronous=%s)', async (synchronous) => {
    const directory = tempDirectory();
    const { acks, signal } = await writeUntilKilled(directory, synchronous);
    expect(signal).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(ACKS_BEFORE_KILL);
    // Killed, the child cleaned nothing up: its lock file and unreplayed WAL are still there.
    expect(existsSync(join(directory, LOCK_FILE_NAME))).toBe(true);
    expect(existsSync(join(directory, `${STORE_FILE_NAME}-wal`))).toBe(true);

    const store = KlaxonStore.open(directory);
    expect(store.checkIntegrity()).toEqual([]);
    const historyNumbers = new Set(store.queryHistory().map((event) => event.data?.['n']));
    const missing = acks.filter(({ kind, n }) => {
      switch (kind) {
        case 'alert':
          return store.getAlert(sampleAlert(n).fingerprint) === undefined;
        case 'silence':
          return store.getSilence(sampleSilence(n).id) === undefined;
        case 'nflog':
          return store.getNotificationLogEntry(notificationLogKey(sampleNotificationLogEntry(n))) === undefined;
        default:
          return !historyNumbers.has(n);
      }
    });
    expect(missing).toEqual([]);
    const firstAlert = acks.find((ack) => ack.kind === 'alert')!;
    expect(store.getAlert(sampleAlert(firstAlert.n).fingerprint)).toEqual(sampleAlert(firstAlert.n));
    store.close();
  });
});
