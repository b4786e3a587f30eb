import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { loadNotationFile } from '../../src/series/notation-file.js';
import { fakePrometheus } from '../series/prometheus/fake-prometheus.js';

async function klaxon(args: string[], tty = false) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: tty });
  return { status, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'klaxon-simulate-'));
function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

const rules = file('rules.yml', `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        for: 1m
        labels: {severity: page}
        annotations:
          summary: '{{ $labels.instance }} is down ({{ $value }})'
      - alert: Broken
        expr: up + on() up
`);
//                                             0 1 2 3 4 5 6 7 8
const series = file('series.txt', 'up{instance="a"} 1 0 0 0 1 0 0 1 1\nup{instance="b"} 1 1 1 1 1 1 1 1 1\n');

describe('klaxon simulate', () => {
  it('prints transitions with values and rendered annotations, a summary with flaps, and grouped errors', async () => {
    const { status, stdout } = await klaxon(['simulate', rules, '--series', series]);
    expect(status).toBe(0);
    expect(stdout).toContain('over 2 series from 0s to 8m (9 group evaluations)');
    expect(stdout).toMatch(/^1m\s+pending\s+Down\s+\{instance="a", severity="page"\}\s+value=0\n {6}summary: a is down \(0\)$/m);
    expect(stdout).toMatch(/^2m\s+firing\s+Down/m);
    expect(stdout).toMatch(/^4m\s+resolved\s+Down/m);
    expect(stdout).toContain('Down: fired 2 time(s), firing for 3m in total, 1 flap(s)');
    expect(stdout).toContain('Broken: never fired, 9 failed evaluation(s)');
    expect(stdout).toMatch(/^error: Broken at 9 evaluations from 0s to 8m: .*many-to-many/m);
  });

  it('writes JSON for tools', async () => {
    const { status, stdout } = await klaxon(['simulate', '--format', 'json', rules, '--series', series]);
    expect(status).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.transitions[0]).toEqual({
      group: 'g', alert: 'Down', labels: { alertname: 'Down', instance: 'a', severity: 'page' }, from: 'inactive', to: 'pending',
      atMs: 60_000, time: '1m', value: 0, annotations: { summary: 'a is down (0)' },
    });
    expect(out.alerts.map((a: { alert: string; labels: object; transitions: { to: string }[] }) => [a.alert, a.labels, a.transitions.map((t) => t.to).join(' ')])).toEqual([
      ['Down', { alertname: 'Down', instance: 'a', severity: 'page' }, 'pending firing inactive pending firing inactive'],
    ]);
    expect(out.summary.find((s: { alert: string }) => s.alert === 'Down')).toMatchObject({ timesFired: 2, firingSeconds: 180, flaps: 1 });
    expect(out.errors).toHaveLength(9);
  });

  it('shows and writes an annotation that expanded to nothing as an empty value', async () => {
    const bare = file('bare.yml', `groups:
  - name: g
    rules:
      - alert: Down
        expr: up == 0
        annotations: {runbook: '{{ $labels.runbook }}', summary: down}
`);
    const text = await klaxon(['simulate', bare, '--series', series]);
    expect(text.stdout).toMatch(/^1m\s+pending\s+Down.*\n {6}runbook: ""\n {6}summary: down$/m);
    const json = JSON.parse((await klaxon(['simulate', '--format', 'json', bare, '--series', series])).stdout);
    expect(json.transitions[0].annotations).toEqual({ runbook: '', summary: 'down' });
  });

  it('reads CSV with real dates, and takes --start and --end as dates or offsets from the first sample', async () => {
    const csv = file('series.csv', 'timestamp,__name__,instance,value\n' +
      [0, 0, 0, 1].map((v, i) => `${1704067200 + 60 * i},up,a,${v}`).join('\n') + '\n');
    const { status, stdout } = await klaxon(['simulate', rules, '--series', csv, '--start', '2024-01-01T00:00:00Z', '--end', '2m']);
    expect(status).toBe(0);
    expect(stdout).toContain('from 2024-01-01T00:00:00Z to 2024-01-01T00:02:00Z (3 group evaluations)');
    expect(stdout).toMatch(/^2024-01-01T00:01:00Z\s+firing\s+Down/m);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    expect((await klaxon(['simulate', rules, '--series', series], true)).stderr).toMatch(/^\r\[[# ]{30}\] \d+% simulating.*\r\x1b\[K$/s);
    expect((await klaxon(['simulate', rules, '--series', series], false)).stderr).toBe('');
  });

  it('reports usage mistakes', async () => {
    const both = await klaxon(['simulate', rules, '--series', series, '--prometheus', 'http://x']);
    expect([both.status, both.stderr]).toEqual([2, expect.stringContaining('either --series or --prometheus')]);
    const badTime = await klaxon(['simulate', rules, '--prometheus', 'http://x', '--start', '5m']);
    expect([badTime.status, badTime.stderr]).toEqual([2, expect.stringContaining('--start: a bare duration counts from the first sample of --series; use now-5m or a date')]);
    const badStep = await klaxon(['simulate', rules, '--series', series, '--step', 'often']);
    expect(badStep.status).toBe(2);
  });

  it('reports series file errors with positions', async () => {
    const bad = file('bad.csv', 'timestamp,value\n60,1\nlater,2\n');
    const { status, stderr } = await klaxon(['simulate', rules, '--series', bad]);
    expect(status).toBe(1);
    expect(stderr).toContain('bad.csv:3:1: error: invalid timestamp "later"');
  });

  describe('--alertmanager.config', () => {
    const config = file('alertmanager.yml', `route:
  receiver: team
  group_by: [alertname]
  group_wait: 30s
  group_interval: 1m
receivers:
  - name: team
    webhook_configs: [{url: 'http://team.example/'}]
  - name: unused
`);
    const withConfig = ['simulate', rules, '--series', series, '--alertmanager.config', config];

    it('lists the notifications after the timelines and counts them per receiver in the summary', async () => {
      const { status, stdout, stderr } = await klaxon(withConfig);
      expect([status, stderr]).toEqual([0, '']);
      const section = stdout.slice(stdout.indexOf('Notifications'), stdout.indexOf('Summary:'));
      expect(stdout).toMatch(/^7m\s+resolved\s+Down.*\n\nNotifications the alert manager would send \(recorded, none sent\):\n/m);
      expect(section.split('\n').slice(1, 6).map((l) => l.split(/\s{2,}/).join('|'))).toEqual([
        'TIME|RECEIVER|INTEGRATION|FIRING|RESOLVED|GROUP|REASON',
        '2m30s|team|webhook[0]|1|0|{alertname="Down"}|first notification',
        '4m30s|team|webhook[0]|0|1|{alertname="Down"}|all alerts resolved',
        '6m30s|team|webhook[0]|1|0|{alertname="Down"}|first notification',
        '7m30s|team|webhook[0]|0|1|{alertname="Down"}|all alerts resolved',
      ]);
      expect(stdout).toMatch(/^ {2}receiver team: 4 notification\(s\)\n {2}receiver unused: no notifications$/m);
    });

    it('writes the notifications into the JSON, the same on every run', async () => {
      const first = await klaxon([...withConfig, '--format', 'json']);
      expect(first.status).toBe(0);
      const out = JSON.parse(first.stdout);
      expect(out.notifications[0]).toEqual({
        atMs: 150_000, time: '2m30s', receiver: 'team', integration: 'webhook', index: 0, groupKey: '{}:{alertname="Down"}',
        groupLabels: { alertname: 'Down' }, reason: 'first notification',
        firing: [{ alert: 'Down', labels: { alertname: 'Down', instance: 'a', severity: 'page' } }], resolved: [],
      });
      expect(out.notifications.map((n: { time: string; reason: string }) => `${n.time} ${n.reason}`)).toEqual([
        '2m30s first notification', '4m30s all alerts resolved', '6m30s first notification', '7m30s all alerts resolved',
      ]);
      expect(out.rejectedAlerts).toEqual([]);
      expect((await klaxon([...withConfig, '--format', 'json'])).stdout).toBe(first.stdout);
      expect(JSON.parse((await klaxon(['simulate', '--format', 'json', rules, '--series', series])).stdout)).not.toHaveProperty('notifications');
    });

    it('reports configuration errors with their places and exits with 1', async () => {
      const bad = file('bad-alertmanager.yml', 'route:\n  receiver: nobody\n  group_wait: 3x\nreceivers:\n  - name: team\n');
      const { status, stdout, stderr } = await klaxon(['simulate', rules, '--series', series, '--alertmanager.config', bad]);
      expect([status, stdout]).toEqual([1, '']);
      expect(stderr).toBe(`${bad}:2:13: error: undefined receiver "nobody" used in route\n${bad}:3:15: error: invalid duration in \`group_wait\`: unknown unit "x" in duration "3x"\n`);
    });

    it('documents the option and checks the resend delay', async () => {
      expect((await klaxon(['simulate', '--help'])).stdout).toMatch(/--alertmanager\.config FILE\n\s+An Alertmanager configuration/);
      expect((await klaxon([...withConfig, '--rules.alert.resend-delay', 'soon'])).status).toBe(2);
    });
  });

  describe('--prometheus', () => {
    let server: Server;
    let url: string;
    beforeAll(async () => {
      const reference = loadNotationFile('load 1m\n  up{instance="a"} 1 0 0 0 1 0 0 1 1\n', 'ref.txt').store;
      const answer = fakePrometheus(reference);
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', async () => {
          const reply = await answer(`http://localhost${req.url}`, { method: req.method, body });
          res.writeHead(reply.status, { 'Content-Type': 'application/json' });
          res.end(await reply.text());
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server.close(resolve)));

    it('backtests the rules on the history the server holds', async () => {
      const { status, stdout, stderr } = await klaxon(['simulate', rules, '--prometheus', url, '--start', '60', '--end', '480']);
      expect([status, stderr]).toEqual([0, '']);
      expect(stdout).toContain('from 1970-01-01T00:01:00Z to 1970-01-01T00:08:00Z');
      expect(stdout).toMatch(/^1970-01-01T00:02:00Z\s+firing\s+Down/m);
      expect(stdout).toContain('Down: fired 2 time(s), firing for 3m in total, 1 flap(s)');
    });

    it('says what went wrong when the server fails', async () => {
      const { status, stderr } = await klaxon(['simulate', rules, '--prometheus', `${url}/elsewhere`, '--start', '0', '--end', '60']);
      expect(status).toBe(1);
      expect(stderr).toBe(`klaxon simulate: ${url}/elsewhere/api/v1/series: not_found: no /elsewhere/api/v1/series\n`);
    });
  });
});
