import { describe, expect, it } from 'vitest';
import { CompletionItemKind, CompletionRequest, HoverRequest, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver/node';
import { TestClient, withCursor } from './lsp-client.js';
import { ALERTMANAGER, RULES, UNIT_TEST, workspaceSession } from './fixtures/workspace.js';

describe('completion over the protocol', () => {
  const session = workspaceSession();
  let opened = 0;

  /** Completes at the cursor of a document opened for it (and closed again, so that its words leave the workspace). */
  const completeAt = async (marked: string, name = `doc${++opened}.yml`): Promise<{ items: CompletionItem[]; position: { line: number; character: number } }> => {
    const doc = await session.client.openMarked(name, marked);
    const list = await session.client.request<CompletionList>(CompletionRequest.method, { textDocument: doc.textDocument, position: doc.position });
    await session.client.close(doc.uri);
    return { items: list.items, position: doc.position };
  };
  const labelsAt = async (marked: string, name?: string) => (await completeAt(marked, name)).items.map((i) => i.label);
  const inRule = (expr: string) => RULES.replace('expr: up == 0', `expr: ${expr}`);

  describe('in expressions', () => {
    it('offers functions with argument snippets, replacing the typed word', async () => {
      const { items, position } = await completeAt(inRule('sum(rat<|>'));
      const rate = items.find((i) => i.label === 'rate')!;
      expect(rate.kind).toBe(CompletionItemKind.Function);
      expect(rate.insertTextFormat).toBe(InsertTextFormat.Snippet);
      expect(rate.insertTextMode).toBe(InsertTextMode.asIs);
      expect(rate.textEdit).toEqual({ newText: 'rate(${1})', range: { start: { ...position, character: position.character - 3 }, end: position } });
      expect(rate.documentation).toEqual({ kind: 'markdown', value: expect.stringMatching(/per-second/) });
    });

    it('offers aggregation modifiers after an aggregation, and keywords after an operator', async () => {
      const afterSum = (await completeAt(inRule('sum <|>'))).items;
      expect(afterSum.filter((i) => i.label === 'by' || i.label === 'without').map((i) => [i.label, i.textEdit!.newText, i.kind])).toEqual([
        ['by', 'by (${1})', CompletionItemKind.Keyword],
        ['without', 'without (${1})', CompletionItemKind.Keyword],
      ]);
      expect(await labelsAt(inRule('up > <|>'))).toEqual(expect.arrayContaining(['bool', 'on', 'ignoring', 'abs', 'up']));
      expect(await labelsAt(inRule('up <|>'))).toEqual(expect.arrayContaining(['offset', '@', 'and', 'unless']));
      expect(await labelsAt(inRule('sum(up) by (job) > on(job) gro<|>'))).toEqual(expect.arrayContaining(['group_left', 'group_right']));
    });

    it('offers durations in a range selector', async () => {
      const { items } = await completeAt(inRule('rate(up[<|>'));
      expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['1m', '5m', '1h']));
      expect(new Set(items.map((i) => i.kind))).toEqual(new Set([CompletionItemKind.Unit]));
    });

    it('offers metric names, label names and label values from the workspace files on disk', async () => {
      // rules.yml records job:http_requests:rate5m; rules.test.yml has up{job="api", instance="a"}.
      expect(await labelsAt('groups:\n  - name: x\n    rules:\n      - alert: Y\n        expr: job:http<|>\n')).toContain('job:http_requests:rate5m');
      expect(await labelsAt(inRule('up{<|>}'))).toEqual(expect.arrayContaining(['instance', 'job']));
      expect(await labelsAt(inRule('up{instance="<|>"}'))).toEqual(['a']);
      expect(await labelsAt(inRule('http_requests_total{code="<|>"}'))).toEqual(['500']);
    });

    it('escapes what it inserts into a double-quoted scalar, also one that is not closed yet', async () => {
      const { items } = await completeAt(inRule('"up{job=<|>'));
      expect(items.find((i) => i.label === 'api')!.textEdit!.newText).toBe('\\"api\\"');
      const { items: inString, position } = await completeAt(inRule('"up{job=\\"<|>'));
      expect(inString.map((i) => [i.label, i.textEdit])).toEqual([['api', { newText: 'api\\"', range: { start: position, end: position } }]]);
    });

    it('offers labels and functions inside templates', async () => {
      const marked = RULES.replace('summary: "{{ $labels.instance }} is down"', 'summary: "{{ $labels.<|> }} is down"');
      expect(await labelsAt(marked)).toEqual(expect.arrayContaining(['instance', 'job']));
      expect(await labelsAt(RULES.replace('summary: "{{ $labels.instance }} is down"', 'summary: "{{ hum<|> }}"'))).toEqual(expect.arrayContaining(['humanize', 'humanizeDuration']));
    });
  });

  describe('the word being typed', () => {
    it('is not offered as a name while only the cursor names it', async () => {
      const { items } = await completeAt(inRule('up == 0 and rat<|>'));
      expect(items.map((i) => i.label)).toContain('rate');
      expect(items.filter((i) => i.label === 'rat')).toEqual([]);
      // Written in a comment too, they are words there, not names.
      expect(await labelsAt(`# my_metr\n${inRule('my_metr<|>')}`)).not.toContain('my_metr');
      expect(await labelsAt(`# my_series\n${UNIT_TEST.replace('\'up{job="api", instance="a"}\'', "'my_series<|>'")}`, 'typing.test.yml')).not.toContain('my_series');
    });

    it('is offered when the workspace names it elsewhere too', async () => {
      // `up` is read by rules.yml and loaded by rules.test.yml.
      expect(await labelsAt(inRule('up<|>'))).toContain('up');
      expect(await labelsAt(RULES.replace('severity: warning', 'severity: warning\n          job: api<|>'))).toContain('api');
    });

    it('is not offered as a label value or label name in YAML values and lists', async () => {
      expect(await labelsAt(RULES.replace('severity: warning', 'severity: warning\n          team: fronte<|>'))).toEqual([]);
      const groupBy = await labelsAt(`# jo\n${ALERTMANAGER.replace('group_by: [alertname, job]', 'group_by: [alertname, jo<|>]')}`);
      expect(groupBy).toContain('job');
      expect(groupBy).not.toContain('jo');
      expect(await labelsAt(ALERTMANAGER.replace("['severity = critical']", "['severity = crit<|>']"))).toEqual(['critical', 'error', 'warning', 'info']);
      expect(await labelsAt(UNIT_TEST.replace('severity: critical', 'severity: crit<|>'), 'expect.test.yml')).toEqual(['critical', 'error', 'warning', 'info']);
    });
  });

  describe('in YAML', () => {
    it('offers the keys of a rule that are not there yet, as snippets, and snippets for a new rule', async () => {
      expect(await labelsAt(RULES.replace('        for: 3m\n', '        for: 3m\n        ke<|>\n'))).toEqual(['keep_firing_for']);
      const { items } = await completeAt(RULES.replace('    rules:\n', '    rules:\n      - <|>\n'));
      const alert = items.find((i) => i.label === 'new alerting rule')!;
      expect([alert.kind, alert.insertTextFormat]).toEqual([CompletionItemKind.Snippet, InsertTextFormat.Snippet]);
      expect(alert.textEdit!.newText).toBe('alert: ${1:AlertName}\n        expr: ${2}\n        for: ${3:5m}\n        labels:\n          severity: ${4|critical,error,warning,info|}\n        annotations:\n          summary: ${5}\n          description: ${6}');
      expect(items.find((i) => i.label === 'for')!.textEdit!.newText).toBe('for: ${1:5m}');
      expect(items.map((i) => i.label)).toContain('new recording rule');
    });

    it('offers snippets for a new route, receiver, test and expectation', async () => {
      expect(await labelsAt(ALERTMANAGER.replace('  routes:\n', '  routes:\n    - <|>\n'))).toEqual(expect.arrayContaining(['matchers', 'receiver', 'new route']));
      expect(await labelsAt(ALERTMANAGER.replace('receivers:\n', 'receivers:\n  - <|>\n'))).toEqual(expect.arrayContaining(['webhook_configs', 'slack_configs', 'new receiver']));
      expect(await labelsAt(UNIT_TEST.replace('tests:\n', 'tests:\n  - <|>\n'), 'new.test.yml')).toEqual(expect.arrayContaining(['input_series', 'alert_rule_test', 'new test']));
      expect(await labelsAt(UNIT_TEST.replace('    alert_rule_test:\n', '    alert_rule_test:\n      - <|>\n'), 'check.test.yml')).toEqual(expect.arrayContaining(['eval_time', 'exp_alerts', 'new alert_rule_test']));
    });

    it('offers receiver and time-interval names, matcher label names, and severities', async () => {
      expect(await labelsAt(ALERTMANAGER.replace('receiver: pager', 'receiver: <|>'))).toEqual(['chat', 'pager']);
      expect(await labelsAt(ALERTMANAGER.replace('mute_time_intervals: [nights]', 'mute_time_intervals: [<|>]'))).toEqual(['nights']);
      expect(await labelsAt(ALERTMANAGER.replace("['severity = critical']", "['<|>']"))).toEqual(expect.arrayContaining(['severity', 'job', 'instance']));
      expect(await labelsAt(RULES.replace('severity: warning', 'severity: <|>'))).toEqual(['critical', 'error', 'warning', 'info']);
      expect(await labelsAt(UNIT_TEST.replace('alertname: InstanceDown', 'alertname: <|>'), 'names.test.yml')).toEqual(['HighErrorRate', 'InstanceDown']);
    });

    it('offers durations for duration keys', async () => {
      expect(await labelsAt(RULES.replace('for: 3m', 'for: <|>'))).toEqual(expect.arrayContaining(['1m', '5m']));
      expect(await labelsAt(ALERTMANAGER.replace('  receiver: chat\n', '  receiver: chat\n  group_wait: <|>\n'))).toEqual(expect.arrayContaining(['30s', '1m']));
    });
  });

  it('draws names and metadata from Prometheus when set up, fetched once', async () => {
    const requests: string[] = [];
    const fetchApi = (async (url: string | URL) => {
      const u = new URL(String(url));
      requests.push(u.pathname);
      const data = u.pathname.endsWith('/label/__name__/values') ? ['node_load15'] : u.pathname.endsWith('/metadata') ? { node_load15: [{ type: 'gauge', help: '15m load average.', unit: '' }] } : ['instance'];
      return new Response(JSON.stringify({ status: 'success', data }));
    }) as typeof fetch;
    const prometheusClient = await TestClient.start({ settings: { prometheus: { url: 'http://prometheus.test:9090' } }, fetchApi });
    try {
      const marked = withCursor('groups:\n  - name: x\n    rules:\n      - alert: Y\n        expr: node_load<|>\n');
      const uri = 'untitled:/prom.yml';
      await prometheusClient.open(uri, marked.text);
      const list = await prometheusClient.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: marked.position });
      const item = list.items.find((i) => i.label === 'node_load15')!;
      expect(item.detail).toBe('gauge');
      expect(list.isIncomplete).toBe(true);
      await prometheusClient.replace(uri, marked.text.replace('node_load', 'node_load15'));
      const hover = await prometheusClient.request<Hover>(HoverRequest.method, { textDocument: { uri }, position: { ...marked.position, character: marked.position.character - 2 } });
      expect(hover.contents).toEqual({ kind: 'markdown', value: expect.stringContaining('**gauge**: 15m load average.') });
      await prometheusClient.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: marked.position });
      const labels = withCursor('groups:\n  - name: x\n    rules:\n      - alert: Y\n        expr: node_load15{<|>}\n');
      await prometheusClient.replace(uri, labels.text);
      const labelList = await prometheusClient.request<CompletionList>(CompletionRequest.method, { textDocument: { uri }, position: labels.position });
      expect(labelList.items.map((i) => i.label)).toContain('instance');
      expect(requests.filter((r) => r.endsWith('/api/v1/labels'))).toHaveLength(1);
      expect(requests.filter((r) => r.endsWith('/metadata'))).toHaveLength(1);
      expect(requests.filter((r) => r.includes('__name__'))).toHaveLength(1);
    } finally {
      prometheusClient.dispose();
    }
  });
});
