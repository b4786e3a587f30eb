/** Klaxon's own endpoints: the Alertmanager webhook receiver and the history listing. */
import { describe, expect, it } from 'vitest';
import { formatApiTime } from '../../../src/alertmanager/alerts/api-time.js';
import { call, iso, MINUTE, startApiServer } from './api-server.js';

/** A message as Alertmanager 0.25's webhook integration posts it (firing alerts with a zero end). */
function webhookMessage(alerts: Record<string, unknown>[], fields: Record<string, unknown> = {}) {
  return {
    receiver: 'klaxon',
    status: 'firing',
    alerts,
    groupLabels: { alertname: 'A' },
    commonLabels: {},
    commonAnnotations: {},
    externalURL: 'http://upstream-am:9093',
    version: '4',
    groupKey: '{}:{alertname="A"}',
    truncatedAlerts: 0,
    ...fields,
  };
}

function forwardedAlert(labels: Record<string, string>, status: 'firing' | 'resolved', startsAt: string, endsAt = '0001-01-01T00:00:00Z') {
  return { status, labels, annotations: { summary: 'forwarded' }, startsAt, endsAt, generatorURL: 'http://prom/graph', fingerprint: 'ignored' };
}

interface HistoryEntry {
  id: number;
  at: string;
  kind: string;
  fingerprint?: string;
  silenceId?: string;
  data?: Record<string, unknown>;
}

describe('POST /api/klaxon/v1/webhook', () => {
  it('stores forwarded alerts as if posted: firing ones time out, resolved ones keep their end', async () => {
    const { url } = await startApiServer();
    const answer = await call(url, 'POST', '/api/klaxon/v1/webhook', webhookMessage([
      forwardedAlert({ alertname: 'A', instance: '1' }, 'firing', '2026-11-27T04:50:00.123456789Z'),
      forwardedAlert({ alertname: 'A', instance: '2' }, 'resolved', iso(-10 * MINUTE), iso(-MINUTE)),
      forwardedAlert({ alertname: 'A', instance: '3' }, 'resolved', iso(-10 * MINUTE), iso(MINUTE)),
    ]));
    expect(answer).toMatchObject({ status: 200, text: '' });

    const alerts = (await call(url, 'GET', '/api/v2/alerts')).body as { labels: Record<string, string>; startsAt: string; endsAt: string; annotations: Record<string, string> }[];
    const byInstance = new Map(alerts.map((a) => [a.labels['instance'], a]));
    expect([...byInstance.keys()].sort()).toEqual(['1', '3']);
    expect(byInstance.get('1')).toMatchObject({ startsAt: '2026-11-27T04:50:00.123Z', endsAt: iso(5 * MINUTE), annotations: { summary: 'forwarded' } });
    expect(byInstance.get('3')).toMatchObject({ endsAt: iso(MINUTE) });

    const history = (await call(url, 'GET', '/api/klaxon/v1/history')).body as HistoryEntry[];
    const received = history.filter((e) => e.kind === 'webhook.received');
    expect(received).toHaveLength(3);
    // As for a posted alert, an end still ahead (a clock running behind upstream's) means firing until then.
    expect(received.map((e) => e.data?.['status']).sort()).toEqual(['firing', 'firing', 'resolved']);
    expect(received[0]!.data).toMatchObject({ receiver: 'klaxon', groupKey: '{}:{alertname="A"}', externalURL: 'http://upstream-am:9093' });
  });

  it('refuses messages of another version or shape with a clear 400, storing nothing', async () => {
    const { url } = await startApiServer();
    const cases: [unknown, string][] = [
      [[], "invalid webhook payload: $ must be Alertmanager's webhook message (a JSON object), not an array"],
      [{ alerts: [] }, `invalid webhook payload: $ has no "version": Klaxon accepts Alertmanager's webhook message version 4`],
      [webhookMessage([], { version: '3' }), `invalid webhook payload: $.version "3" is not supported: Klaxon accepts Alertmanager's webhook message version 4`],
      [webhookMessage([], { alerts: {} }), 'invalid webhook payload: $.alerts must be a list of alerts, not an object'],
      [webhookMessage([{ status: 'firing', labels: { a: 1 } }]), 'invalid webhook payload: $.alerts[0].labels.a must be a string, not a number'],
      [webhookMessage([{ status: 'firing' }]), 'invalid webhook payload: $.alerts[0].labels is required'],
      [webhookMessage([{ status: 'sleeping', labels: { a: 'b' } }]), 'invalid webhook payload: $.alerts[0].status must be "firing" or "resolved", not the string "sleeping"'],
      [webhookMessage([{ status: 'resolved', labels: { a: 'b' }, startsAt: iso(0) }]), 'invalid webhook payload: $.alerts[0].endsAt must be set for a resolved alert'],
      [
        webhookMessage([{ status: 'firing', labels: { a: 'b' }, startsAt: 'yesterday' }]),
        'invalid webhook payload: $.alerts[0].startsAt is not a time: parsing time "yesterday" as "2006-01-02 15:04:05": cannot parse "yesterday" as "2006"',
      ],
    ];
    for (const [body, message] of cases) expect(await call(url, 'POST', '/api/klaxon/v1/webhook', body)).toMatchObject({ status: 400, body: message });
    expect(await call(url, 'POST', '/api/klaxon/v1/webhook', '{"version":')).toMatchObject({
      status: 400,
      body: { code: 400, message: 'parsing webhook message body from "" failed, because unexpected EOF' },
    });
    expect((await call(url, 'GET', '/api/v2/alerts')).body).toEqual([]);
  });

  it('stores the valid alerts of a message and reports the invalid ones', async () => {
    const { url } = await startApiServer();
    const answer = await call(url, 'POST', '/api/klaxon/v1/webhook', webhookMessage([
      forwardedAlert({ alertname: 'Good' }, 'firing', iso(0)),
      forwardedAlert({ 'bad-name': 'x' }, 'firing', iso(0)),
    ]));
    expect(answer).toMatchObject({ status: 400, body: 'invalid label set: invalid name "bad-name"' });
    expect(((await call(url, 'GET', '/api/v2/alerts')).body as unknown[]).length).toBe(1);
  });
});

describe('GET /api/klaxon/v1/history', () => {
  it('lists events newest first, by alert or silence, with a limit', async () => {
    const { url, clock } = await startApiServer();
    await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A' } }, { labels: { alertname: 'B' } }]);
    clock.advance(MINUTE);
    const silence = await call(url, 'POST', '/api/v2/silences', {
      matchers: [{ name: 'alertname', value: 'A', isRegex: false }],
      startsAt: iso(MINUTE),
      endsAt: iso(60 * MINUTE),
      createdBy: 'me',
      comment: 'c',
    });
    const silenceId = (silence.body as { silenceID: string }).silenceID;
    clock.advance(MINUTE);
    await call(url, 'DELETE', `/api/v2/silence/${silenceId}`);

    const all = (await call(url, 'GET', '/api/klaxon/v1/history')).body as HistoryEntry[];
    expect(all.map((e) => e.kind)).toEqual(['silence.expired', 'silence.created', 'alert.received', 'alert.received']);
    expect(all[0]).toMatchObject({ at: formatApiTime(Date.parse(iso(2 * MINUTE))), silenceId });

    const alerts = (await call(url, 'GET', '/api/v2/alerts?filter=alertname%3DA')).body as { fingerprint: string }[];
    const forA = (await call(url, 'GET', `/api/klaxon/v1/history?fingerprint=${alerts[0]!.fingerprint}`)).body as HistoryEntry[];
    expect(forA.map((e) => [e.kind, e.fingerprint])).toEqual([['alert.received', alerts[0]!.fingerprint]]);
    const forSilence = (await call(url, 'GET', `/api/klaxon/v1/history?silence=${silenceId}`)).body as HistoryEntry[];
    expect(forSilence.map((e) => e.kind)).toEqual(['silence.expired', 'silence.created']);
    expect(((await call(url, 'GET', '/api/klaxon/v1/history?limit=1')).body as HistoryEntry[]).map((e) => e.kind)).toEqual(['silence.expired']);
    for (const bad of ['0', '-1', 'ten', '1.5']) {
      expect(await call(url, 'GET', `/api/klaxon/v1/history?limit=${bad}`)).toMatchObject({ status: 400, body: `limit must be a positive integer, not "${bad}"` });
    }
  });
});
