import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { IntegrationConfig } from '../../../../src/alertmanager/config/types.js';
import { retryStage } from '../../../../src/alertmanager/notify/retry-stage.js';
import { templateData } from '../../../../src/alertmanager/notify/template-data.js';
import { parseRetryAfter } from '../../../../src/alertmanager/notify/webhook/http-outcome.js';
import { WebhookIntegration } from '../../../../src/alertmanager/notify/webhook/webhook-integration.js';
import { webhookBody } from '../../../../src/alertmanager/notify/webhook/webhook-message.js';
import { VirtualClock } from '../../../../src/clock.js';
import { Labels } from '../../../../src/labels/labels.js';
import { alert, context, settle } from '../fixtures.js';
import { HttpSink } from './http-sink.js';

const NOW = 1_704_067_200_000;
const alerts = [alert({ alertname: 'A', job: 'x' }, { startsAt: NOW - 1000 }), alert({ alertname: 'B', job: 'x' }, { startsAt: NOW - 2000 })];
const ctx = context({ now: NOW, groupKey: '{}:{job="x"}', groupLabels: Labels.from({ job: 'x' }), receiver: 'hook', notificationReason: 'first notification', firingAlerts: ['1', '2'] });
const secrets = mkdtempSync(join(tmpdir(), 'klaxon-webhook-'));

let sink: HttpSink;
beforeAll(async () => {
  sink = await HttpSink.start();
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.requests.length = 0;
});

function webhook(settings: Record<string, unknown>, clock = new VirtualClock(NOW)): WebhookIntegration {
  const config: IntegrationConfig = { type: 'webhook', index: 0, sendResolved: true, settings: { url: `${sink.url}/hook`, ...settings }, range: { start: 0, end: 0 } };
  return new WebhookIntegration(config, { clock, externalURL: 'http://klaxon.example:9093' });
}

describe('WebhookIntegration', () => {
  it('POSTs the version 4 message and succeeds on 200', async () => {
    sink.answer({ status: 200 });
    expect(await webhook({}).notify(ctx, alerts)).toEqual({ retry: false });
    const [request] = sink.requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/hook');
    expect(request!.headers['content-type']).toBe('application/json');
    const expected = webhookBody(
      templateData({ receiver: 'hook', groupLabels: ctx.groupLabels, alerts, notificationReason: 'first notification', externalURL: 'http://klaxon.example:9093', now: NOW }),
      ctx.groupKey,
      0,
    );
    expect(request!.body.toString('utf8')).toBe(expected);
  });

  it('sends only max_alerts alerts and counts the rest', async () => {
    await webhook({ max_alerts: 1 }).notify(ctx, alerts);
    const message = JSON.parse(sink.requests[0]!.body.toString('utf8'));
    expect(message.alerts.map((a: { labels: { alertname: string } }) => a.labels.alertname)).toEqual(['A']);
    expect(message.truncatedAlerts).toBe(1);
  });

  it('applies basic auth and headers from http_config, reading files at send time', async () => {
    const headerFile = join(secrets, 'header');
    writeFileSync(headerFile, 'from-file\n');
    const integration = webhook({
      http_config: {
        basic_auth: { username: 'user', password_file: join(secrets, 'password') },
        http_headers: { 'X-Scope': { values: ['a'], secrets: ['b'], files: [headerFile] } },
      },
    });
    const missing = await integration.notify(ctx, alerts);
    expect(missing.retry).toBe(true);
    expect(missing.error?.message).toMatch(/^read http_config secret: ENOENT/);
    expect(sink.requests).toEqual([]);

    writeFileSync(join(secrets, 'password'), 'pa:ss\n');
    expect(await integration.notify(ctx, alerts)).toEqual({ retry: false });
    const { headers } = sink.requests[0]!;
    expect(headers.authorization).toBe(`Basic ${Buffer.from('user:pa:ss').toString('base64')}`);
    expect(headers['x-scope']).toBe('a, b, from-file');
  });

  it('reads bearer credentials from credentials_file at every send', async () => {
    const tokenFile = join(secrets, 'token');
    writeFileSync(tokenFile, 'first\n');
    const integration = webhook({ http_config: { authorization: { credentials_file: tokenFile } } });
    await integration.notify(ctx, alerts);
    writeFileSync(tokenFile, 'second');
    await integration.notify(ctx, alerts);
    expect(sink.requests.map((r) => r.headers.authorization)).toEqual(['Bearer first', 'Bearer second']);
    await webhook({ http_config: { authorization: { type: 'Token', credentials: 'abc' } } }).notify(ctx, alerts);
    expect(sink.requests[2]!.headers.authorization).toBe('Token abc');
  });

  it('reads the URL from url_file at send time', async () => {
    const urlFile = join(secrets, 'url');
    writeFileSync(urlFile, `${sink.url}/from-file\n`);
    const config: IntegrationConfig = { type: 'webhook', index: 0, sendResolved: true, settings: { url_file: urlFile }, range: { start: 0, end: 0 } };
    expect(await new WebhookIntegration(config, { clock: new VirtualClock(NOW), externalURL: '' }).notify(ctx, alerts)).toEqual({ retry: false });
    expect(sink.requests[0]!.path).toBe('/from-file');
    const noFile = { ...config, settings: { url_file: join(secrets, 'absent') } };
    const outcome = await new WebhookIntegration(noFile, { clock: new VirtualClock(NOW), externalURL: '' }).notify(ctx, alerts);
    expect(outcome.retry).toBe(false);
    expect(outcome.error?.message).toMatch(/^read url_file: ENOENT/);
  });

  it.each([
    { status: 500, retry: true },
    { status: 503, retry: true },
    { status: 400, retry: false },
    { status: 404, retry: false },
    { status: 302, retry: false },
  ])('answers $status → retry $retry, with the body in the error', async ({ status, retry }) => {
    sink.answer({ status, body: 'went wrong', headers: status === 302 ? { location: '/elsewhere' } : {} });
    const outcome = await webhook({ http_config: { follow_redirects: false } }).notify(ctx, alerts);
    expect(outcome).toEqual({ retry, error: new Error(`unexpected status code ${status}: went wrong`) });
  });

  it('retries 429 after the Retry-After the receiver gives', async () => {
    sink.answer({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });
    expect(await webhook({}).notify(ctx, alerts)).toEqual({ retry: true, error: new Error('unexpected status code 429: slow down'), retryAfterMs: 7000 });
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
  });

  it('retries when the receiver cannot be reached', async () => {
    const closed = await HttpSink.start();
    const url = closed.url;
    await closed.close();
    const config: IntegrationConfig = { type: 'webhook', index: 0, sendResolved: true, settings: { url }, range: { start: 0, end: 0 } };
    const outcome = await new WebhookIntegration(config, { clock: new VirtualClock(NOW), externalURL: '' }).notify(ctx, alerts);
    expect(outcome.retry).toBe(true);
    expect(outcome.error?.message).toMatch(/^post webhook: request failed: ECONNREFUSED$/);
  });

  it('gives up a request after the configured timeout on the clock', async () => {
    sink.answer({ status: 200, hang: true });
    const clock = new VirtualClock(NOW);
    const pending = webhook({ timeout: '2s' }, clock).notify(ctx, alerts);
    await sink.received(1);
    clock.advance(2000);
    expect(await pending).toEqual({ retry: true, error: new Error('post webhook: configured webhook timeout reached (2000ms)') });
  });

  it('through the retry stage: 500 then 200 is one success after two requests', async () => {
    sink.answer({ status: 500, body: 'busy' }, { status: 200 });
    const clock = new VirtualClock(NOW);
    const integration = webhook({}, clock);
    let done = false;
    const result = retryStage({ integration, clock, random: () => 0.5 })
      .exec(ctx, alerts)
      .finally(() => (done = true));
    while (!done) {
      await settle();
      clock.advance(100);
    }
    expect((await result).alerts).toEqual(alerts);
    expect(sink.requests).toHaveLength(2);
    expect(sink.requests[1]!.body.equals(sink.requests[0]!.body)).toBe(true);
  });
});
