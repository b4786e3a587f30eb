import { describe, expect, it } from 'vitest';
import { formatGoDuration, formatGoTime } from '../../src/template/go-time.js';

const ns = (iso: string, extraNs = 0n) => BigInt(Date.parse(iso)) * 1_000_000n + extraNs;

describe('Go time formatting', () => {
  it('formats with Go\'s reference layout', () => {
    const t = ns('2024-03-09T15:04:05.120Z', 3n);
    expect(formatGoTime(t, '2006-01-02 15:04:05.999999999 -0700 MST')).toBe('2024-03-09 15:04:05.120000003 +0000 UTC');
    expect(formatGoTime(t, 'Mon Monday Jan January 1 01 _2 02 002 __2 06')).toBe('Sat Saturday Mar March 3 03  9 09 069  69 24');
    expect(formatGoTime(t, '3 03 4 04 5 05 PM pm .000 .999 ,00 Z07:00 -07 Z0700')).toBe('3 03 4 04 5 05 PM pm .120 .12 ,12 Z +00 Z');
    expect(formatGoTime(ns('0001-01-01T00:00:00Z'), '2006-01-02 15:04:05 MST')).toBe('0001-01-01 00:00:00 UTC');
    expect(formatGoTime(ns('1969-12-31T23:59:59.5Z'), '15:04:05.999')).toBe('23:59:59.5');
  });

  it('formats durations as time.Duration.String', () => {
    expect(formatGoDuration(0n)).toBe('0s');
    expect(formatGoDuration(1n)).toBe('1ns');
    expect(formatGoDuration(1500n)).toBe('1.5µs');
    expect(formatGoDuration(2_000_000n)).toBe('2ms');
    expect(formatGoDuration(90_500_000_000n)).toBe('1m30.5s');
    expect(formatGoDuration(3_600_000_000_000n)).toBe('1h0m0s');
    expect(formatGoDuration(-(26n * 3_600_000_000_000n + 1n))).toBe('-26h0m0.000000001s');
  });
});
