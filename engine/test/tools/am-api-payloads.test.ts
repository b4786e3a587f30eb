/**
 * POST /api/v2/alerts and /api/v2/silences bodies against Debian's Alertmanager 0.25: for each
 * body, hand-picked and generated, Klaxon's decoding, ingest and silence checks must give the
 * status and message Alertmanager answers. Then a posted alert and silence must print as
 * Alertmanager prints them on GET.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiPayloadError, ApiRequestError } from '../../src/alertmanager/alerts/api-errors.js';
import { formatGettableAlert } from '../../src/alertmanager/alerts/gettable-alert.js';
import { ingestPostedAlerts, joinAlertErrors } from '../../src/alertmanager/alerts/ingest.js';
import { parsePostableAlerts } from '../../src/alertmanager/alerts/postable-alert.js';
import { AlertProvider } from '../../src/alertmanager/alerts/provider.js';
import { formatGettableSilence } from '../../src/alertmanager/silences/gettable-silence.js';
import { checkPostedTimes, parsePostableSilence } from '../../src/alertmanager/silences/postable-silence.js';
import { Silences } from '../../src/alertmanager/silences/silences.js';
import { wallClock } from '../../src/clock.js';
import { startAlertmanager, type RunningAlertmanager } from './am-process.js';

const CONFIG = 'route:\n  receiver: default\nreceivers:\n- name: default\n';
const RESOLVE_TIMEOUT = 5 * 60_000;

interface Answer {
  status: number;
  body: unknown;
}

let am: RunningAlertmanager;
beforeAll(async () => {
  am = await startAlertmanager(CONFIG);
});
afterAll(async () => {
  await am?.stop();
});

async function post(path: string, body: unknown): Promise<Answer> {
  const response = await fetch(`${am.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text.trim() === '' ? undefined : JSON.parse(text) };
}

function klaxonAlertsAnswer(body: unknown): Answer {
  let decoded;
  try {
    decoded = parsePostableAlerts(body);
  } catch (e) {
    if (e instanceof ApiPayloadError) return { status: e.status, body: e.body() };
    throw e;
  }
  const { errors } = ingestPostedAlerts(decoded, { now: Date.now(), resolveTimeout: RESOLVE_TIMEOUT });
  return errors.length > 0 ? { status: 400, body: joinAlertErrors(errors) } : { status: 200, body: undefined };
}

const silences = new Silences({ clock: wallClock });

function klaxonSilenceAnswer(body: unknown): Answer {
  try {
    const input = parsePostableSilence(body);
    checkPostedTimes(input, Date.now());
    silences.set(input);
    return { status: 200, body: undefined };
  } catch (e) {
    if (e instanceof ApiPayloadError) return { status: e.status, body: e.body() };
    if (e instanceof ApiRequestError) return { status: e.status, body: e.message };
    throw e;
  }
}

const PAST = '2020-01-01T00:00:00Z';
const FUTURE = '2035-01-01T00:00:00Z';

const ALERT_BODIES: unknown[] = [
  [{ labels: { a: 'b' } }],
  [{ labels: {} }],
  [{}],
  {},
  'x',
  ['x'],
  [1, { labels: { a: 'b' }, startsAt: 'nope' }],
  [{ labels: { a: 1 }, startsAt: 'nope' }],
  [{ labels: { a: 1 }, endsAt: 5 }],
  [{ labels: { a: 'b' }, startsAt: [] }],
  [{ labels: { a: [] } }],
  [{ labels: 'x' }],
  [{ labels: { a: 'b' }, annotations: { 'x-y': 'z' } }],
  [{ labels: { a: 'b' }, annotations: { x: 5 } }],
  [{ labels: { a: 'b' }, generatorURL: 5 }],
  [{ labels: { a: 'b' }, generatorURL: 'not a uri' }],
  [{ generatorURL: 'not a uri' }],
  [{ labels: { a: 'b' } }, { labels: { 'c-d': 'e' } }, { labels: { x: '' } }],
  [{ labels: { a: 'b' }, startsAt: FUTURE }],
  [{ labels: { a: 'b' }, startsAt: FUTURE, endsAt: PAST }],
  [{ labels: { a: 'b' }, startsAt: '0001-01-01T00:00:00.000Z', endsAt: '0001-01-01T00:00:00.000Z' }],
  [{ labels: { a: '\ud800' } }],
  [{ Labels: { a: 'b' }, STARTSAT: PAST }],
  [{ labels: { '': 'x' } }],
  [{ labels: { a: null } }],
  null,
];

const SILENCE = { matchers: [{ name: 'a', value: 'b', isRegex: false }], startsAt: PAST, endsAt: FUTURE, createdBy: 'me', comment: 'c' };
const SILENCE_BODIES: unknown[] = [
  SILENCE,
  null,
  [],
  { ...SILENCE, id: 5 },
  { ...SILENCE, id: '3f376684-37b6-4be2-8c1e-71dfc1a69120' },
  { ...SILENCE, matchers: [] },
  { ...SILENCE, matchers: {} },
  { ...SILENCE, matchers: [5, { name: 'a' }] },
  { ...SILENCE, matchers: [{ name: 'a', value: '', isRegex: false }] },
  { ...SILENCE, matchers: [{ name: 'a', value: '.*', isRegex: true }, { name: 'b', value: 'x|', isRegex: true }] },
  { ...SILENCE, matchers: [{ name: 'a', value: '', isRegex: false, isEqual: false }] },
  { ...SILENCE, matchers: [{ name: 'a', value: '(', isRegex: true }] },
  { ...SILENCE, matchers: [{ name: 'a', value: 'x', isRegex: false }, { name: 'a-b', value: 'x', isRegex: false }] },
  { ...SILENCE, matchers: [{ name: 'a', value: 'x' }] },
  { ...SILENCE, matchers: [{ name: 'a', value: 'x', isRegex: 'no' }] },
  { ...SILENCE, startsAt: FUTURE, endsAt: PAST },
  { ...SILENCE, startsAt: PAST, endsAt: '2021-01-01T00:00:00Z' },
  { ...SILENCE, startsAt: 'bad' },
  { ...SILENCE, startsAt: 5, comment: 5 },
  { ...SILENCE, comment: 5, startsAt: 'bad' },
  { ...SILENCE, createdBy: undefined, comment: undefined },
  { ...SILENCE, startsAt: '' },
];

/** Bodies in the space where Alertmanager is deterministic: one questionable label per map at most, no null elements. */
function generatedAlertBodies(): unknown[] {
  const name = fc.constantFrom('alertname', 'job', '_x', 'bad-name', '1st', 'ünï');
  const value = fc.oneof(fc.constantFrom('v', '', 'ü'), fc.constantFrom<unknown>(1, true, null, [], {}));
  const time = fc.constantFrom<unknown>(PAST, FUTURE, '2026-13-01T00:00:00Z', 'soon', '', null, 5, '0001-01-01T00:00:00Z', '2030-01-01 00:00:00');
  const labelMap = fc.record({ ok: fc.constant('fine'), odd: fc.tuple(name, value) }).map(({ odd }) => ({ alertname: 'A', [odd[0]]: odd[1] }));
  const alert = fc.record(
    {
      labels: fc.oneof(labelMap, fc.constantFrom<unknown>({}, 'x', null)),
      annotations: fc.oneof(labelMap, fc.constantFrom<unknown>({ summary: 's' }, 7)),
      startsAt: time,
      endsAt: time,
      generatorURL: fc.constantFrom<unknown>('http://g/x', 'no uri', '', 3),
    },
    { requiredKeys: [] },
  );
  return fc.sample(fc.oneof({ weight: 9, arbitrary: fc.array(alert, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.constantFrom<unknown>({}, 'x', 1) }), {
    seed: 4,
    numRuns: 150,
  });
}

function generatedSilenceBodies(): unknown[] {
  const text = fc.constantFrom<unknown>('a', '', 'x.*', '(', 'ü', 'a-b', 5, null, true);
  const matcher = fc.record({ name: text, value: text, isRegex: fc.constantFrom<unknown>(true, false, 'no', null), isEqual: fc.constantFrom<unknown>(true, false, 1) }, { requiredKeys: [] });
  const time = fc.constantFrom<unknown>(PAST, FUTURE, '2021-01-01T00:00:00Z', 'soon', '', null, 5, '0001-01-01T00:00:00Z');
  const silence = fc.record(
    {
      id: fc.constantFrom<unknown>('', 7, '3f376684-37b6-4be2-8c1e-71dfc1a69120'),
      matchers: fc.oneof(fc.array(matcher, { maxLength: 3 }), fc.constantFrom<unknown>(null, {}, 'x')),
      startsAt: time,
      endsAt: time,
      createdBy: fc.constantFrom<unknown>('me', '', 3),
      comment: fc.constantFrom<unknown>('c', null, []),
    },
    { requiredKeys: [] },
  );
  return fc.sample(silence, { seed: 7, numRuns: 150 });
}

describe('POST /api/v2/alerts answers, against Alertmanager 0.25', () => {
  it.each(ALERT_BODIES.map((body) => [JSON.stringify(body), body]))('%s', async (_name, body) => {
    expect(klaxonAlertsAnswer(body)).toEqual(await post('/api/v2/alerts', body));
  });

  it('agrees on 150 generated bodies', async () => {
    const disagreements: string[] = [];
    for (const body of generatedAlertBodies()) {
      const [ours, theirs] = [klaxonAlertsAnswer(body), await post('/api/v2/alerts', body)];
      if (JSON.stringify(ours) !== JSON.stringify(theirs)) disagreements.push(`${JSON.stringify(body)}\n  klaxon: ${JSON.stringify(ours)}\n  alertmanager: ${JSON.stringify(theirs)}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('POST /api/v2/silences answers, against Alertmanager 0.25', () => {
  it.each(SILENCE_BODIES.map((body) => [JSON.stringify(body), body]))('%s', async (_name, body) => {
    const theirs = await post('/api/v2/silences', body);
    const ours = klaxonSilenceAnswer(body);
    expect(ours.status).toBe(theirs.status);
    if (ours.status !== 200) expect(ours.body).toEqual(theirs.body);
  });
});

describe('POST /api/v2/silences answers on generated bodies, against Alertmanager 0.25', () => {
  it('agrees on 150 generated bodies', async () => {
    const disagreements: string[] = [];
    for (const body of generatedSilenceBodies()) {
      const [ours, theirs] = [klaxonSilenceAnswer(body), await post('/api/v2/silences', body)];
      const same = ours.status === theirs.status && (ours.status === 200 || JSON.stringify(ours.body) === JSON.stringify(theirs.body));
      if (!same) disagreements.push(`${JSON.stringify(body)}\n  klaxon: ${JSON.stringify(ours)}\n  alertmanager: ${JSON.stringify(theirs)}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('silence updates, against Alertmanager 0.25', () => {
  it('updates in place or replaces as Alertmanager does', async () => {
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const later = new Date(Date.now() + 7_200_000).toISOString();
    const first = { ...SILENCE, matchers: [{ name: 'update', value: 'x', isRegex: false }], startsAt: PAST, endsAt: soon };
    const theirs = ((await post('/api/v2/silences', first)).body as { silenceID: string }).silenceID;
    const ours = silences.set(parsePostableSilence(first)).id;
    const steps: [string, Record<string, unknown>][] = [
      ['a new comment', { comment: 'changed' }],
      ['a later end', { endsAt: later }],
      ['other matchers', { matchers: [{ name: 'update', value: 'y', isRegex: false }] }],
      ['a start in the future', { startsAt: later, endsAt: FUTURE }],
    ];
    let [theirId, ourId] = [theirs, ours];
    for (const [what, change] of steps) {
      const current = (await (await fetch(`${am.url}/api/v2/silence/${theirId}`)).json()) as Record<string, unknown>;
      const theirNext = ((await post('/api/v2/silences', { ...current, ...change, id: theirId })).body as { silenceID: string }).silenceID;
      const ourCurrent = formatGettableSilence(silences.get(ourId)!, Date.now());
      const ourNext = silences.set(parsePostableSilence({ ...ourCurrent, ...change, id: ourId })).id;
      expect([what, ourNext === ourId]).toEqual([what, theirNext === theirId]);
      [theirId, ourId] = [theirNext, ourNext];
    }
  });
});

describe('GET shapes, against Alertmanager 0.25', () => {
  it('prints a posted alert as Alertmanager does, but for the time it was received', async () => {
    const body = [{ labels: { alertname: 'Shape', zone: 'b', app: 'a' }, annotations: { z: '1', a: '' }, startsAt: PAST, endsAt: FUTURE, generatorURL: 'http://g/x' }];
    await post('/api/v2/alerts', body);
    const theirs = ((await (await fetch(`${am.url}/api/v2/alerts?filter=alertname%3D%22Shape%22`)).json()) as Record<string, unknown>[])[0]!;
    const provider = new AlertProvider({ clock: wallClock });
    const { alerts } = ingestPostedAlerts(parsePostableAlerts(body), { now: Date.now(), resolveTimeout: RESOLVE_TIMEOUT });
    const ours = formatGettableAlert(provider.put(alerts)[0]!, { state: 'active', silencedBy: [], inhibitedBy: [], mutedBy: [] }, ['default']);
    const { mutedBy: _mutedBy, ...oursStatus } = ours.status;
    expect(JSON.stringify({ ...ours, status: oursStatus, updatedAt: 'x' })).toBe(JSON.stringify({ ...theirs, updatedAt: 'x' }));
  });

  it('prints a posted silence as Alertmanager does, but for its ID and creation times', async () => {
    const body = { ...SILENCE, matchers: [{ name: 'shape', value: 'x.*', isRegex: true, isEqual: false }] };
    const { silenceID } = (await post('/api/v2/silences', body)).body as { silenceID: string };
    const theirs = (await (await fetch(`${am.url}/api/v2/silence/${silenceID}`)).json()) as Record<string, unknown>;
    const { id } = silences.set(parsePostableSilence(body));
    const ours = formatGettableSilence(silences.get(id)!, Date.now());
    const masked = (s: Record<string, unknown>) => JSON.stringify({ ...s, id: 'x', updatedAt: 'x', startsAt: 'x' });
    expect(masked({ ...ours })).toBe(masked(theirs));
  });
});
