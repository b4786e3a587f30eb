/**
 * History in two tables: recent events, a row per run of the same time and kind, and merged
 * events under the indexes. Whatever has been merged, a query gives the same events.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent, HistoryKind } from '../../src/alertmanager/model.js';
import { HistoryLog } from '../../src/store/history-log.js';
import { KlaxonStore, STORE_FILE_NAME } from '../../src/store/klaxon-store.js';
import type { HistoryQuery } from '../../src/store/history-query.js';
import { decodeHistoryRow } from '../../src/store/records.js';
import { migrate } from '../../src/store/schema.js';
import { SqliteConnection } from '../../src/store/sqlite.js';
import { sampleAlert, sampleSilence } from './samples.js';
import { tempDirectory } from './temp-directory.js';

function open(directory = tempDirectory(), mergeCap?: number): { connection: SqliteConnection; log: HistoryLog } {
  const connection = SqliteConnection.open(join(directory, 'history.db'), 'normal');
  migrate(connection);
  return { connection, log: new HistoryLog(connection, mergeCap) };
}

const KINDS: HistoryKind[] = ['alert.received', 'alert.resolved', 'silence.created'];

const event: fc.Arbitrary<HistoryEvent> = fc.record(
  {
    at: fc.integer({ min: 0, max: 5 }),
    kind: fc.constantFrom(...KINDS),
    fingerprint: fc.constantFrom(sampleAlert(1).fingerprint, sampleAlert(2).fingerprint),
    silenceId: fc.constant(sampleSilence(1).id),
    data: fc.dictionary(fc.string({ maxLength: 3 }), fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { maxKeys: 2 }),
  },
  { requiredKeys: ['at', 'kind'] },
);

const queries: HistoryQuery[] = [
  {},
  { order: 'asc' },
  { fingerprint: sampleAlert(1).fingerprint },
  { silenceId: sampleSilence(1).id, order: 'asc' },
  { from: 2, to: 4 },
  { kinds: ['alert.resolved'], limit: 3 },
  { fingerprint: sampleAlert(2).fingerprint, kinds: ['alert.received', 'silence.created'], limit: 2, order: 'asc' },
];

const read = (log: HistoryLog, query: HistoryQuery) => log.query(query).map(decodeHistoryRow);

describe('HistoryLog', () => {
  it('answers every query the same before and after a merge, for any batches of events', () => {
    fc.assert(
      fc.property(fc.array(fc.array(event, { maxLength: 6 }), { maxLength: 6 }), fc.nat(6), (batches, mergeAfter) => {
        const { connection, log } = open();
        try {
          batches.forEach((batch, i) => {
            log.append(batch);
            if (i === mergeAfter) log.merge();
          });
          const before = queries.map((query) => read(log, query));
          log.merge();
          expect(log.recentEvents).toBe(0);
          expect(queries.map((query) => read(log, query))).toEqual(before);
          const all = read(log, { order: 'asc' });
          expect(all.map(({ id: _id, ...rest }) => rest)).toEqual(
            batches.flat().map((e) => ({
              at: e.at,
              kind: e.kind,
              ...(e.fingerprint === undefined ? {} : { fingerprint: e.fingerprint }),
              ...(e.silenceId === undefined ? {} : { silenceId: e.silenceId }),
              ...(e.data === undefined ? {} : { data: e.data }),
            })).sort((a, b) => a.at - b.at),
          );
        } finally {
          connection.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('writes a run of events with the same time and kind as one row, with consecutive ids', () => {
    const { connection, log } = open();
    const fp = sampleAlert(1).fingerprint;
    log.append([
      { at: 1, kind: 'alert.received', fingerprint: fp, data: { n: 1 } },
      { at: 1, kind: 'alert.received', fingerprint: fp, data: { n: 2 } },
      { at: 1, kind: 'alert.resolved', fingerprint: fp },
    ]);
    expect(connection.all('SELECT id, at, kind FROM history_recent ORDER BY id')).toEqual([
      { id: 1, at: 1, kind: 'alert.received' },
      { id: 3, at: 1, kind: 'alert.resolved' },
    ]);
    expect(read(log, { order: 'asc' }).map((e) => [e.id, e.data?.['n']])).toEqual([[1, 1], [2, 2], [3, undefined]]);
    connection.close();
  });

  it('merges once the cap is reached, and prunes merged and recent events alike', () => {
    const { connection, log } = open(tempDirectory(), 4);
    log.append([1, 2, 3].map((at) => ({ at, kind: 'alert.received' as const })));
    expect(log.needsMerge()).toBe(false);
    log.append([{ at: 4, kind: 'alert.received' }]);
    expect(log.needsMerge()).toBe(true);
    log.merge();
    log.append([5, 6].map((at) => ({ at, kind: 'alert.resolved' as const })));
    expect(log.prune(3)).toBe(2);
    expect(read(log, { order: 'asc' }).map((e) => e.at)).toEqual([3, 4, 5, 6]);
    connection.close();
  });

  it('continues the id sequence and the count of recent events when reopened', () => {
    const directory = tempDirectory();
    const first = open(directory);
    first.log.append([{ at: 1, kind: 'alert.received' }, { at: 1, kind: 'alert.received' }]);
    first.log.merge();
    first.log.append([{ at: 2, kind: 'alert.resolved' }, { at: 2, kind: 'alert.resolved' }]);
    first.connection.close();
    const second = open(directory);
    expect(second.log.recentEvents).toBe(2);
    second.log.append([{ at: 3, kind: 'alert.expired' }]);
    expect(read(second.log, { order: 'asc' }).map((e) => e.id)).toEqual([1, 2, 3, 4, 5]);
    second.connection.close();
  });

  it('writes nothing of a call whose data cannot be serialised', () => {
    const { connection, log } = open();
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => log.append([{ at: 1, kind: 'alert.received' }, { at: 2, kind: 'alert.received', data: cyclic }])).toThrow(/circular/i);
    expect(log.recentEvents).toBe(0);
    expect(read(log, {})).toEqual([]);
    connection.close();
  });

  it('moves the events of a version 2 store, one row per event, into history when opened', () => {
    const directory = tempDirectory();
    KlaxonStore.open(directory).close();
    // Back to version 2's table, holding one event.
    const connection = SqliteConnection.open(join(directory, STORE_FILE_NAME), 'normal');
    connection.exec('DROP TABLE history_recent');
    connection.exec(
      'CREATE TABLE history_recent (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, fingerprint TEXT, silence_id TEXT, data TEXT)',
    );
    connection.run('INSERT INTO history_recent VALUES (7, 1, ?, ?, NULL, ?)', ['alert.received', sampleAlert(1).fingerprint, '{"n":1}']);
    connection.run('DELETE FROM schema_version WHERE version > 2');
    connection.close();

    const store = KlaxonStore.open(directory);
    expect(store.migratedFrom).toBe(2);
    expect(store.queryHistory({ fingerprint: sampleAlert(1).fingerprint })).toEqual([
      { id: 7, at: 1, kind: 'alert.received', fingerprint: sampleAlert(1).fingerprint, data: { n: 1 } },
    ]);
    store.close();
  });
});
