/**
 * `klaxon serve` driven by the real clients: amtool 0.25 (alerts, silences, config), a real
 * Prometheus whose alerting rule fires into Klaxon, and a real Alertmanager 0.25 whose webhook
 * forwards its notifications to Klaxon's webhook endpoint.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAlertmanagerConfig } from '../../src/alertmanager/config/export-config.js';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { formatRoutingTree } from '../../src/alertmanager/routing/amtool-trees.js';
import { Route } from '../../src/alertmanager/routing/route.js';
import { bundleKlaxon, killAllServeProcesses, startServe, type KlaxonBundle, type ServeProcess } from '../alertmanager/api/serve-process.js';
import { freePort, startAlertmanager, type RunningAlertmanager } from './am-process.js';
import { requireTool } from './tool-path.js';

const SECRET = 'interop-very-secret-key';
const CONFIG = `global:
  resolve_timeout: 10m
  opsgenie_api_key: ${SECRET}
route:
  receiver: default
  group_by: [alertname]
  routes:
  - matchers: ['team="db"']
    receiver: database
    continue: true
  - matchers: ['severity=~"page|critical"']
    receiver: pager
receivers:
- name: default
- name: database
- name: pager
  opsgenie_configs:
  - message: '{{ .CommonLabels.alertname }}'
inhibit_rules:
- source_matchers: ['severity="critical"']
  target_matchers: ['severity="warning"']
  equal: [instance]
enrichment:
- matchers: ['team="db"']
  annotations:
    runbook: 'https://runbooks.example/db/{{ .Labels.alertname }}'
`;

interface Alert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
  endsAt: string;
  generatorURL?: string;
}

interface Silence {
  id: string;
  comment: string;
  createdBy: string;
  endsAt: string;
  status: { state: string };
}

let bundle: KlaxonBundle;
let klaxon: ServeProcess;
let directory: string;
let amtoolPath: string;

beforeAll(async () => {
  amtoolPath = requireTool('amtool');
  directory = mkdtempSync(join(tmpdir(), 'klaxon-am-server-interop-'));
  writeFileSync(join(directory, 'alertmanager.yml'), CONFIG);
  bundle = await bundleKlaxon();
  klaxon = await startServe(bundle, [`--config.file=${join(directory, 'alertmanager.yml')}`, `--storage.path=${join(directory, 'data')}`]);
});

afterAll(async () => {
  await klaxon?.stop();
  killAllServeProcesses();
  bundle?.remove();
  rmSync(directory, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs amtool against Klaxon, with a home of its own so that no amtool config file interferes. */
function amtool(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(amtoolPath, [`--alertmanager.url=${klaxon.url}`, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, HOME: directory } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function amtoolJson<T>(...args: string[]): Promise<T> {
  const run = await amtool(...args, '-o', 'json');
  expect(run, args.join(' ')).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(run.stdout) as T;
}

async function klaxonAlerts(query = ''): Promise<Alert[]> {
  return (await (await fetch(`${klaxon.url}/api/v2/alerts${query}`)).json()) as Alert[];
}

/** Polls until `check` returns something, or fails after `seconds`. */
async function eventually<T>(what: string, seconds: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('amtool 0.25 against klaxon serve', () => {
  it('adds alerts with amtool alert add, enriched, and queries them with filters and -a/-s/-i', async () => {
    expect(await amtool('alert', 'add', 'alertname=InteropWarning', 'severity=warning', 'instance=i1', 'team=db', '--annotation=summary=disk is filling')).toMatchObject({ code: 0, stderr: '' });
    expect(await amtool('alert', 'add', 'InteropCritical', 'severity=critical', 'instance=i1', '--generator-url=http://prometheus.example/graph')).toMatchObject({ code: 0 });
    expect(await amtool('alert', 'add', 'InteropOther', 'severity=warning', 'instance=i2')).toMatchObject({ code: 0 });

    const stored = await klaxonAlerts();
    const warning = stored.find((a) => a.labels['alertname'] === 'InteropWarning')!;
    expect(warning.annotations).toEqual({ summary: 'disk is filling', runbook: 'https://runbooks.example/db/InteropWarning' });
    expect(stored.find((a) => a.labels['alertname'] === 'InteropCritical')!.generatorURL).toBe('http://prometheus.example/graph');

    // No flag: active ones only; the warning on i1 is inhibited by the critical one.
    const active = await amtoolJson<Alert[]>('alert', 'query');
    expect(active.map((a) => a.labels['alertname']).sort()).toEqual(['InteropCritical', 'InteropOther']);
    const inhibited = await amtoolJson<Alert[]>('alert', 'query', '-i');
    expect(inhibited.map((a) => a.labels['alertname'])).toEqual(['InteropWarning']);
    expect(inhibited[0]!.status.state).toBe('suppressed');
    expect((await amtoolJson<Alert[]>('alert', 'query', '-a', '-i')).length).toBe(3);
    expect((await amtoolJson<Alert[]>('alert', 'query', '-a', 'severity=warning')).map((a) => a.labels['alertname'])).toEqual(['InteropOther']);
    expect((await amtoolJson<Alert[]>('alert', 'query', '-a', '-i', 'severity=~"warn.*"', 'instance!=i2')).map((a) => a.labels['alertname'])).toEqual(['InteropWarning']);
    expect((await amtoolJson<Alert[]>('alert', 'query', '-a', '-i', '-r', 'data.*')).map((a) => a.labels['alertname'])).toEqual(['InteropWarning']);

    const simple = await amtool('alert', 'query', 'InteropCritical');
    expect(simple.code).toBe(0);
    expect(simple.stdout).toMatch(/^Alertname\s+Starts At\s+Summary\s+State\s*\nInteropCritical\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\s+active/);
  });

  it('adds, queries, updates and expires silences, and a silence silences', async () => {
    const added = await amtool('silence', 'add', 'alertname=InteropOther', '-c', 'interop test', '-a', 'tester', '-d', '2h');
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const id = added.stdout.trim();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const silences = await amtoolJson<Silence[]>('silence', 'query');
    expect(silences.map((s) => [s.id, s.comment, s.createdBy, s.status.state])).toEqual([[id, 'interop test', 'tester', 'active']]);
    expect((await amtool('silence', 'query', '-q', 'alertname=InteropOther')).stdout.trim()).toBe(id);
    expect((await amtool('silence', 'query', '-q', 'alertname=Nope')).stdout.trim()).toBe('');

    // Silenced: gone from the default (active) listing, shown by -s.
    expect((await amtoolJson<Alert[]>('alert', 'query')).map((a) => a.labels['alertname'])).toEqual(['InteropCritical']);
    const silenced = await amtoolJson<Alert[]>('alert', 'query', '-s');
    expect(silenced.map((a) => [a.labels['alertname'], a.status.silencedBy])).toEqual([['InteropOther', [id]]]);

    // Updated in place: same matchers, same start, the ID stays. (amtool 0.25's -q prints a pointer, so JSON is read.)
    const updated = await amtoolJson<Silence[]>('silence', 'update', id, '-c', 'still testing');
    expect(updated.map((s) => [s.id, s.comment])).toEqual([[id, 'still testing']]);
    const end = new Date(Date.now() + 5 * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    expect((await amtoolJson<Silence[]>('silence', 'update', id, `--end=${end}`)).map((s) => s.id)).toEqual([id]);
    const afterUpdate = await amtoolJson<Silence[]>('silence', 'query');
    expect(afterUpdate.map((s) => [s.id, s.comment, s.endsAt])).toEqual([[id, 'still testing', end.replace('Z', '.000Z')]]);

    expect(await amtool('silence', 'expire', id)).toMatchObject({ code: 0, stderr: '' });
    expect(await amtoolJson<Silence[]>('silence', 'query')).toEqual([]);
    expect((await amtoolJson<Silence[]>('silence', 'query', '--expired')).map((s) => [s.id, s.status.state])).toEqual([[id, 'expired']]);
    expect((await amtoolJson<Alert[]>('alert', 'query')).map((a) => a.labels['alertname']).sort()).toEqual(['InteropCritical', 'InteropOther']);

    const unknown = await amtool('silence', 'expire', '6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e');
    expect(unknown.code).not.toBe(0);
  });

  it('imports silences from a file as amtool silence import does', async () => {
    const now = Date.now();
    const file = join(directory, 'silences.json');
    const silences = [1, 2].map((n) => ({
      matchers: [{ name: 'alertname', value: `Imported${n}`, isRegex: false, isEqual: true }],
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      createdBy: 'importer',
      comment: `imported ${n}`,
    }));
    // One with the ID of a silence this server never had: amtool retries it as a new silence.
    silences.push({ ...silences[0]!, comment: 'imported with an unknown id', ...({ id: '6f0c8b2e-3a55-4d7b-9e0b-1d2a3b4c5d6e' } as object) });
    writeFileSync(file, JSON.stringify(silences));
    const run = await amtool('silence', 'import', file);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const ids = run.stdout.trim().split('\n').sort();
    expect(ids).toHaveLength(3);
    const stored = (await amtoolJson<Silence[]>('silence', 'query')).filter((s) => s.createdBy === 'importer');
    expect(stored.map((s) => s.id).sort()).toEqual(ids);
    expect(stored.map((s) => s.comment).sort()).toEqual(['imported 1', 'imported 2', 'imported with an unknown id']);
  });

  it('shows the configuration with amtool config show and config routes --alertmanager.url', async () => {
    const shown = await amtool('config', 'show');
    expect(shown).toMatchObject({ code: 0, stderr: '' });
    expect(shown.stdout).toContain('opsgenie_api_key: <secret>');
    expect(shown.stdout).not.toContain(SECRET);
    expect(shown.stdout).not.toContain('enrichment');

    const routes = await amtool('config', 'routes');
    expect(routes).toMatchObject({ code: 0, stderr: '' });
    const { config } = loadAlertmanagerConfig(CONFIG, 'alertmanager.yml');
    expect(routes.stdout).toBe(formatRoutingTree(Route.fromConfig(config!.route)));
    const exported = join(directory, 'exported.yml');
    writeFileSync(exported, exportAlertmanagerConfig(CONFIG));
    const local = await new Promise<string>((resolve) => execFile(amtoolPath, ['config', 'routes', `--config.file=${exported}`], { encoding: 'utf8' }, (_e, stdout) => resolve(stdout)));
    expect(routes.stdout).toBe(local);

    const test = await amtool('config', 'routes', 'test', 'team=db', 'severity=page');
    expect(test).toMatchObject({ code: 0, stdout: 'database,pager\n' });
  });
});

describe('a real Prometheus sending to klaxon serve', () => {
  let prometheus: ChildProcess | undefined;
  let promDirectory: string;

  afterAll(async () => {
    if (prometheus && prometheus.exitCode === null) {
      const exited = new Promise((resolve) => prometheus!.once('exit', resolve));
      prometheus.kill('SIGTERM');
      const timer = setTimeout(() => prometheus!.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (promDirectory) rmSync(promDirectory, { recursive: true, force: true });
  });

  it('receives the alert of an always-firing rule', async () => {
    promDirectory = mkdtempSync(join(tmpdir(), 'klaxon-interop-prometheus-'));
    const klaxonAddress = new URL(klaxon.url).host;
    writeFileSync(
      join(promDirectory, 'prometheus.yml'),
      `global:
  evaluation_interval: 1s
rule_files: [rules.yml]
alerting:
  alertmanagers:
  - api_version: v2
    static_configs:
    - targets: ['${klaxonAddress}']
`,
    );
    writeFileSync(
      join(promDirectory, 'rules.yml'),
      `groups:
- name: interop
  rules:
  - alert: AlwaysFiring
    expr: vector(1)
    labels: {severity: page, team: db}
    annotations: {summary: 'always firing, value {{ $value }}'}
`,
    );
    const port = await freePort();
    let output = '';
    prometheus = spawn(requireTool('prometheus'), [
      `--config.file=${join(promDirectory, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(promDirectory, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      // The first send may come before the notifier knows Klaxon; the next one should not wait a minute.
      '--rules.alert.resend-delay=1s',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    prometheus.stdout!.on('data', (d) => (output += d));
    prometheus.stderr!.on('data', (d) => (output += d));

    const alert = await eventually(`Prometheus's alert (log: ${output.slice(-500)})`, 90, async () => {
      if (prometheus!.exitCode !== null) throw new Error(`prometheus exited: ${output.slice(-2000)}`);
      return (await klaxonAlerts('?filter=alertname%3D%22AlwaysFiring%22'))[0];
    });
    expect(alert.labels).toEqual({ alertname: 'AlwaysFiring', severity: 'page', team: 'db' });
    expect(alert.annotations).toEqual({ summary: 'always firing, value 1', runbook: 'https://runbooks.example/db/AlwaysFiring' });
    expect(alert.generatorURL).toMatch(/^http:\/\/.*\/graph\?g0\.expr=vector%281%29/);
    // Prometheus sets an end of its own (a few evaluation intervals ahead), so no resolve timeout applies.
    expect(Date.parse(alert.endsAt) - Date.now()).toBeLessThan(10 * 60_000);
    const receivers = (await (await fetch(`${klaxon.url}/api/v2/alerts?filter=alertname%3D%22AlwaysFiring%22`)).json()) as { receivers: { name: string }[] }[];
    expect(receivers[0]!.receivers).toEqual([{ name: 'database' }, { name: 'pager' }]);
  });
});

describe('a real Alertmanager forwarding to klaxon serve', () => {
  let alertmanager: RunningAlertmanager | undefined;

  afterAll(async () => {
    await alertmanager?.stop();
    if (alertmanager) rmSync(join(alertmanager.storagePath, '..'), { recursive: true, force: true });
  });

  it('delivers its webhook notifications, firing and resolved, into klaxon', async () => {
    alertmanager = await startAlertmanager(`route:
  receiver: klaxon
  group_by: [alertname]
  group_wait: 0s
  group_interval: 1s
  repeat_interval: 1h
receivers:
- name: klaxon
  webhook_configs:
  - url: ${klaxon.url}/api/klaxon/v1/webhook
    send_resolved: true
`);
    const startsAt = new Date(Date.now() - 60_000).toISOString();
    const post = (body: unknown) => fetch(`${alertmanager!.url}/api/v2/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const labels = { alertname: 'Forwarded', instance: 'upstream-1', team: 'db' };
    expect((await post([{ labels, annotations: { summary: 'from upstream' }, startsAt }])).status).toBe(200);

    const arrived = await eventually('the forwarded alert', 60, async () => (await klaxonAlerts('?filter=alertname%3D%22Forwarded%22'))[0]);
    expect(arrived.labels).toEqual(labels);
    expect(arrived.annotations).toEqual({ summary: 'from upstream', runbook: 'https://runbooks.example/db/Forwarded' });
    // Firing alerts come with their end cleared: Klaxon's resolve_timeout (10m here) applies.
    expect(Date.parse(arrived.endsAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const fingerprint = ((await (await fetch(`${klaxon.url}/api/v2/alerts?filter=alertname%3D%22Forwarded%22`)).json()) as { fingerprint: string }[])[0]!.fingerprint;
    const history = (await (await fetch(`${klaxon.url}/api/klaxon/v1/history?fingerprint=${fingerprint}`)).json()) as { kind: string; data?: Record<string, unknown> }[];
    const received = history.find((e) => e.kind === 'webhook.received');
    expect(received?.data).toMatchObject({ receiver: 'klaxon', groupKey: '{}:{alertname="Forwarded"}', status: 'firing', externalURL: expect.stringMatching(/^http:\/\//) });

    // Resolved upstream: the resolution is forwarded at the next group_interval and ends the alert here.
    expect((await post([{ labels, startsAt, endsAt: new Date().toISOString() }])).status).toBe(200);
    await eventually('the forwarded resolution', 60, async () => ((await klaxonAlerts('?filter=alertname%3D%22Forwarded%22')).length === 0 ? true : undefined));
    const after = (await (await fetch(`${klaxon.url}/api/klaxon/v1/history?fingerprint=${fingerprint}`)).json()) as { kind: string; data?: Record<string, unknown> }[];
    expect(after.filter((e) => e.kind === 'webhook.received').map((e) => e.data?.['status'])).toContain('resolved');
  });
});
