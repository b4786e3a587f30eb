import { createRequire } from 'node:module';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoredAlert } from '../../src/alertmanager/model.js';
import { KlaxonStore, STORE_FILE_NAME } from '../../src/store/klaxon-store.js';
import { sampleAlert } from './samples.js';
import { tempDirectory } from './temp-directory.js';

/** Rows in the alert log, counted by opening the closed file directly. */
function alertLogRows(directory: string): number {
  const { Database } = createRequire(import.meta.url)('node-sqlite3-wasm') as typeof import('node-sqlite3-wasm');
  const db = new Database(join(directory, STORE_FILE_NAME));
  try {
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    return Number(db.get('SELECT count(*) AS n FROM alert_log')!['n']);
  } finally {
    db.close();
  }
}

const byFingerprint = (alerts: Iterable<StoredAlert>) =>
  [...alerts].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));

type Operation =
  | { op: 'put'; alerts: { n: number; version: number }[] }
  | { op: 'delete'; ns: number[] }
  | { op: 'reopen' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('put' as const), alerts: fc.array(fc.record({ n: fc.nat(7), version: fc.nat(1000) }), { maxLength: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), ns: fc.array(fc.nat(7), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reopen' as const) }) },
);

describe('alerts as an append-only log', () => {
  it('always reads back the last put of each alert not deleted since, across reopens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 25 }), async (operations) => {
        const directory = tempDirectory();
        let store = KlaxonStore.open(directory);
        const model = new Map<string, StoredAlert>();
        try {
          for (const step of operations) {
            if (step.op === 'put') {
              const alerts = step.alerts.map(({ n, version }) => sampleAlert(n, { endsAt: version }));
              await store.putAlerts(alerts);
              for (const alert of alerts) model.set(alert.fingerprint, alert);
            } else if (step.op === 'delete') {
              const fingerprints = step.ns.map((n) => sampleAlert(n).fingerprint);
              await store.deleteAlerts(fingerprints);
              for (const fingerprint of fingerprints) model.delete(fingerprint);
            } else {
              store.close();
              store = KlaxonStore.open(directory);
            }
            expect(store.listAlerts()).toEqual(byFingerprint(model.values()));
            expect(store.alertCount).toBe(model.size);
          }
          for (let n = 0; n < 8; n++) {
            expect(store.getAlert(sampleAlert(n).fingerprint)).toEqual(model.get(sampleAlert(n).fingerprint));
          }
        } finally {
          store.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('deletes superseded rows once they outnumber the live ones', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    const rounds = 600;
    for (let round = 0; round < rounds; round++) {
      await store.putAlerts([0, 1, 2, 3, 4].map((n) => sampleAlert(n, { endsAt: round })));
    }
    await store.deleteAlerts([sampleAlert(4).fingerprint]);
    expect(store.listAlerts().map((a) => a.endsAt)).toEqual([rounds - 1, rounds - 1, rounds - 1, rounds - 1]);
    store.close();
    // 3,001 rows were written; compaction keeps well under half of them.
    expect(alertLogRows(directory)).toBeLessThan((rounds * 5) / 2);

    const reopened = KlaxonStore.open(directory);
    expect(byFingerprint(reopened.listAlerts())).toEqual(byFingerprint([0, 1, 2, 3].map((n) => sampleAlert(n, { endsAt: rounds - 1 }))));
    reopened.close();
  });

  it('keeps the latest of duplicates within one put', async () => {
    const store = KlaxonStore.open(tempDirectory());
    await store.putAlerts([sampleAlert(1, { endsAt: 1 }), sampleAlert(1, { endsAt: 2 })]);
    expect(store.listAlerts()).toEqual([sampleAlert(1, { endsAt: 2 })]);
    store.close();
  });

  it('forgets the rows of a write that failed halfway', async () => {
    const store = KlaxonStore.open(tempDirectory());
    await store.putAlerts([sampleAlert(1)]);
    const unbindable = { ...sampleAlert(3), fingerprint: {} as unknown as string };
    await expect(store.putAlerts([sampleAlert(1, { endsAt: 5 }), sampleAlert(2), unbindable])).rejects.toThrow();
    expect(store.listAlerts()).toEqual([sampleAlert(1)]);
    expect(store.getAlert(sampleAlert(2).fingerprint)).toBeUndefined();
    await store.putAlerts([sampleAlert(2)]);
    expect(store.alertCount).toBe(2);
    store.close();
  });
});
