/** POST/GET /api/v2/alerts and GET /api/v2/alerts/groups over real HTTP, answers as Alertmanager 0.25 gives them. */
import { describe, expect, it } from 'vitest';
import { BASIC_CONFIG, call, iso, MINUTE, startApiServer, T0 } from './api-server.js';

interface GettableAlert {
  labels: Record<string, string>;
  fingerprint: string;
  receivers: { name: string }[];
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  annotations: Record<string, string>;
  generatorURL?: string;
}

const INHIBITING_CONFIG = `${BASIC_CONFIG}inhibit_rules:
- source_matchers: ['severity="critical"']
  target_matchers: ['severity="warning"']
  equal: [instance]
`;

describe('POST /api/v2/alerts', () => {
  it('stores alerts with upstream defaults and lists them by fingerprint with receivers and status', async () => {
    const { url } = await startApiServer();
    const posted = await call(url, 'POST', '/api/v2/alerts', [
      { labels: { alertname: 'DiskFull', team: 'db', empty: '' }, annotations: { summary: 'disk' }, generatorURL: 'http://prom/graph' },
      { labels: { alertname: 'HighLoad' }, startsAt: iso(-MINUTE), endsAt: iso(10 * MINUTE) },
    ]);
    expect(posted.status).toBe(200);
    expect(posted.text).toBe('');

    const listed = await call(url, 'GET', '/api/v2/alerts');
    expect(listed.status).toBe(200);
    const alerts = listed.body as GettableAlert[];
    expect(alerts.map((a) => a.fingerprint)).toEqual([...alerts.map((a) => a.fingerprint)].sort());
    const disk = alerts.find((a) => a.labels['alertname'] === 'DiskFull')!;
    expect(disk).toMatchObject({
      labels: { alertname: 'DiskFull', team: 'db' },
      annotations: { summary: 'disk' },
      receivers: [{ name: 'db' }],
      startsAt: iso(0),
      endsAt: iso(5 * MINUTE),
      updatedAt: iso(0),
      generatorURL: 'http://prom/graph',
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    });
    const load = alerts.find((a) => a.labels['alertname'] === 'HighLoad')!;
    expect(load).toMatchObject({ startsAt: iso(-MINUTE), endsAt: iso(10 * MINUTE), receivers: [{ name: 'default' }] });
    expect(load).not.toHaveProperty('generatorURL');
  });

  it('stores the valid alerts of a request and answers 400 with every invalid one, as upstream joins them', async () => {
    const { url } = await startApiServer();
    const answer = await call(url, 'POST', '/api/v2/alerts', [
      { labels: { alertname: 'Good' } },
      { labels: { '0a': 'b' } },
      { labels: {} },
      { labels: { alertname: 'Backwards' }, startsAt: iso(MINUTE), endsAt: iso(0) },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body).toBe('invalid label set: invalid name "0a"; at least one label pair required; start time must be before end time');
    const listed = (await call(url, 'GET', '/api/v2/alerts')).body as GettableAlert[];
    expect(listed.map((a) => a.labels['alertname'])).toEqual(['Good']);
  });

  it("answers bodies that do not decode with go-openapi's codes and Go's messages", async () => {
    const { url } = await startApiServer();
    const cases: [string, number, unknown][] = [
      ['xyz', 400, { code: 400, message: `parsing alerts body from "" failed, because invalid character 'x' looking for beginning of value` }],
      ['[{"labels":{"a":"b"}', 400, { code: 400, message: 'parsing alerts body from "" failed, because unexpected EOF' }],
      ['{"a":1}', 400, { code: 400, message: 'parsing alerts body from "" failed, because json: cannot unmarshal object into Go value of type models.PostableAlerts' }],
      ['[{"labels":{"a":1}}]', 400, { code: 400, message: 'parsing alerts body from "" failed, because json: cannot unmarshal number into Go struct field Alert.labels of type string' }],
      ['   ', 422, { code: 602, message: 'alerts in body is required' }],
      ['[{}]', 422, { code: 602, message: '0.labels in body is required' }],
    ];
    for (const [body, status, expected] of cases) {
      const answer = await call(url, 'POST', '/api/v2/alerts', body);
      expect({ body, status: answer.status, answer: answer.body }).toEqual({ body, status, answer: expected });
    }
    expect((await call(url, 'GET', '/api/v2/alerts')).body).toEqual([]);
  });

  it('reads only the first JSON value of a body, as Go does', async () => {
    const { url } = await startApiServer();
    expect((await call(url, 'POST', '/api/v2/alerts', '[{"labels":{"alertname":"First"}}] trailing')).status).toBe(200);
    expect(((await call(url, 'GET', '/api/v2/alerts')).body as GettableAlert[])[0]!.labels).toEqual({ alertname: 'First' });
  });

  it('refuses other media types with 415', async () => {
    const { url } = await startApiServer();
    const answer = await call(url, 'POST', '/api/v2/alerts', '[]', { 'content-type': 'text/plain' });
    expect(answer.status).toBe(415);
    expect(answer.body).toEqual({ code: 415, message: 'unsupported media type "text/plain", only [application/json] are allowed' });
    const none = await fetch(`${url}/api/v2/alerts`, { method: 'POST', body: new Uint8Array([0x5b, 0x5d]) });
    expect(none.status).toBe(415);
  });
});

describe('GET /api/v2/alerts', () => {
  it('filters by matchers, receiver and state, and leaves out alerts that ended', async () => {
    const { url, clock } = await startApiServer({ config: INHIBITING_CONFIG });
    await call(url, 'POST', '/api/v2/alerts', [
      { labels: { alertname: 'A', team: 'db', severity: 'critical', instance: 'i1' } },
      { labels: { alertname: 'B', severity: 'warning', instance: 'i1' } },
      { labels: { alertname: 'C', severity: 'warning', instance: 'i2' } },
      { labels: { alertname: 'Ended' }, startsAt: iso(-2 * MINUTE), endsAt: iso(-MINUTE) },
    ]);
    const names = async (query: string) =>
      ((await call(url, 'GET', `/api/v2/alerts${query}`)).body as GettableAlert[]).map((a) => a.labels['alertname']).sort();
    expect(await names('')).toEqual(['A', 'B', 'C']);
    expect(await names('?filter=team%3D%22db%22')).toEqual(['A']);
    expect(await names('?filter=severity%3D~%22warn.*%22&filter=instance%21%3Di1')).toEqual(['C']);
    expect(await names('?receiver=db')).toEqual(['A']);
    expect(await names('?receiver=def.*')).toEqual(['B', 'C']);
    expect(await names('?inhibited=false')).toEqual(['A', 'C']);
    expect(await names('?active=false')).toEqual(['B']);

    const b = ((await call(url, 'GET', '/api/v2/alerts?filter=alertname%3DB')).body as GettableAlert[])[0]!;
    const a = ((await call(url, 'GET', '/api/v2/alerts?filter=alertname%3DA')).body as GettableAlert[])[0]!;
    expect(b.status).toEqual({ state: 'suppressed', silencedBy: [], inhibitedBy: [a.fingerprint], mutedBy: [] });

    clock.advanceTo(T0 + 6 * MINUTE);
    expect(await names('')).toEqual([]);
  });

  it('answers bad filters and receiver regexes with 400 and the parser message', async () => {
    const { url } = await startApiServer();
    expect(await call(url, 'GET', '/api/v2/alerts?filter=foo')).toMatchObject({ status: 400, body: 'bad matcher format: foo' });
    expect(await call(url, 'GET', '/api/v2/alerts?receiver=(')).toMatchObject({
      status: 400,
      body: 'failed to parse receiver param: error parsing regexp: missing closing ): `^(?:()$`',
    });
    expect(await call(url, 'GET', '/api/v2/alerts/groups?filter=%7Ba%3D1%7D')).toMatchObject({ status: 400, body: 'bad matcher format: {a=1}' });
  });
});

describe('GET /api/v2/alerts/groups', () => {
  it('lists aggregation groups with their labels, receiver and alerts, filtered like /alerts', async () => {
    const { url } = await startApiServer();
    await call(url, 'POST', '/api/v2/alerts', [
      { labels: { alertname: 'A', team: 'db', instance: '1' } },
      { labels: { alertname: 'A', team: 'db', instance: '2' } },
      { labels: { alertname: 'B', instance: '1' } },
    ]);
    const groups = (await call(url, 'GET', '/api/v2/alerts/groups')).body as { labels: Record<string, string>; receiver: { name: string }; alerts: GettableAlert[] }[];
    expect(groups.map((g) => [g.labels, g.receiver.name, g.alerts.map((a) => a.labels['instance'])])).toEqual([
      [{ alertname: 'A' }, 'db', ['1', '2']],
      [{ alertname: 'B' }, 'default', ['1']],
    ]);
    expect(groups[0]!.alerts[0]!.receivers).toEqual([{ name: 'db' }]);

    const dbOnly = (await call(url, 'GET', '/api/v2/alerts/groups?receiver=db&filter=instance%3D2')).body as { alerts: GettableAlert[] }[];
    expect(dbOnly.map((g) => g.alerts.map((a) => a.labels['instance']))).toEqual([['2']]);
  });
});
