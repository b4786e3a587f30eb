import { describe, expect, it } from 'vitest';
import { serviceWith } from './service-helpers.js';

function tokens(files: Record<string, string>, uri = 'file:///ws/r.yml') {
  const { service } = serviceWith(files);
  const text = service.document(uri)!.text;
  return service.semanticTokens(uri).map((t) => [text.slice(t.start, t.start + t.length), t.type]);
}

const withExpr = (value: string) => `groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: ${value}\n`;

describe('semantic tokens', () => {
  it('colours expressions in plain scalars', () => {
    expect(tokens({ 'r.yml': withExpr('sum by (job) (rate(x{a=~"b"}[5m])) > 0.5') })).toEqual([
      ['sum', 'keyword'], ['by', 'keyword'], ['job', 'property'], ['rate', 'function'], ['x', 'variable'], ['a', 'property'],
      ['=~', 'operator'], ['"b"', 'regexp'], ['5m', 'number'], ['>', 'operator'], ['0.5', 'number'],
    ]);
  });

  it('maps tokens through the escapes of double-quoted scalars', () => {
    expect(tokens({ 'r.yml': withExpr('"up{job=\\"a\\\\\\\\b\\"}"') })).toEqual([['up', 'variable'], ['job', 'property'], ['=', 'operator'], ['\\"a\\\\\\\\b\\"', 'string']]);
  });

  it('maps tokens in single-quoted, literal and folded block scalars, one line at a time', () => {
    expect(tokens({ 'r.yml': withExpr("'x{a=''b''}'") })).toEqual([['x', 'variable'], ['a', 'property'], ['=', 'operator'], ["''b''", 'string']]);
    expect(tokens({ 'r.yml': withExpr('|\n          rate(x[5m])\n            > 1') })).toEqual([['rate', 'function'], ['x', 'variable'], ['5m', 'number'], ['>', 'operator'], ['1', 'number']]);
    expect(tokens({ 'r.yml': withExpr('>-\n          abs(y)\n          # note') })).toEqual([['abs', 'function'], ['y', 'variable'], ['# note', 'comment']]);
  });

  it('colours templates in labels and annotations, and the rest of the YAML not at all', () => {
    const file = withExpr('up') + '        annotations:\n          summary: "{{ $labels.job | toUpper }} down"\n          description: plain text\n';
    expect(tokens({ 'r.yml': file })).toEqual([
      ['up', 'variable'], ['{{', 'macro'], ['$labels', 'variable'], ['.job', 'property'], ['|', 'operator'], ['toUpper', 'function'], ['}}', 'macro'],
    ]);
  });

  it('colours matchers of Alertmanager configs and expressions of promqltest scripts', () => {
    expect(tokens({ 'am.yml': "route:\n  receiver: a\n  routes:\n    - matchers: ['team=~\"a|b\"']\nreceivers:\n  - name: a\n" }, 'file:///ws/am.yml')).toEqual([['team', 'property'], ['=~', 'operator'], ['"a|b"', 'regexp']]);
    expect(tokens({ 'x.test': 'load 1m\n  up{job="a"} 1+1x5\n\neval instant at 1m rate(up[5m])\n' }, 'file:///ws/x.test').slice(-3)).toEqual([['rate', 'function'], ['up', 'variable'], ['5m', 'number']]);
  });

  it('gives the tokens of a range only', () => {
    const { service } = serviceWith({ 'r.yml': withExpr('a') + '      - alert: B\n        expr: b\n' });
    const text = service.document('file:///ws/r.yml')!.text;
    const second = text.indexOf('alert: B');
    expect(service.semanticTokens('file:///ws/r.yml', { start: second, end: text.length }).map((t) => text.slice(t.start, t.start + t.length))).toEqual(['b']);
  });
});
