import { describe, expect, it } from 'vitest';
import { KlaxonStore } from '../../src/store/klaxon-store.js';
import { sampleAlert, sampleHistoryEvent } from './samples.js';
import { tempDirectory } from './temp-directory.js';

/** Reads the file as another opener would: close this store and reopen the directory. */
function committedAlertCount(directory: string): number {
  const reader = KlaxonStore.open(directory);
  const count = reader.listAlerts().length;
  reader.close();
  return count;
}

describe('group commit', () => {
  it('commits many concurrent writes in one transaction', async () => {
    const store = KlaxonStore.open(tempDirectory());
    const writes = Array.from({ length: 200 }, (_, n) => store.putAlerts([sampleAlert(n)]));
    expect(store.commitStats.transactions).toBe(0);
    await Promise.all(writes);
    expect(store.commitStats).toEqual({ transactions: 1, writes: 200 });
    store.close();
  });

  it('settles no promise before its transaction has committed', async () => {
    const store = KlaxonStore.open(tempDirectory());
    const transactionsSeen: number[] = [];
    const writes = Array.from({ length: 50 }, (_, n) =>
      store.putAlerts([sampleAlert(n)]).then(() => transactionsSeen.push(store.commitStats.transactions)),
    );
    await Promise.all(writes);
    expect(transactionsSeen).toHaveLength(50);
    expect(transactionsSeen.every((t) => t >= 1)).toBe(true);
    store.close();
  });

  it('puts writes made after a commit into the next transaction', async () => {
    const store = KlaxonStore.open(tempDirectory());
    const second: Promise<void>[] = [];
    const first = Array.from({ length: 10 }, (_, n) =>
      store.putAlerts([sampleAlert(n)]).then(() => {
        second.push(store.appendHistory([sampleHistoryEvent(n)]));
      }),
    );
    await Promise.all(first);
    expect(store.commitStats).toEqual({ transactions: 1, writes: 10 });
    await Promise.all(second);
    expect(store.commitStats).toEqual({ transactions: 2, writes: 20 });
    store.close();
  });

  it('lets reads see writes that are not committed yet', () => {
    const store = KlaxonStore.open(tempDirectory());
    void store.putAlerts([sampleAlert(1)]);
    expect(store.listAlerts()).toEqual([sampleAlert(1)]);
    store.close();
  });

  it('has the data on file when the promise resolves', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    await Promise.all([store.putAlerts([sampleAlert(1), sampleAlert(2)]), store.putAlerts([sampleAlert(3)])]);
    store.close();
    expect(committedAlertCount(directory)).toBe(3);
  });

  it('commits at once on flush()', async () => {
    const store = KlaxonStore.open(tempDirectory());
    const write = store.putAlerts([sampleAlert(1)]);
    const flushed = store.flush();
    expect(store.commitStats.transactions).toBe(1);
    await Promise.all([write, flushed]);
    await expect(store.flush()).resolves.toBeUndefined();
    expect(store.commitStats).toEqual({ transactions: 1, writes: 1 });
    store.close();
  });

  it('rejects a failing write alone and commits the others of its batch', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const before = store.putAlerts([sampleAlert(1)]);
    // The second event cannot be serialised: the whole call is undone, including its first event.
    const failing = store.appendHistory([sampleHistoryEvent(1), { at: 2, kind: 'alert.received', data: cyclic }]);
    const after = store.putAlerts([sampleAlert(2)]);
    await expect(failing).rejects.toThrow(/circular/i);
    await Promise.all([before, after]);
    expect(store.queryHistory()).toEqual([]);
    expect(store.commitStats).toEqual({ transactions: 1, writes: 2 });
    store.close();
    expect(committedAlertCount(directory)).toBe(2);
  });

  it('rejects writes after close', async () => {
    const store = KlaxonStore.open(tempDirectory());
    store.close();
    await expect(store.putAlerts([sampleAlert(1)])).rejects.toMatchObject({ name: 'StoreError', code: 'closed' });
    expect(() => store.listAlerts()).toThrow(/closed/);
  });
});
