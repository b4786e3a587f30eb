/**
 * Malformed and hostile requests against the running API: wrong types, huge label sets, bytes that
 * are not UTF-8, deep nesting, regex bombs in silence matchers, unknown and malformed IDs. Every
 * one must be refused with a 4xx and a message, the server must keep answering, and what it
 * stores (alerts, silences, history) must be exactly as before.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, HOUR, iso, MINUTE, startApiServer, type Answer, type ApiServer } from './api-server.js';

const MAX_BODY = 1024 * 1024;
let server: ApiServer;

/** Everything the store holds that the API shows. */
async function dump(): Promise<unknown> {
  const get = async (path: string) => (await call(server.url, 'GET', path)).body;
  return {
    alerts: await get('/api/v2/alerts'),
    groups: await get('/api/v2/alerts/groups'),
    silences: await get('/api/v2/silences'),
    history: await get('/api/klaxon/v1/history?limit=100000'),
  };
}

function expectRefused(answer: Answer, what: string): void {
  expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.text.length, `${what} has a message`).toBeGreaterThan(0);
}

async function expectAlive(): Promise<void> {
  expect((await call(server.url, 'GET', '/-/healthy')).status).toBe(200);
}

beforeAll(async () => {
  server = await startApiServer({
    directory: mkdtempSync(join(tmpdir(), 'klaxon-api-fuzz-')),
    autoClose: false,
    maxBodyBytes: MAX_BODY,
    config: `route:
  receiver: default
  group_by: [alertname]
receivers:
- name: default
inhibit_rules:
- source_matchers: ['severity="critical"']
  target_matchers: ['severity="warning"']
`,
  });
  await call(server.url, 'POST', '/api/v2/alerts', [
    { labels: { alertname: 'Seed', severity: 'critical' }, endsAt: iso(2 * HOUR) },
    { labels: { alertname: 'Other', severity: 'warning' }, annotations: { note: 'é ✓' }, endsAt: iso(2 * HOUR) },
  ]);
  await call(server.url, 'POST', '/api/v2/silences', {
    matchers: [{ name: 'alertname', value: 'Other', isRegex: false }],
    startsAt: iso(0),
    endsAt: iso(HOUR),
    createdBy: 'seed',
    comment: 'seed',
  });
});

afterAll(async () => {
  await server.close();
  rmSync(server.directory, { recursive: true, force: true });
});

/** Keys of a random object that Go would match to `field` (case-insensitively) are dropped. */
function without(object: Record<string, unknown>, ...fields: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !fields.includes(key.toLowerCase())));
}

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const hostileText = fc.oneof(
  fc.string({ maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: fc.oneof(loneSurrogate, fc.constantFrom('a', '_', '-', '.', ' ', '\u0000', '"', '\\', '{', '=~')), maxLength: 8 }),
  fc.constantFrom('', '0001-01-01T00:00:00Z', '2026-13-01T00:00:00Z', '9999-99-99', 'http://x y/', '%zz', '(a*)*', 'a{1001}'),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const randomObject = fc.dictionary(
  fc.oneof(hostileText, fc.constantFrom('labels', 'Labels', 'annotations', 'startsAt', 'ENDSAT', 'generatorURL', 'matchers', 'id', '__proto__', 'version', 'alerts')),
  fc.oneof(hostileText, anyJson, fc.constant(null)),
  { maxKeys: 6 },
);
/** Labels that can never be valid: one name starts with a digit. */
const invalidLabels = fc
  .dictionary(hostileText, fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: anyJson }), { maxKeys: 8 })
  .map((labels) => ({ ...labels, '0invalid': 'x' }));
const hostileAlert = fc.tuple(randomObject, invalidLabels).map(([object, labels]) => ({ ...without(object, 'labels'), labels }));

describe('hostile requests', () => {
  it('refuses random alert bodies whose alerts are all invalid', async () => {
    const before = await dump();
    await fc.assert(
      fc.asyncProperty(fc.array(hostileAlert, { minLength: 1, maxLength: 4 }), async (alerts) => {
        expectRefused(await call(server.url, 'POST', '/api/v2/alerts', alerts), 'POST /api/v2/alerts');
      }),
      { numRuns: 150 },
    );
    await expectAlive();
    expect(await dump()).toEqual(before);
  });

  it('refuses random silences that end in the past or are otherwise invalid', async () => {
    const before = await dump();
    const silence = fc.tuple(randomObject, fc.option(fc.array(fc.oneof(randomObject, anyJson), { maxLength: 3 }))).map(([object, matchers]) => ({
      ...without(object, 'startsat', 'endsat'),
      ...(matchers === null ? {} : { matchers }),
      startsAt: iso(-2 * HOUR),
      endsAt: iso(-HOUR),
    }));
    await fc.assert(
      fc.asyncProperty(silence, async (body) => {
        expectRefused(await call(server.url, 'POST', '/api/v2/silences', body), 'POST /api/v2/silences');
      }),
      { numRuns: 150 },
    );
    await expectAlive();
    expect(await dump()).toEqual(before);
  });

  it('refuses random webhook messages carrying only invalid alerts', async () => {
    const before = await dump();
    const message = fc.tuple(randomObject, fc.array(hostileAlert, { minLength: 1, maxLength: 3 }), fc.constantFrom('4', '3', 4, null)).map(([object, alerts, version]) => ({
      ...without(object, 'version', 'alerts'),
      version,
      alerts,
    }));
    await fc.assert(
      fc.asyncProperty(message, async (body) => {
        expectRefused(await call(server.url, 'POST', '/api/klaxon/v1/webhook', body), 'POST /api/klaxon/v1/webhook');
      }),
      { numRuns: 100 },
    );
    await expectAlive();
    expect(await dump()).toEqual(before);
  });

  it('answers random query parameters and IDs with 200, 400, 404 or 422, never 500', async () => {
    const before = await dump();
    // A URL carries UTF-8: lone surrogates cannot be sent in one.
    const text = fc
      .oneof(hostileText, fc.constantFrom('a=~"(a*)*b"', 'a=~"(.*){1,1000}"', '{a="b"}', 'a!~"["', 'a=b,c=d'))
      .map((t) => t.replace(/[\ud800-\udfff]/g, '\ufffd'));
    await fc.assert(
      fc.asyncProperty(text, text, async (filter, id) => {
        const q = encodeURIComponent(filter);
        for (const path of [`/api/v2/alerts?filter=${q}&receiver=${q}`, `/api/v2/alerts/groups?filter=${q}`, `/api/v2/silences?filter=${q}`, `/api/klaxon/v1/history?limit=${q}&fingerprint=${q}`]) {
          expect([200, 400]).toContain((await call(server.url, 'GET', path)).status);
        }
        for (const method of ['GET', 'DELETE']) {
          const answer = await call(server.url, method, `/api/v2/silence/${encodeURIComponent(id)}`);
          expect([404, 422]).toContain(answer.status);
        }
      }),
      { numRuns: 100 },
    );
    await expectAlive();
    expect(await dump()).toEqual(before);
  });

  it('refuses hand-picked hostile payloads', async () => {
    const before = await dump();
    const manyLabels = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`label_${i}`, `value ${i}`]));
    const bytes = (text: string) => Buffer.from(text, 'latin1');
    const silence = (matchers: unknown[], fields: Record<string, unknown> = {}) => ({ matchers, startsAt: iso(0), endsAt: iso(HOUR), createdBy: 'x', comment: 'x', ...fields });
    const regex = (value: string) => ({ name: 'alertname', value, isRegex: true });
    const cases: [string, string, unknown][] = [
      ['POST', '/api/v2/alerts', '['.repeat(20_000)],
      ['POST', '/api/v2/alerts', `[{"labels":{"a":${'['.repeat(9_000)}${']'.repeat(9_000)}}}]`],
      ['POST', '/api/v2/alerts', `{"labels":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`],
      ['POST', '/api/v2/alerts', [{ labels: { ...manyLabels, '0invalid': 'x' } }]],
      ['POST', '/api/v2/alerts', [{ labels: { alertname: 'x'.repeat(MAX_BODY) } }]],
      ['POST', '/api/v2/alerts', bytes('[{"labels":{"\xff\xfe":"x"}}]')],
      ['POST', '/api/v2/alerts', bytes('[{"labels":{"a":"\xc3\x28"}},\xff]')],
      ['POST', '/api/v2/alerts', bytes('\xef\xbb\xbf[]')],
      ['POST', '/api/v2/alerts', [{ labels: { alertname: 'x' }, startsAt: '\ud800' }]],
      ['POST', '/api/v2/alerts', [{ labels: { alertname: 'x' }, generatorURL: 'javascript:\u0000' }]],
      ['POST', '/api/v2/silences', silence([regex('(a*)*')])],
      ['POST', '/api/v2/silences', silence([regex('((a|a)*)*|(.*){1,1000}')])],
      ['POST', '/api/v2/silences', silence([regex('a{1001}')])],
      ['POST', '/api/v2/silences', silence([regex('x{2}{2}{2}{2}{2}{2}{2}{2}{2}{2}')])],
      ['POST', '/api/v2/silences', silence(Array.from({ length: 2_000 }, (_, i) => regex(`(a*)*${'|'.repeat(i % 3)}`)))],
      // Valid regexes that are costly to compile and to match: refused for their size.
      ['POST', '/api/v2/silences', silence([regex('(abcdefghijklmnopqrstuvwxyz0123){1000}')])],
      ['POST', '/api/v2/silences', silence([regex('[a-z]{1000}'.repeat(11))])],
      ['POST', '/api/v2/silences', silence([regex('x'.repeat(500_000))])],
      ['POST', '/api/v2/silences', silence(Array.from({ length: 200 }, (_, i) => regex(`(${i}bcdefghijklmnopqrstuvwxyz0123){1000}`)))],
      ['POST', '/api/v2/silences', silence([{ name: '0bad', value: 'x', isRegex: false }])],
      ['POST', '/api/v2/silences', silence([regex('a')], { id: '6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e' })],
      ['POST', '/api/v2/silences', silence([regex('a')], { id: '../../etc/passwd' })],
      ['POST', '/api/v2/silences', silence([regex('a')], { startsAt: iso(HOUR), endsAt: iso(MINUTE) })],
      ['POST', '/api/v2/silences', silence([])],
      ['POST', '/api/v2/silences', { ...silence([regex('a')]), matchers: 'alertname=x' }],
      ['GET', '/api/v2/silence/not-a-uuid', undefined],
      ['GET', '/api/v2/silence/6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e', undefined],
      ['DELETE', '/api/v2/silence/6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e', undefined],
      ['DELETE', '/api/v2/silence/%E0%A4%A', undefined],
      ['DELETE', `/api/v2/silence/${'f'.repeat(10_000)}`, undefined],
      ['POST', '/api/klaxon/v1/webhook', { version: '4', alerts: [{ status: 'firing', labels: manyLabels, startsAt: 12 }] }],
      ['POST', '/api/klaxon/v1/webhook', { version: 4, alerts: [] }],
      ['POST', '/api/klaxon/v1/webhook', bytes('{"version":"4","alerts":[{"labels":{"\xff":"x"}}]}')],
      ['PUT', '/api/v2/alerts', '[]'],
      ['GET', '/api/v2/alerts?receiver=(((', undefined],
      ['GET', '/api/v2/nothing', undefined],
    ];
    for (const [method, path, body] of cases) {
      const answer = await call(server.url, method, path, body);
      expectRefused(answer, `${method} ${path} ${typeof body === 'string' ? body.slice(0, 40) : ''}`);
    }
    const wrongType = await fetch(`${server.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'labels=x' });
    expect(wrongType.status).toBe(415);
    await expectAlive();
    expect(await dump()).toEqual(before);
  });
});
