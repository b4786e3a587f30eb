import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { notificationLogKey } from '../../src/alertmanager/model.js';
import { KlaxonStore, STORE_FILE_NAME } from '../../src/store/klaxon-store.js';
import { sampleAlert, sampleHistoryEvent, sampleNotificationLogEntry, sampleSilence } from './samples.js';
import { tempDirectory } from './temp-directory.js';

/** Opens a store in a fresh directory; the test closes it. */
function openFresh(): KlaxonStore {
  return KlaxonStore.open(tempDirectory());
}

describe('KlaxonStore round trips', () => {
  it('stores alerts by fingerprint, with sorted labels and all fields', async () => {
    const store = openFresh();
    const alerts = [sampleAlert(1), sampleAlert(2), sampleAlert(3)];
    await store.putAlerts(alerts);
    expect(store.getAlert(alerts[1]!.fingerprint)).toEqual(alerts[1]);
    expect(store.listAlerts()).toEqual([...alerts].sort((a, b) => (a.fingerprint < b.fingerprint ? -1 : 1)));
    expect(store.getAlert('0000000000000000')).toBeUndefined();
    store.close();
  });

  it('writes labels as an object sorted by name', async () => {
    const store = openFresh();
    const alert = sampleAlert(7);
    await store.putAlerts([alert]);
    const read = store.getAlert(alert.fingerprint)!;
    expect(read.labels.names).toEqual(['alertname', 'instance', 'job', 'severity']);
    expect(read.labels.equals(alert.labels)).toBe(true);
    store.close();
  });

  it('replaces an alert with the same fingerprint and deletes alerts', async () => {
    const store = openFresh();
    const alert = sampleAlert(1);
    await store.putAlerts([alert, sampleAlert(2)]);
    await store.putAlerts([{ ...alert, endsAt: 42, timeout: false }]);
    expect(store.getAlert(alert.fingerprint)?.endsAt).toBe(42);
    await store.deleteAlerts([alert.fingerprint, 'not-there']);
    expect(store.listAlerts().map((a) => a.fingerprint)).toEqual([sampleAlert(2).fingerprint]);
    store.close();
  });

  it('stores silences by id, with and without annotations', async () => {
    const store = openFresh();
    const plain = sampleSilence(1);
    const annotated = sampleSilence(2, { annotations: { ticket: 'OPS-1', note: '' } });
    await store.putSilences([plain, annotated]);
    expect(store.getSilence(plain.id)).toEqual(plain);
    expect(store.getSilence(annotated.id)).toEqual(annotated);
    expect(store.listSilences()).toEqual([plain, annotated]);
    await store.putSilences([{ ...plain, comment: 'extended', endsAt: plain.endsAt + 1 }]);
    expect(store.getSilence(plain.id)?.comment).toBe('extended');
    await store.deleteSilences([plain.id]);
    expect(store.listSilences()).toEqual([annotated]);
    store.close();
  });

  it('stores notification-log entries under notificationLogKey', async () => {
    const store = openFresh();
    const entries = [sampleNotificationLogEntry(1), sampleNotificationLogEntry(2)];
    await store.putNotificationLog(entries);
    expect(store.getNotificationLogEntry(notificationLogKey(entries[0]!))).toEqual(entries[0]);
    expect(store.listNotificationLog()).toHaveLength(2);
    const updated = { ...entries[0]!, timestamp: 5, resolvedAlerts: ['1'] };
    await store.putNotificationLog([updated]);
    expect(store.getNotificationLogEntry(notificationLogKey(updated))).toEqual(updated);
    expect(store.listNotificationLog()).toHaveLength(2);
    await store.deleteNotificationLog([notificationLogKey(entries[1]!)]);
    expect(store.listNotificationLog()).toEqual([updated]);
    store.close();
  });

  it('deletes notification-log entries that have expired', async () => {
    const store = openFresh();
    await store.putNotificationLog([
      sampleNotificationLogEntry(1, { expiresAt: 100 }),
      sampleNotificationLogEntry(2, { expiresAt: 200 }),
      sampleNotificationLogEntry(3, { expiresAt: 300 }),
    ]);
    await expect(store.deleteExpiredNotificationLog(200)).resolves.toBe(2);
    expect(store.listNotificationLog().map((e) => e.expiresAt)).toEqual([300]);
    store.close();
  });

  it('appends history events and reads them back with their data', async () => {
    const store = openFresh();
    const events = [
      sampleHistoryEvent(1),
      sampleHistoryEvent(2, { kind: 'silence.created', fingerprint: undefined, silenceId: sampleSilence(1).id }),
      { at: 5, kind: 'notification.sent' as const },
    ];
    await store.appendHistory(events);
    const read = store.queryHistory({ order: 'asc' });
    expect(read.map(({ id: _id, ...event }) => event)).toEqual([
      events[2],
      { at: events[0]!.at, kind: 'alert.received', fingerprint: events[0]!.fingerprint, data: events[0]!.data },
      { at: events[1]!.at, kind: 'silence.created', silenceId: sampleSilence(1).id, data: events[1]!.data },
    ]);
    store.close();
  });
});

describe('history queries', () => {
  async function storeWithHistory(): Promise<KlaxonStore> {
    const store = openFresh();
    const events = Array.from({ length: 20 }, (_, n) =>
      sampleHistoryEvent(n, {
        kind: n % 4 === 0 ? 'alert.resolved' : 'alert.received',
        silenceId: n % 3 === 0 ? sampleSilence(n % 2).id : undefined,
      }),
    );
    await store.appendHistory(events);
    return store;
  }
  const at = (n: number) => sampleHistoryEvent(n).at;

  it('filters by fingerprint, newest first by default', async () => {
    const store = await storeWithHistory();
    const fp = sampleAlert(2).fingerprint;
    expect(store.queryHistory({ fingerprint: fp }).map((e) => e.at)).toEqual([17, 12, 7, 2].map(at));
    store.close();
  });

  it('filters by silence id', async () => {
    const store = await storeWithHistory();
    const events = store.queryHistory({ silenceId: sampleSilence(1).id, order: 'asc' });
    expect(events.map((e) => e.at)).toEqual([3, 9, 15].map(at));
    store.close();
  });

  it('filters by time range: from inclusive, to exclusive', async () => {
    const store = await storeWithHistory();
    expect(store.queryHistory({ from: at(5), to: at(8), order: 'asc' }).map((e) => e.at)).toEqual([5, 6, 7].map(at));
    store.close();
  });

  it('filters by kind and combines filters', async () => {
    const store = await storeWithHistory();
    expect(store.queryHistory({ kinds: ['alert.resolved'], order: 'asc' }).map((e) => e.at)).toEqual(
      [0, 4, 8, 12, 16].map(at),
    );
    expect(
      store.queryHistory({ kinds: ['alert.resolved', 'alert.received'], fingerprint: sampleAlert(0).fingerprint, from: at(1) })
        .map((e) => e.at),
    ).toEqual([15, 10, 5].map(at));
    expect(store.queryHistory({ kinds: [] })).toEqual([]);
    store.close();
  });

  it('applies the limit after ordering', async () => {
    const store = await storeWithHistory();
    expect(store.queryHistory({ limit: 3 }).map((e) => e.at)).toEqual([19, 18, 17].map(at));
    expect(store.queryHistory({ limit: 2, order: 'asc' }).map((e) => e.at)).toEqual([0, 1].map(at));
    expect(store.queryHistory({ limit: 0 })).toEqual([]);
    store.close();
  });

  it('orders events of the same millisecond by insertion', async () => {
    const store = openFresh();
    await store.appendHistory([
      { at: 10, kind: 'alert.received', data: { order: 1 } },
      { at: 10, kind: 'alert.enriched', data: { order: 2 } },
    ]);
    await store.appendHistory([{ at: 10, kind: 'notification.sent', data: { order: 3 } }]);
    expect(store.queryHistory({ order: 'asc' }).map((e) => e.data?.['order'])).toEqual([1, 2, 3]);
    expect(store.queryHistory().map((e) => e.data?.['order'])).toEqual([3, 2, 1]);
    store.close();
  });

  it('prunes events before a time', async () => {
    const store = await storeWithHistory();
    await expect(store.pruneHistory(at(15))).resolves.toBe(15);
    expect(store.queryHistory({ order: 'asc' }).map((e) => e.at)).toEqual([15, 16, 17, 18, 19].map(at));
    store.close();
  });
});

describe('reopening', () => {
  it('keeps every record type across close and open', async () => {
    const directory = tempDirectory();
    const first = KlaxonStore.open(directory);
    expect(first.migratedFrom).toBe(0);
    await first.putAlerts([sampleAlert(1), sampleAlert(2)]);
    await first.putSilences([sampleSilence(1)]);
    await first.putNotificationLog([sampleNotificationLogEntry(1)]);
    await first.appendHistory([sampleHistoryEvent(1), sampleHistoryEvent(2)]);
    first.close();

    const second = KlaxonStore.open(directory);
    expect(second.migratedFrom).toBe(second.schemaVersion);
    expect(second.listAlerts()).toHaveLength(2);
    expect(second.getAlert(sampleAlert(2).fingerprint)).toEqual(sampleAlert(2));
    expect(second.listSilences()).toEqual([sampleSilence(1)]);
    expect(second.listNotificationLog()).toEqual([sampleNotificationLogEntry(1)]);
    expect(second.queryHistory()).toHaveLength(2);
    expect(second.checkIntegrity()).toEqual([]);
    second.close();
  });

  it('commits writes still pending when closed', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    const written = store.putAlerts([sampleAlert(1)]);
    store.close();
    await expect(written).resolves.toBeUndefined();
    const reopened = KlaxonStore.open(directory);
    expect(reopened.listAlerts()).toEqual([sampleAlert(1)]);
    reopened.close();
  });

  it('leaves only the database file behind after close', async () => {
    const directory = tempDirectory();
    const store = KlaxonStore.open(directory);
    await store.putAlerts([sampleAlert(1)]);
    store.close();
    expect(readdirSync(directory)).toEqual([STORE_FILE_NAME]);
  });

  it('creates a missing storage path, nested', () => {
    const directory = join(tempDirectory(), 'data', 'klaxon');
    const store = KlaxonStore.open(directory);
    expect(existsSync(join(directory, STORE_FILE_NAME))).toBe(true);
    store.close();
  });

  it('migrates an empty file to the current schema', async () => {
    const directory = tempDirectory();
    writeFileSync(join(directory, STORE_FILE_NAME), '');
    const store = KlaxonStore.open(directory);
    expect(store.migratedFrom).toBe(0);
    await store.putAlerts([sampleAlert(1)]);
    expect(store.listAlerts()).toHaveLength(1);
    store.close();
  });
});
