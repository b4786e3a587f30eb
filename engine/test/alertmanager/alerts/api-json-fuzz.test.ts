/**
 * Random and hostile bodies for POST /api/v2/alerts: wrong types anywhere, lone surrogates, huge
 * label sets, deep nesting. Whatever comes in, the decoder answers with alerts or an
 * ApiPayloadError, ingest with alerts and messages, and nothing else escapes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ApiPayloadError } from '../../../src/alertmanager/alerts/api-errors.js';
import { formatGettableAlert } from '../../../src/alertmanager/alerts/gettable-alert.js';
import { ingestPostedAlerts } from '../../../src/alertmanager/alerts/ingest.js';
import { parsePostableAlerts } from '../../../src/alertmanager/alerts/postable-alert.js';
import { AlertProvider } from '../../../src/alertmanager/alerts/provider.js';
import { VirtualClock } from '../../../src/clock.js';
import { MINUTE, T0 } from './alert-fixtures.js';

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hostileString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '_', '-', '.', ' ', '\u0000', '"', '\\')), maxLength: 8 }),
  fc.constantFrom('', 'alertname', '0001-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '2026-11-27T05:00:00Z', '1970-01-01T00:00:00Z', 'http://x y/', '%zz', '*'),
);
const anyJson = fc.jsonValue({ maxDepth: 3 });
const labelMap = fc.dictionary(hostileString, fc.oneof({ weight: 4, arbitrary: hostileString }, { weight: 1, arbitrary: anyJson }), { maxKeys: 6 });
const fieldName = fc.constantFrom('labels', 'annotations', 'startsAt', 'endsAt', 'generatorURL', 'Labels', 'ENDSAT', '__proto__', 'other');
const alertLike = fc.dictionary(fieldName, fc.oneof(labelMap, hostileString, anyJson, fc.constant(null)), { maxKeys: 6 });
const body = fc.oneof(anyJson, fc.array(fc.oneof({ weight: 5, arbitrary: alertLike }, { weight: 1, arbitrary: anyJson }), { maxLength: 5 }));

/** Runs a body through decoding, ingest, storing and printing, as the server would. */
function post(payload: unknown, provider: AlertProvider): { status: number; stored: number } {
  let decoded;
  try {
    decoded = parsePostableAlerts(payload);
  } catch (e) {
    expect(e).toBeInstanceOf(ApiPayloadError);
    const error = e as ApiPayloadError;
    expect([400, 422]).toContain(error.status);
    expect(error.path.startsWith('$')).toBe(true);
    expect(error.message.length).toBeGreaterThan(0);
    return { status: error.status, stored: 0 };
  }
  const { alerts, errors } = ingestPostedAlerts(decoded, { now: T0, resolveTimeout: 5 * MINUTE });
  expect(alerts.length + errors.length).toBe(decoded.length);
  for (const error of errors) expect(typeof error).toBe('string');
  for (const alert of provider.put(alerts)) {
    expect(JSON.parse(JSON.stringify(formatGettableAlert(alert, { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] }, [])))).toBeTruthy();
  }
  return { status: errors.length > 0 ? 400 : 200, stored: alerts.length };
}

describe('POST /api/v2/alerts bodies, fuzzed', () => {
  it('answers every random body with alerts or a typed error', () => {
    const provider = new AlertProvider({ clock: new VirtualClock(T0) });
    fc.assert(
      fc.property(body, (payload) => {
        post(payload, provider);
      }),
      { numRuns: 500 },
    );
  });

  it('stores nothing from a body with one element that does not decode, however many others are valid', () => {
    const validAlert = fc.record({ labels: fc.record({ alertname: fc.constantFrom('A', 'B', 'C') }) });
    const broken = fc.constantFrom<unknown>('x', 5, [], { labels: [] }, { labels: { a: 1 } }, { startsAt: 'nope', labels: {} }, {}, null);
    fc.assert(
      fc.property(fc.array(validAlert, { maxLength: 4 }), broken, fc.nat(), (valid, bad, at) => {
        const payload: unknown[] = [...valid];
        payload.splice(at % (valid.length + 1), 0, bad);
        const provider = new AlertProvider({ clock: new VirtualClock(T0) });
        expect(post(payload, provider).status).not.toBe(200);
        expect(provider.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('takes a label set of 50,000 pairs, and reports an invalid name in one', () => {
    const labels: Record<string, string> = {};
    for (let i = 0; i < 50_000; i++) labels[`label_${i}`] = `value ${i}`;
    const provider = new AlertProvider({ clock: new VirtualClock(T0) });
    expect(post([{ labels }], provider)).toEqual({ status: 200, stored: 1 });
    const decoded = parsePostableAlerts([{ labels: { ...labels, 'bad-name': 'x' } }]);
    expect(ingestPostedAlerts(decoded, { now: T0, resolveTimeout: MINUTE }).errors).toEqual(['invalid label set: invalid name "bad-name"']);
  });

  it('refuses deeply nested values without descending into them', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    for (const payload of [[{ labels: { a: nested } }], [{ labels: nested }], [nested], nested]) {
      expect(() => parsePostableAlerts(payload)).toThrow(ApiPayloadError);
    }
  });

  it('keeps a __proto__ label as a label', () => {
    const payload = JSON.parse('[{"labels":{"__proto__":"x","a":"b"},"annotations":{"__proto__":"y"}}]');
    const { alerts } = ingestPostedAlerts(parsePostableAlerts(payload), { now: T0, resolveTimeout: MINUTE });
    expect([...alerts[0]!.labels]).toEqual([
      ['__proto__', 'x'],
      ['a', 'b'],
    ]);
    const printed = formatGettableAlert({ ...alerts[0]!, fingerprint: 'f' }, { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] }, []);
    expect(JSON.stringify(printed.labels)).toBe('{"__proto__":"x","a":"b"}');
    expect(Object.getPrototypeOf(alerts[0]!.annotations)).toBe(Object.prototype);
    expect(Object.keys(alerts[0]!.annotations)).toEqual(['__proto__']);
  });
});
