import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock.js';
import { ALERTMANAGER, RULES, UNIT_TEST, serviceWith, slice } from './service-helpers.js';

const rule = (expr: string) => `groups:
  - name: g
    rules:
      - alert: A
        expr: ${expr}
`;

describe('completion in expressions', () => {
  it('offers functions with argument snippets, replacing what was typed', async () => {
    const { service, uri, offset, text } = serviceWith({ 'r.yml': rule('sum(rat<|>') });
    const { items } = await service.complete(uri, offset);
    const rate = items.find((i) => i.label === 'rate')!;
    expect(rate.insertText).toBe('rate(${1})');
    expect(rate.snippet).toBe(true);
    expect(rate.documentation).toMatch(/per-second/);
    expect(slice(text, rate.range)).toBe('rat');
    expect(items.every((i) => i.label.startsWith('rat'))).toBe(true);
  });

  it('offers aggregations, keywords and durations where they fit', async () => {
    const labels = async (expr: string) => {
      const { service, uri, offset } = serviceWith({ 'r.yml': rule(expr) });
      return (await service.complete(uri, offset)).items.map((i) => i.label);
    };
    expect(await labels('su<|>')).toContain('sum');
    expect(await labels('sum <|>')).toEqual(expect.arrayContaining(['by', 'without']));
    expect(await labels('rate(x[<|>')).toEqual(expect.arrayContaining(['5m', '1h']));
    expect(await labels('a > <|>')).not.toContain('by');
  });

  it('draws metric, label names and values from the workspace', async () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('http_requests_total{code="<|>"}'), 'rules.test.yml': UNIT_TEST });
    expect((await service.complete(uri, offset)).items.map((i) => i.label)).toContain('500');
    const names = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('job:<|>') });
    expect((await names.service.complete(names.uri, names.offset)).items.map((i) => i.label)).toContain('job:http_requests:rate5m');
    const fromTests = serviceWith({ 'rules.test.yml': UNIT_TEST, 'r.yml': rule('up{<|>}') });
    expect((await fromTests.service.complete(fromTests.uri, fromTests.offset)).items.map((i) => i.label)).toEqual(expect.arrayContaining(['instance', 'job']));
  });

  it('documents a recording rule among the metric names', async () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('job:http<|>') });
    const item = (await service.complete(uri, offset)).items.find((i) => i.label === 'job:http_requests:rate5m')!;
    expect(item.documentation).toMatch(/Recorded by a rule of group `api`/);
  });

  it('escapes what it inserts into a double-quoted scalar', async () => {
    const { service, uri, offset, text } = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('"http_requests_total{code=<|>}"') });
    const items = (await service.complete(uri, offset)).items;
    expect(items.find((i) => i.label === '500')!.insertText).toBe('\\"500\\"');
    expect(items[0]!.range.start).toBe(text.indexOf('code=') + 5);
  });

  it('completes in block scalars', async () => {
    const { service, uri, offset, text } = serviceWith({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: |\n          max_over_<|>\n` });
    const item = (await service.complete(uri, offset)).items.find((i) => i.label === 'max_over_time')!;
    expect(slice(text, item.range)).toBe('max_over_');
  });

  it('completes an expression typed after `expr:` before the YAML has a value there', async () => {
    const { service, uri, offset } = serviceWith({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: <|>\n` });
    expect((await service.complete(uri, offset)).items.map((i) => i.label)).toEqual(expect.arrayContaining(['rate', 'sum']));
  });

  it('offers labels and template functions in templates', async () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "{{ $labels.<|> }}"\n` });
    expect((await service.complete(uri, offset)).items.map((i) => i.label)).toEqual(expect.arrayContaining(['job', 'code']));
    const fn = serviceWith({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        annotations:\n          summary: "{{ $value | human<|> }}"\n` });
    expect((await fn.service.complete(fn.uri, fn.offset)).items.map((i) => i.label)).toEqual(expect.arrayContaining(['humanize', 'humanizeDuration']));
  });

  it('asks Prometheus for names when set up, once, and then from its cache', async () => {
    const calls: string[] = [];
    const fetchApi = (async (url: string | URL) => {
      const u = String(url);
      calls.push(u.replace('http://prom:9090', ''));
      const data = u.includes('/label/__name__/values') ? ['node_load1', 'node_cpu_seconds_total'] : u.includes('/metadata') ? { node_load1: [{ type: 'gauge', help: '1m load average.', unit: '' }] } : ['job', 'mode'];
      return new Response(JSON.stringify({ status: 'success', data }));
    }) as typeof fetch;
    const { service, uri, offset } = serviceWith({ 'r.yml': rule('node_<|>') }, { fetchApi, clock: new VirtualClock(1_000_000) });
    service.configure({ prometheusUrl: 'http://prom:9090' });
    const list = await service.complete(uri, offset);
    const load = list.items.find((i) => i.label === 'node_load1')!;
    expect(load.detail).toBe('gauge');
    expect(load.documentation).toMatch(/1m load average/);
    expect(list.isIncomplete).toBe(true);
    await service.complete(uri, offset);
    expect(calls.filter((c) => c.includes('__name__'))).toHaveLength(1);
  });

  it('still offers the workspace names when Prometheus cannot be reached, and remembers why', async () => {
    const fetchApi = (async () => {
      throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
    }) as unknown as typeof fetch;
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 'r.yml': rule('job:<|>') }, { fetchApi, clock: new VirtualClock(0) });
    service.configure({ prometheusUrl: 'http://127.0.0.1:1' }, ['/ws']);
    expect((await service.complete(uri, offset)).items.map((i) => i.label)).toContain('job:http_requests:rate5m');
    expect(service.prometheusError()).toBe('cannot reach http://127.0.0.1:1/api/v1/label/__name__/values: ECONNREFUSED');
  });
});

describe('completion in YAML', () => {
  it('offers the keys of a rule that are not there yet', async () => {
    const { service, uri, offset, text } = serviceWith({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up == 0\n        fo<|>\n` });
    const items = (await service.complete(uri, offset)).items;
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['for', 'labels', 'annotations', 'keep_firing_for']));
    expect(labels).not.toContain('alert');
    expect(labels).not.toContain('expr');
    const forItem = items.find((i) => i.label === 'for')!;
    expect(forItem.insertText).toBe('for: ${1:5m}');
    expect(slice(text, forItem.range)).toBe('fo');
    expect(items.find((i) => i.label === 'labels')!.insertText).toBe('labels:\n          $1');
  });

  it('offers snippets for a new rule, route, receiver and test', async () => {
    const labels = async (files: Record<string, string>) => {
      const { service, uri, offset } = serviceWith(files);
      return (await service.complete(uri, offset)).items;
    };
    const newRule = await labels({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n      - <|>\n` });
    const alert = newRule.find((i) => i.label === 'new alerting rule')!;
    expect(alert.insertText).toMatch(/^alert: \$\{1:AlertName\}\n        expr: \$\{2\}\n/);
    expect(newRule.find((i) => i.label === 'new recording rule')).toBeDefined();
    const atListColumn = await labels({ 'r.yml': `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: x\n      <|>\n` });
    expect(atListColumn.find((i) => i.label === 'new alerting rule')!.insertText).toMatch(/^- alert: /);
    expect((await labels({ 'am.yml': ALERTMANAGER.replace('  routes:\n', '  routes:\n    - <|>\n') })).map((i) => i.label)).toContain('new route');
    expect((await labels({ 'am.yml': ALERTMANAGER.replace('receivers:\n', 'receivers:\n  - <|>\n') })).map((i) => i.label)).toContain('new receiver');
    expect((await labels({ 't.yml': UNIT_TEST.replace('tests:\n', 'tests:\n  - <|>\n') })).map((i) => i.label)).toContain('new test');
  });

  it('offers keys for Alertmanager routes, receivers and integrations', async () => {
    const keys = async (marked: string) => {
      const { service, uri, offset } = serviceWith({ 'am.yml': marked });
      return (await service.complete(uri, offset)).items.map((i) => i.label);
    };
    expect(await keys(ALERTMANAGER.replace('      receiver: pager\n', '      receiver: pager\n      gr<|>\n'))).toEqual(expect.arrayContaining(['group_by', 'group_wait', 'continue']));
    expect(await keys(ALERTMANAGER.replace('  - name: chat\n', '  - name: chat\n    sl<|>\n'))).toContain('slack_configs');
    expect(await keys(ALERTMANAGER.replace('      - url: http://127.0.0.1:9999/chat\n', '      - url: http://127.0.0.1:9999/chat\n        <|>\n'))).toEqual(expect.arrayContaining(['send_resolved', 'max_alerts']));
  });

  it('offers receiver and time interval names, label names and severities as values', async () => {
    const values = async (files: Record<string, string>) => {
      const { service, uri, offset } = serviceWith(files);
      return (await service.complete(uri, offset)).items.map((i) => i.label);
    };
    expect(await values({ 'am.yml': ALERTMANAGER.replace('receiver: pager', 'receiver: <|>') })).toEqual(['chat', 'pager']);
    expect(await values({ 'am.yml': ALERTMANAGER.replace('mute_time_intervals: [nights]', 'mute_time_intervals: [<|>]') })).toEqual(['nights']);
    expect(await values({ 'am.yml': ALERTMANAGER.replace("- matchers: ['severity = critical']", "- matchers: ['severity = <|>']") })).toEqual(expect.arrayContaining(['critical', 'warning']));
    expect(await values({ 'rules.yml': RULES, 'am.yml': ALERTMANAGER.replace("- matchers: ['severity = critical']", "- matchers: ['<|>']") })).toEqual(expect.arrayContaining(['severity', 'job']));
    expect(await values({ 'r.yml': RULES.replace('severity: warning', 'severity: <|>') })).toEqual(expect.arrayContaining(['critical', 'error', 'warning', 'info']));
    expect(await values({ 'rules.yml': RULES, 't.yml': UNIT_TEST.replace('alertname: InstanceDown', 'alertname: <|>') })).toEqual(['HighErrorRate', 'InstanceDown']);
    expect(await values({ 'r.yml': RULES.replace('for: 3m', 'for: <|>') })).toContain('5m');
  });

  it('completes commands in promqltest scripts', async () => {
    const { service, uri, offset } = serviceWith({ 'x.test': 'load 5m\n  up 1 2 3\n\nev<|>' });
    expect((await service.complete(uri, offset)).items.map((i) => i.label)).toEqual(expect.arrayContaining(['eval instant', 'eval range']));
  });
});
