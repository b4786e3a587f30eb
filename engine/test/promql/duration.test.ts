import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDurationMs, parseDurationMs, tryParseDuration } from '../../src/promql/duration.js';
import { KlaxonError } from '../../src/errors.js';

const DAY = 86_400_000;

describe('parseDurationMs', () => {
  it.each([
    ['0', 0],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['500ms', 500],
    ['90d', 90 * DAY],
    ['1y2w3d4h5m6s7ms', 365 * DAY + 17 * DAY + 4 * 3_600_000 + 5 * 60_000 + 6_000 + 7],
    ['292y', 292 * 365 * DAY],
    ['9223372036854ms', 9_223_372_036_854],
  ])('%s is %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
  });

  it.each([
    ['', 'empty duration string'],
    ['5', 'not a valid duration string: "5"'],
    ['-5m', 'not a valid duration string: "-5m"'],
    ['m', 'not a valid duration string: "m"'],
    ['5m1h', 'not a valid duration string: "5m1h"'],
    ['5m5m', 'not a valid duration string: "5m5m"'],
    ['1.5h', 'unknown unit "." in duration "1.5h"'],
    ['1hs', 'unknown unit "hs" in duration "1hs"'],
    ['5M', 'unknown unit "M" in duration "5M"'],
    ['293y', 'duration out of range'],
    ['9223372036855ms', 'duration out of range'],
    ['99999999999999999999s', 'duration out of range'],
  ])('rejects %j', (text, message) => {
    expect(tryParseDuration(text)).toEqual({ error: message });
    expect(() => parseDurationMs(text)).toThrow(KlaxonError);
  });

  it('throws a KlaxonError covering the text', () => {
    try {
      parseDurationMs('5x');
      expect.unreachable();
    } catch (e) {
      expect((e as KlaxonError).problems).toEqual([
        { severity: 'error', message: 'unknown unit "x" in duration "5x"', range: { start: 0, end: 2 }, source: 'parse' },
      ]);
    }
  });
});

describe('formatDurationMs', () => {
  it.each([
    [0, '0s'],
    [1, '1ms'],
    [1_500, '1s500ms'],
    [5_400_000, '1h30m'],
    [25 * 3_600_000, '1d1h'],
    [14 * DAY, '2w'],
    [15 * DAY, '15d'],
    [365 * DAY, '1y'],
    [366 * DAY, '366d'],
    [730 * DAY, '2y'],
    [-300_000, '-5m'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDurationMs(ms)).toBe(text);
  });

  it('formats every duration so that it parses back', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (ms) => {
        expect(parseDurationMs(formatDurationMs(ms))).toBe(ms);
      }),
    );
  });
});
