import { describe, expect, it } from 'vitest';
import { InvalidNameError } from '../../src/language-service/index.js';
import { ALERTMANAGER, RULES, TEMPLATES, UNIT_TEST, serviceWith, slice } from './service-helpers.js';

describe('definition, references and rename', () => {
  it('goes from a route to its receiver and finds every route that uses one', () => {
    const { service, uri, offset, text } = serviceWith({ 'am.yml': ALERTMANAGER.replace('receiver: pager', 'receiver: pa<|>ger') });
    const [definition] = service.definition(uri, offset);
    expect(slice(text, definition!.range)).toBe('pager');
    expect(definition!.range.start).toBe(text.indexOf('- name: pager') + 8);
    const references = service.references(uri, text.indexOf('- name: chat') + 9, false);
    expect(references.map((r) => text.slice(r.range.start - 10, r.range.end))).toEqual(['receiver: chat']);
  });

  it('renames a time interval in its definition and every route', () => {
    const { service, uri, offset } = serviceWith({ 'am.yml': ALERTMANAGER.replace('mute_time_intervals: [nights]', 'mute_time_intervals: [nig<|>hts]') });
    expect(service.prepareRename(uri, offset)!.placeholder).toBe('nights');
    const edit = service.rename(uri, offset, 'night-shift')![uri]!;
    expect(edit).toHaveLength(2);
    let text = service.document(uri)!.text;
    for (const e of [...edit].sort((a, b) => b.range.start - a.range.start)) text = text.slice(0, e.range.start) + e.newText + text.slice(e.range.end);
    expect(text).toContain('mute_time_intervals: [night-shift]');
    expect(text).toContain('- name: night-shift');
  });

  it('finds a recording rule from an expression that reads it, in rule files and unit tests', () => {
    const test = UNIT_TEST.replace('    alert_rule_test:', "    promql_expr_test:\n      - expr: job:http_requests:rate5m\n        eval_time: 1m\n    alert_rule_test:");
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES.replace('expr: job:http_requests:rate5m{job="api"} > 10', 'expr: job:http_requests:ra<|>te5m{job="api"} > 10'), 't.yml': test });
    const [definition] = service.definition(uri, offset);
    expect(definition!.uri).toBe(uri);
    expect(slice(service.document(uri)!.text, definition!.range)).toBe('job:http_requests:rate5m');
    const references = service.references(uri, offset, true);
    expect(references.map((r) => r.uri.replace('file:///ws/', '')).sort()).toEqual(['rules.yml', 'rules.yml', 't.yml']);
    const edit = service.rename(uri, offset, 'job:requests:rate5m')!;
    expect(Object.keys(edit).sort()).toEqual(['file:///ws/rules.yml', 'file:///ws/t.yml']);
  });

  it('goes from a unit test to the alerting rule it tests', () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES, 't.yml': UNIT_TEST.replace('alertname: InstanceDown', 'alertname: Instance<|>Down') });
    const [definition] = service.definition(uri, offset);
    expect(definition!.uri).toBe('file:///ws/rules.yml');
    expect(slice(RULES, definition!.range)).toBe('InstanceDown');
  });

  it('finds template definitions and uses across template files and configs', () => {
    const config = ALERTMANAGER.replace("      - url: http://127.0.0.1:9999/chat\n", "      - url: http://127.0.0.1:9999/chat\n    slack_configs:\n      - api_url: http://x\n        channel: '#a'\n        title: '{{ template \"chat.ti<|>tle\" . }}'\n");
    const { service, uri, offset } = serviceWith({ 'chat.tmpl': TEMPLATES, 'am.yml': config });
    const [definition] = service.definition(uri, offset);
    expect(definition!.uri).toBe('file:///ws/chat.tmpl');
    expect(slice(TEMPLATES, definition!.range)).toBe('chat.title');
    expect(service.references(uri, offset, true)).toHaveLength(3);
  });

  it('refuses names that cannot be written unquoted', () => {
    const { service, uri, offset } = serviceWith({ 'rules.yml': RULES.replace('record: job:http_requests:rate5m', 'record: job:http_requests:ra<|>te5m') });
    expect(() => service.rename(uri, offset, 'not a name')).toThrow(InvalidNameError);
  });
});

describe('document symbols', () => {
  it('outlines groups and rules', () => {
    const { service } = serviceWith({ 'rules.yml': RULES });
    const [group] = service.documentSymbols('file:///ws/rules.yml');
    expect(group!.name).toBe('api');
    expect(group!.children.map((c) => [c.name, c.kind])).toEqual([['job:http_requests:rate5m', 'function'], ['HighErrorRate', 'event'], ['InstanceDown', 'event']]);
    expect(slice(RULES, group!.children[1]!.selectionRange)).toBe('HighErrorRate');
  });

  it('outlines the route tree and the receivers', () => {
    const { service } = serviceWith({ 'am.yml': ALERTMANAGER });
    const symbols = service.documentSymbols('file:///ws/am.yml');
    expect(symbols[0]!.detail).toBe('→ chat');
    expect(symbols[0]!.children.map((c) => [c.name, c.detail])).toEqual([['severity="critical"', '→ pager']]);
    expect(symbols.find((s) => s.name === 'receivers')!.children.map((c) => c.name)).toEqual(['chat', 'pager']);
  });

  it('outlines tests and their checks', () => {
    const { service } = serviceWith({ 't.yml': UNIT_TEST });
    const [test] = service.documentSymbols('file:///ws/t.yml');
    expect([test!.name, test!.children.map((c) => [c.name, c.detail])]).toEqual(['instance down', [['InstanceDown', 'at 5m']]]);
  });
});
