import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeAlerts, overlaps } from '../../../src/alertmanager/alerts/merge.js';
import type { Alert } from '../../../src/alertmanager/model.js';
import { alert, MINUTE, T0 } from './alert-fixtures.js';

const now = T0;
const at = (minutes: number) => now + minutes * MINUTE;

interface Case {
  name: string;
  older: [start: number, end: number, timeout?: boolean];
  younger: [start: number, end: number, timeout?: boolean];
  /** The merged start and end, in minutes from now. */
  result: [start: number, end: number];
}

// The older alert was received at now, the younger a minute later (upstream's TestAlertMerge cases).
const cases: Case[] = [
  { name: 'both time out: earliest start, younger end', older: [-2, 2, true], younger: [-1, 3, true], result: [-2, 3] },
  { name: 'only the older times out: its end loses', older: [-1, 3, true], younger: [0, 2], result: [-1, 2] },
  { name: 'only the younger times out: the later explicit end wins', older: [-1, 3], younger: [0, 2, true], result: [-1, 3] },
  { name: 'both firing, explicit: the later end wins', older: [-1, 3], younger: [0, 2], result: [-1, 3] },
  { name: 'both firing, explicit: the younger end is later', older: [-1, 3], younger: [-1, 4], result: [-1, 4] },
  { name: 'the older is resolved, the younger fires: the younger end', older: [-3, -1], younger: [-2, 1], result: [-3, 1] },
  { name: 'the younger is resolved: it resolves the alert', older: [-2, 3], younger: [-2, 0], result: [-2, 0] },
  { name: 'both resolved: the latest end wins', older: [-3, -1], younger: [-4, -2], result: [-4, -1] },
];

describe('mergeAlerts', () => {
  it.each(cases)('$name', ({ older, younger, result }) => {
    const a = alert({ startsAt: at(older[0]), endsAt: at(older[1]), timeout: older[2] ?? false, updatedAt: at(0) });
    const b = alert({ startsAt: at(younger[0]), endsAt: at(younger[1]), timeout: younger[2] ?? false, updatedAt: at(1) });
    const expected = { ...b, startsAt: at(result[0]), endsAt: at(result[1]) };
    expect(mergeAlerts(a, b, now)).toEqual(expected);
    expect(mergeAlerts(b, a, now)).toEqual(expected);
  });

  it('takes annotations and the rest from the more recently received alert', () => {
    const a = alert({ annotations: { ann: 'v1' }, generatorURL: 'a', updatedAt: at(0), endsAt: at(5) });
    const b = alert({ annotations: { ann: 'v2' }, generatorURL: 'b', updatedAt: at(1), endsAt: at(5) });
    expect(mergeAlerts(b, a, now)).toMatchObject({ annotations: { ann: 'v2' }, generatorURL: 'b', updatedAt: at(1) });
  });

  it('treats the second argument as the younger when both were received at once', () => {
    const a = alert({ annotations: { ann: 'first' }, endsAt: at(5) });
    const b = alert({ annotations: { ann: 'second' }, endsAt: at(5) });
    expect(mergeAlerts(a, b, now).annotations).toEqual({ ann: 'second' });
  });
});

describe('overlaps', () => {
  const storedAlert = alert({ startsAt: at(0), endsAt: at(10) });
  it.each<[string, number, number, boolean]>([
    ['ends inside', -5, 5, true],
    ['starts inside', 5, 15, true],
    ['lies inside', 2, 8, true],
    ['the same range', 0, 10, false],
    ['same start, later end', 0, 20, false],
    ['after it', 11, 20, false],
    ['before it', -10, -1, false],
    ['ends at its start', -5, 0, false],
    ['starts at its end', 10, 20, false],
  ])('a range that %s: %s', (_name, start, end, expected) => {
    expect(overlaps(storedAlert, alert({ startsAt: at(start), endsAt: at(end) }))).toBe(expected);
  });
});

describe('merge properties', () => {
  const minute = fc.integer({ min: -30, max: 30 }).map(at);
  const version = fc
    .record({ start: minute, length: fc.integer({ min: 0, max: 60 }), timeout: fc.boolean(), received: minute, note: fc.string() })
    .map(({ start, length, timeout, received, note }) =>
      alert({ startsAt: start, endsAt: start + length * MINUTE, timeout, updatedAt: received, annotations: { note } }),
    );
  const distinctPair = fc.tuple(version, version).filter(([a, b]) => a.updatedAt !== b.updatedAt);

  it('does not depend on the order of its arguments when the receive times differ', () => {
    fc.assert(
      fc.property(distinctPair, ([a, b]) => {
        expect(mergeAlerts(a, b, now)).toEqual(mergeAlerts(b, a, now));
      }),
    );
  });

  it('starts at the earliest start, ends at one of the two ends and keeps the younger version otherwise', () => {
    fc.assert(
      fc.property(distinctPair, ([a, b]) => {
        const merged = mergeAlerts(a, b, now);
        const younger: Alert = a.updatedAt > b.updatedAt ? a : b;
        expect(merged.startsAt).toBe(Math.min(a.startsAt, b.startsAt));
        expect([a.endsAt, b.endsAt]).toContain(merged.endsAt);
        expect({ ...merged, startsAt: 0, endsAt: 0 }).toEqual({ ...younger, startsAt: 0, endsAt: 0 });
      }),
    );
  });

  it('never lets a timeout end override a later explicit end, nor reopen what the younger version resolved', () => {
    fc.assert(
      fc.property(distinctPair, ([a, b]) => {
        const merged = mergeAlerts(a, b, now);
        const [older, younger] = a.updatedAt < b.updatedAt ? [a, b] : [b, a];
        const youngerResolved = younger.endsAt <= now;
        if (youngerResolved) expect(merged.endsAt).toBeLessThanOrEqual(now);
        if (!youngerResolved && older.timeout) expect(merged.endsAt).toBe(younger.endsAt);
        if (!youngerResolved && !older.timeout) expect(merged.endsAt).toBe(Math.max(older.endsAt, younger.endsAt));
      }),
    );
  });
});
