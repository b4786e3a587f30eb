/**
 * The alert manager as a whole behind its API: notifications through the pipeline (and the
 * integrations Klaxon cannot send to yet), enrichment at ingest, and state that survives a restart
 * on the same storage path.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HttpSink } from '../notify/webhook/http-sink.js';
import { call, HOUR, iso, MINUTE, SECOND, startApiServer } from './api-server.js';

function webhookConfig(sinkUrl: string, extra = ''): string {
  return `route:
  receiver: hook
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1m
  repeat_interval: 4h
receivers:
- name: hook
  webhook_configs:
  - url: ${sinkUrl}/hook
${extra}`;
}

interface HistoryEntry {
  kind: string;
  fingerprint?: string;
  data?: Record<string, unknown>;
}

async function history(url: string, query = ''): Promise<HistoryEntry[]> {
  return (await call(url, 'GET', `/api/klaxon/v1/history${query}`)).body as HistoryEntry[];
}

describe('notifications', () => {
  it('sends through the webhook after group_wait and records what was sent', async () => {
    const sink = await HttpSink.start();
    try {
      const { url, clock, manager } = await startApiServer({ config: webhookConfig(sink.url) });
      await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A', instance: '1' } }]);
      clock.advance(SECOND);
      await sink.received(1);
      await manager.idle();
      const message = JSON.parse(sink.requests[0]!.body.toString()) as { receiver: string; status: string; alerts: { labels: Record<string, string> }[] };
      expect(message).toMatchObject({ receiver: 'hook', status: 'firing', alerts: [{ labels: { alertname: 'A', instance: '1' } }] });
      const sent = (await history(url)).filter((e) => e.kind === 'notification.sent');
      expect(sent).toHaveLength(1);
      expect(sent[0]!.data).toMatchObject({ receiver: 'hook', integration: 'webhook[0]', status: 'firing', reason: 'first notification' });
    } finally {
      await sink.close();
    }
  });

  it('fails notifications to integrations it cannot send to yet, logs them, and keeps serving', async () => {
    const sink = await HttpSink.start();
    try {
      const config = webhookConfig(sink.url, "  slack_configs:\n  - api_url: http://127.0.0.1:9/slack\n    channel: '#ops'\n");
      const server = await startApiServer({ config });
      const { url, clock, manager } = server;
      expect(server.logs).toContainEqual(expect.objectContaining({ level: 'warn', message: 'Integration not supported yet: its notifications will fail', fields: { receiver: 'hook', integration: 'slack[0]' } }));
      await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A' } }]);
      clock.advance(SECOND);
      await sink.received(1);
      await manager.idle();
      const failure = server.logs.find((l) => l.message === 'Notify for alerts failed');
      expect(String(failure?.fields?.['err'])).toContain('slack integration is not supported yet');
      expect((await history(url)).map((e) => e.kind)).toContain('notification.failed');
      expect((await call(url, 'GET', '/-/healthy')).status).toBe(200);
    } finally {
      await sink.close();
    }
  });
});

describe('enrichment', () => {
  const config = `route:
  receiver: default
receivers:
- name: default
enrichment:
- matchers: ['service=~".+"']
  lookup: {file: services.csv, key: service}
  annotations:
    team: '{{ .Row.team }}'
    runbook: 'https://runbooks.example/{{ .Labels.service }}'
  labels:
    owner: '{{ .Row.team }}'
`;

  it('adds annotations and labels from a lookup table beside the config, and records it once', async () => {
    const { url } = await startApiServer({ config, files: { 'services.csv': 'service,team\napi,payments\nweb,frontend\n' } });
    const post = () => call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'Down', service: 'api' }, annotations: { runbook: 'given' } }, { labels: { alertname: 'Other' } }]);
    expect((await post()).status).toBe(200);
    const alerts = (await call(url, 'GET', '/api/v2/alerts')).body as { labels: Record<string, string>; annotations: Record<string, string>; fingerprint: string }[];
    const down = alerts.find((a) => a.labels['alertname'] === 'Down')!;
    expect(down.labels).toEqual({ alertname: 'Down', service: 'api', owner: 'payments' });
    expect(down.annotations).toEqual({ runbook: 'given', team: 'payments' });
    expect(alerts.find((a) => a.labels['alertname'] === 'Other')!.annotations).toEqual({});

    await post();
    const enriched = (await history(url)).filter((e) => e.kind === 'alert.enriched');
    expect(enriched).toEqual([{ id: expect.any(Number), at: iso(0), kind: 'alert.enriched', fingerprint: down.fingerprint, data: { labels: { owner: 'payments' }, annotations: { team: 'payments' } } }]);
  });

  it('reads the lookup table again on reload, and keeps the running one when it cannot', async () => {
    const server = await startApiServer({ config, files: { 'services.csv': 'service,team\napi,payments\n' } });
    const ownerOf = async (alertname: string) => {
      expect((await call(server.url, 'POST', '/api/v2/alerts', [{ labels: { alertname, service: 'api' } }])).status).toBe(200);
      const alerts = (await call(server.url, 'GET', '/api/v2/alerts')).body as { labels: Record<string, string> }[];
      return alerts.find((a) => a.labels['alertname'] === alertname)!.labels['owner'];
    };
    expect(await ownerOf('Before')).toBe('payments');

    writeFileSync(join(server.directory, 'services.csv'), 'service,team\napi,platform\n');
    expect((await call(server.url, 'POST', '/-/reload')).status).toBe(200);
    expect(await ownerOf('AfterEdit')).toBe('platform');

    rmSync(join(server.directory, 'services.csv'));
    const refused = await call(server.url, 'POST', '/-/reload');
    expect(refused.status).toBe(500);
    expect(refused.text).toMatch(/cannot read lookup table .*services\.csv: ENOENT/);
    expect(await ownerOf('AfterRemoval')).toBe('platform');
  });

  it('refuses to start when a lookup table is missing', async () => {
    await expect(startApiServer({ config })).rejects.toThrow(/cannot read lookup table .*services\.csv: ENOENT/);
  });
});

describe('restart on the same storage path', () => {
  it('keeps alerts, silences, the notification log and history', async () => {
    const sink = await HttpSink.start();
    try {
      const first = await startApiServer({ config: webhookConfig(sink.url) });
      await call(first.url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A' }, endsAt: iso(2 * HOUR) }, { labels: { alertname: 'B' }, endsAt: iso(2 * HOUR) }]);
      const silence = await call(first.url, 'POST', '/api/v2/silences', {
        matchers: [{ name: 'alertname', value: 'B', isRegex: false }],
        startsAt: iso(0),
        endsAt: iso(HOUR),
        createdBy: 'me',
        comment: 'quiet',
      });
      first.clock.advance(SECOND);
      await sink.received(1);
      await first.manager.idle();
      const alertsBefore = (await call(first.url, 'GET', '/api/v2/alerts')).body;
      const silencesBefore = (await call(first.url, 'GET', '/api/v2/silences')).body;
      const historyBefore = await history(first.url);
      await first.close();

      const second = await startApiServer({ directory: first.directory, clock: first.clock });
      expect((await call(second.url, 'GET', '/api/v2/alerts')).body).toEqual(alertsBefore);
      expect((await call(second.url, 'GET', '/api/v2/silences')).body).toEqual(silencesBefore);
      expect(((await call(second.url, 'GET', '/api/v2/silences')).body as { id: string }[])[0]!.id).toBe((silence.body as { silenceID: string }).silenceID);
      expect(await history(second.url)).toEqual(historyBefore);

      // The notification log remembers what was sent: the rebuilt group does not notify again.
      second.clock.advance(10 * MINUTE);
      await second.manager.idle();
      expect(sink.requests).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });
});
