/** Status, receivers, the management endpoints and reloads, over real HTTP. */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { routePrefixOf } from '../../../src/alertmanager/api/api-router.js';
import { BASIC_CONFIG, call, startApiServer, T0 } from './api-server.js';

const SECRET_CONFIG = `global:
  slack_api_url: http://hooks.example/T0/very-secret
  resolve_timeout: 1m
route:
  receiver: hook
enrichment:
- matchers: ['alertname="A"']
  annotations: {runbook: 'http://runbooks/{{ .Labels.alertname }}'}
receivers:
- name: hook
  webhook_configs:
  - url: http://127.0.0.1:9/hook
    http_config:
      basic_auth: {username: klaxon, password: hunter2}
- name: pager
  pagerduty_configs:
  - routing_key: pd-routing-key
`;

describe('GET /api/v2/status', () => {
  it('shows a disabled cluster, the uptime, the version and the configuration without secrets or Klaxon keys', async () => {
    const { url } = await startApiServer({ config: SECRET_CONFIG });
    const answer = await call(url, 'GET', '/api/v2/status');
    expect(answer.status).toBe(200);
    const status = answer.body as { cluster: unknown; uptime: string; versionInfo: Record<string, string>; config: { original: string } };
    expect(Object.keys(status)).toEqual(['cluster', 'config', 'uptime', 'versionInfo']);
    expect(status.cluster).toEqual({ peers: [], status: 'disabled' });
    expect(status.uptime).toBe(new Date(T0).toISOString());
    expect(Object.keys(status.versionInfo).sort()).toEqual(['branch', 'buildDate', 'buildUser', 'goVersion', 'revision', 'version']);
    expect(status.versionInfo['version']).toMatch(/^0\.25\.0\+klaxon\./);

    const original = status.config.original;
    for (const secret of ['very-secret', 'hunter2', 'pd-routing-key']) expect(original).not.toContain(secret);
    expect(original).not.toContain('enrichment');
    const shown = parseDocument(original).toJS() as Record<string, any>;
    expect(shown['global']['slack_api_url']).toBe('<secret>');
    expect(shown['receivers'][0]['webhook_configs'][0]).toEqual({ url: 'http://127.0.0.1:9/hook', http_config: { basic_auth: { username: 'klaxon', password: '<secret>' } } });
    expect(shown['receivers'][1]['pagerduty_configs'][0]['routing_key']).toBe('<secret>');
  });

  it('lists the receivers in configuration order', async () => {
    const { url } = await startApiServer({ config: SECRET_CONFIG });
    expect((await call(url, 'GET', '/api/v2/receivers')).body).toEqual([{ name: 'hook' }, { name: 'pager' }]);
  });
});

describe('management endpoints', () => {
  it('answers /-/healthy and /-/ready to GET and HEAD, and only those', async () => {
    const { url } = await startApiServer();
    for (const path of ['/-/healthy', '/-/ready']) {
      expect(await call(url, 'GET', path)).toMatchObject({ status: 200, text: 'OK' });
      expect(await call(url, 'HEAD', path)).toMatchObject({ status: 200, text: '' });
      expect((await call(url, 'POST', path)).status).toBe(405);
    }
    expect((await call(url, 'GET', '/-/reload')).status).toBe(405);
  });

  it('reloads a good configuration: receivers and routes change, alerts stay, groups are rebuilt', async () => {
    const server = await startApiServer();
    const { url } = server;
    await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'A', team: 'db' } }]);
    writeFileSync(server.configFile, BASIC_CONFIG.replace('receiver: db', 'receiver: dba').replace('- name: db', '- name: dba'));
    expect(await call(url, 'POST', '/-/reload')).toMatchObject({ status: 200, text: '' });

    expect((await call(url, 'GET', '/api/v2/receivers')).body).toEqual([{ name: 'default' }, { name: 'dba' }]);
    const alerts = (await call(url, 'GET', '/api/v2/alerts')).body as { receivers: { name: string }[] }[];
    expect(alerts.map((a) => a.receivers)).toEqual([[{ name: 'dba' }]]);
    const groups = (await call(url, 'GET', '/api/v2/alerts/groups')).body as { receiver: { name: string } }[];
    expect(groups.map((g) => g.receiver.name)).toEqual(['dba']);
    expect((await call(url, 'GET', '/api/v2/status')).body).toMatchObject({ config: { original: expect.stringContaining('dba') } });
  });

  it('refuses a bad configuration with 500 and keeps the running one', async () => {
    const server = await startApiServer();
    const { url } = server;
    writeFileSync(server.configFile, 'route: {}\n');
    const answer = await call(url, 'POST', '/-/reload');
    expect(answer.status).toBe(500);
    expect(answer.text).toMatch(/^failed to reload config: .*alertmanager\.yml:1:1: error: root route must specify a default receiver/);
    expect((await call(url, 'GET', '/api/v2/receivers')).body).toEqual([{ name: 'default' }, { name: 'db' }]);
    expect(server.logs.some((l) => l.level === 'error' && l.message === 'Loading configuration file failed')).toBe(true);

    await expect(server.manager.reload('route: [')).rejects.toThrow(/error/);
    expect(server.manager.config.receivers.map((r) => r.name.value)).toEqual(['default', 'db']);
  });
});

describe('route prefix', () => {
  it("serves every endpoint under --web.external-url's path", async () => {
    expect(routePrefixOf('http://example.com:9093/')).toBe('');
    expect(routePrefixOf('https://example.com/alertmanager//')).toBe('/alertmanager');
    const { url } = await startApiServer({ routePrefix: routePrefixOf('http://example.com/am/') });
    expect((await call(url, 'GET', '/am/api/v2/receivers')).body).toEqual([{ name: 'default' }, { name: 'db' }]);
    expect((await call(url, 'GET', '/am/-/ready')).status).toBe(200);
    expect((await call(url, 'POST', '/am/api/klaxon/v1/webhook', { version: '4', alerts: [] })).status).toBe(200);
    expect((await call(url, 'GET', '/api/v2/receivers')).status).toBe(404);
  });
});

describe('protection', () => {
  it('requires the bearer token or basic credentials on every endpoint when configured', async () => {
    const { url } = await startApiServer({ auth: { bearerToken: 'tok3n', basic: { user: 'ops', password: 'pw' } } });
    for (const path of ['/api/v2/alerts', '/api/v2/status', '/-/healthy']) {
      const refused = await call(url, 'GET', path);
      expect(refused.status).toBe(401);
      expect(refused.headers.get('www-authenticate')).toBe('Bearer realm="klaxon", Basic realm="klaxon"');
      expect((await call(url, 'GET', path, undefined, { authorization: 'Bearer wrong' })).status).toBe(401);
      expect((await call(url, 'GET', path, undefined, { authorization: 'Bearer tok3n' })).status).toBe(200);
      const basic = `Basic ${Buffer.from('ops:pw').toString('base64')}`;
      expect((await call(url, 'GET', path, undefined, { authorization: basic })).status).toBe(200);
    }
    expect((await call(url, 'POST', '/api/v2/alerts', [{ labels: { a: 'b' } }])).status).toBe(401);
    expect((await call(url, 'GET', '/api/v2/alerts', undefined, { authorization: 'Bearer tok3n' })).body).toEqual([]);
  });

  it('refuses bodies over the limit with 413 and stores nothing of them', async () => {
    const { url } = await startApiServer({ maxBodyBytes: 1000 });
    const big = [{ labels: { alertname: 'Big', text: 'x'.repeat(2000) } }];
    expect((await call(url, 'POST', '/api/v2/alerts', big)).status).toBe(413);
    expect((await call(url, 'POST', '/api/klaxon/v1/webhook', { version: '4', alerts: big })).status).toBe(413);
    expect((await call(url, 'GET', '/api/v2/alerts')).body).toEqual([]);
    expect((await call(url, 'POST', '/api/v2/alerts', [{ labels: { alertname: 'Small' } }])).status).toBe(200);
  });
});
