import { describe, expect, it } from 'vitest';
import { scopesOf, tokenizeLines, type Token } from './tokenize.js';

const EMBEDDED = 'meta.embedded.inline.promql';

/** Tokenizes a rule file whose last line is `line`, indented as a rule's key. */
async function ruleLine(line: string): Promise<Token[]> {
  const lines = await tokenizeLines('source.yaml', `groups:\n  - name: g\n    rules:\n      - alert: A\n        ${line}`);
  return lines[lines.length - 1]!;
}

function embedded(line: Token[]): string {
  return line.filter((t) => t.scopes.includes(EMBEDDED)).map((t) => t.text).join('');
}

describe('the PromQL injection into YAML', () => {
  it('colours a single-line plain expr value with the expression grammar', async () => {
    const line = await ruleLine('expr: sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05');
    expect(embedded(line)).toBe('sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) > 0.05');
    expect(scopesOf(line, 'sum')).toContain('keyword.operator.aggregation.promql');
    expect(scopesOf(line, 'by')).toContain('keyword.other.modifier.promql');
    expect(scopesOf(line, 'rate')).toContain('support.function.promql');
    expect(scopesOf(line, '5..')).toContain('string.quoted.double.promql');
    expect(scopesOf(line, '5m')).toContain('constant.numeric.duration.promql');
    expect(scopesOf(line, '0.05')).toContain('constant.numeric.promql');
    expect(scopesOf(line, 'expr')).toContain('entity.name.tag.yaml');
  });

  it('works for an expr that starts a sequence item', async () => {
    const lines = await tokenizeLines('source.yaml', 'rules:\n  - expr: up == 0\n    record: r');
    expect(embedded(lines[1]!)).toBe('up == 0');
    expect(scopesOf(lines[1]!, '==')).toContain('keyword.operator.promql');
    expect(scopesOf(lines[2]!, 'record')).toContain('entity.name.tag.yaml');
  });

  it('leaves a trailing YAML comment to YAML', async () => {
    const line = await ruleLine('expr: up == 0 # the target is down');
    expect(embedded(line)).toBe('up == 0');
    expect(scopesOf(line, ' the target is down')).toContain('comment.line.number-sign.yaml');
  });

  it('leaves quoted and block values to the server (semantic tokens)', async () => {
    for (const value of ["'up == 0'", '"up == 0"']) {
      const line = await ruleLine(`expr: ${value}`);
      expect(embedded(line)).toBe('');
      expect(scopesOf(line, 'up == 0').join(' ')).toMatch(/string\.quoted\.(single|double)\.yaml/);
    }
    const lines = await tokenizeLines('source.yaml', 'rules:\n  - expr: |\n      up == 0\n    for: 5m');
    expect(lines.flat().some((t) => t.scopes.includes(EMBEDDED))).toBe(false);
    expect(scopesOf(lines[2]!, 'up == 0')).toContain('string.unquoted.block.yaml');
    expect(scopesOf(lines[3]!, 'for')).toContain('entity.name.tag.yaml');
  });

  it('does not colour expr: inside strings, block scalars or comments', async () => {
    const text = [
      'annotations:',
      '  description: "see expr: up == 0"',
      '  summary: |',
      '    expr: up == 0',
      '# expr: up == 0',
      'other_expr: up == 0',
    ].join('\n');
    const lines = await tokenizeLines('source.yaml', text);
    expect(lines.flat().some((t) => t.scopes.includes(EMBEDDED))).toBe(false);
  });

  it('keeps the YAML after a broken expression intact', async () => {
    const lines = await tokenizeLines('source.yaml', 'rules:\n  - expr: foo{a="unclosed\n    for: 5m');
    expect(embedded(lines[1]!)).toBe('foo{a="unclosed');
    expect(scopesOf(lines[2]!, 'for')).toContain('entity.name.tag.yaml');
    expect(scopesOf(lines[2]!, '5m')).toContain('string.unquoted.plain.out.yaml');
  });
});

describe('the promqltest grammar', () => {
  it('colours commands and the expression of an eval', async () => {
    const lines = await tokenizeLines(
      'source.promqltest',
      ['# comment', 'load 5m', '  up{job="a"} 0+1x10', 'eval instant at 10m rate(up[5m])', '  {job="a"} 1', 'expect fail msg: bad', 'clear'].join('\n'),
    );
    expect(scopesOf(lines[0]!, '# comment')).toContain('comment.line.number-sign.promqltest');
    expect(scopesOf(lines[1]!, 'load')).toContain('keyword.control.load.promqltest');
    expect(scopesOf(lines[1]!, '5m')).toContain('constant.numeric.duration.promqltest');
    expect(scopesOf(lines[2]!, 'a')).toContain('string.quoted.double.promql');
    expect(scopesOf(lines[3]!, 'eval')).toContain('keyword.control.eval.promqltest');
    expect(scopesOf(lines[3]!, '10m')).toContain('constant.numeric.duration.promqltest');
    expect(scopesOf(lines[3]!, 'rate')).toEqual(expect.arrayContaining([EMBEDDED, 'support.function.promql']));
    expect(scopesOf(lines[5]!, 'expect')).toContain('keyword.control.expect.promqltest');
    expect(scopesOf(lines[6]!, 'clear')).toContain('keyword.control.clear.promqltest');
  });

  it('colours a range eval', async () => {
    const [line] = await tokenizeLines('source.promqltest', 'eval range from 0 to 10m step 1m sum(up)');
    expect(scopesOf(line!, 'step')).toContain('keyword.other.promqltest');
    expect(scopesOf(line!, '1m')).toContain('constant.numeric.duration.promqltest');
    expect(scopesOf(line!, 'sum')).toContain('keyword.operator.aggregation.promql');
  });
});
