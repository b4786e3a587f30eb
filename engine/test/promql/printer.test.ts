import { describe, expect, it } from 'vitest';
import { Matcher } from '../../src/labels/matcher.js';
import { formatNumber, printExpr, printMatcher, printMatchers } from '../../src/promql/printer.js';
import { parseOk, withoutRanges } from './parse-helpers.js';

/**
 * Prints the parsed text. The printed text is canonical: it parses to a tree that prints the same
 * again and parses back to an equal tree.
 */
function canonical(text: string): string {
  const printed = printExpr(parseOk(text));
  const reparsed = parseOk(printed);
  const reprinted = printExpr(reparsed);
  expect(reprinted).toBe(printed);
  expect(withoutRanges(parseOk(reprinted)), printed).toEqual(withoutRanges(reparsed));
  return printed;
}

describe('printExpr', () => {
  it.each([
    ['sum by() (errors{job="s"})', 'sum(errors{job="s"})'],
    ['sum by(code) (errors{job="s"})', 'sum by (code) (errors{job="s"})'],
    ['sum(errors) by (code)', 'sum by (code) (errors)'],
    ['sum without() (errors)', 'sum without () (errors)'],
    ['sum without(instance, job) (errors)', 'sum without (instance, job) (errors)'],
    ['sum by("service.name") (errors)', 'sum by ("service.name") (errors)'],
    ['sum by(a:b) (errors)', 'sum by (a:b) (errors)'],
    ['topk(5,errors)', 'topk(5, errors)'],
    ['topk by (job) (5, errors)', 'topk by (job) (5, errors)'],
    ["count_values('value', errors)", 'count_values("value", errors)'],
  ])('aggregation %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['a - on() c', 'a - on () c'],
    ['a - on(b) c', 'a - on (b) c'],
    ['a - on(b) group_left(x, y) c', 'a - on (b) group_left (x, y) c'],
    ['a - on(b) group_left c', 'a - on (b) group_left () c'],
    ['a - on(b) group_right() (c)', 'a - on (b) group_right () (c)'],
    ['a - ignoring(b) c', 'a - ignoring (b) c'],
    ['a - ignoring() c', 'a - c'],
    ['a * ignoring() group_left(x) b', 'a * ignoring () group_left (x) b'],
    ['a + on("service.name") b', 'a + on ("service.name") b'],
    ['up > bool 0', 'up > bool 0'],
    ['a==bool on(x)b', 'a == bool on (x) b'],
    ['a AND b', 'a and b'],
    ['a/b*c', 'a / b * c'],
    ['a / (b * c)', 'a / (b * c)'],
    ['a ^ b ^ c', 'a ^ b ^ c'],
    ['(a ^ b) ^ c', '(a ^ b) ^ c'],
  ])('binary %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['-1', '-1'],
    ['- 1', '-1'],
    ['-(1)', '-(1)'],
    ['-2^2', '-2 ^ 2'],
    ['- - a', '--a'],
    ['+a', '+a'],
    ['1 - -1', '1 - -1'],
    ['1h', '3600'],
  ])('signs %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['a offset 1m', 'a offset 1m'],
    ['a offset -7m', 'a offset -7m'],
    ['a offset 90', 'a offset 1m30s'],
    ['a{c="d"}[5m] offset 1m', 'a{c="d"}[5m] offset 1m'],
    ['a[1h:5m] offset 1m', 'a[1h:5m] offset 1m'],
    ['a[1h:]', 'a[1h:]'],
    ['a @ 10', 'a @ 10.000'],
    ['a @ -1.5', 'a @ -1.500'],
    ['a[1m] @ 10', 'a[1m] @ 10.000'],
    ['a offset 5m @ 10', 'a @ 10.000 offset 5m'],
    ['a @ start()', 'a @ start()'],
    ['a[1m] @ end()', 'a[1m] @ end()'],
    ['rate(a[5m])[30m:1m] @ end() offset 1h', 'rate(a[5m])[30m:1m] @ end() offset 1h'],
    ['a[5]', 'a[5s]'],
    ['a[90m]', 'a[1h30m]'],
    ['a[14d]', 'a[2w]'],
    ['a[15d]', 'a[15d]'],
    ['a[365d]', 'a[1y]'],
    ['a[1500ms]', 'a[1s500ms]'],
  ])('time modifiers %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['{__name__="a"}', '{__name__="a"}'],
    ['{__name__="",a="x"}', '{__name__="",a="x"}'],
    ['{"a.b"="c"}', '{"a.b"="c"}'],
    ['{"0"="1"}', '{"0"="1"}'],
    ['{"_0"="1"}', '{_0="1"}'],
    ['{""="0"}', '{""="0"}'],
    ['{``="0"}', '{""="0"}'],
    ['foo{b="1", a="2"}', 'foo{a="2",b="1"}'],
    ['foo{a!~"x|y",a=~"z"}', 'foo{a!~"x|y",a=~"z"}'],
    ['{"up"}', 'up'],
    ['{"up", job="a"}', 'up{job="a"}'],
    ['{"foo.bar"}', '{"foo.bar"}'],
    ['{job="a", "foo.bar"}', '{"foo.bar",job="a"}'],
    ['{"bool"}', '{"bool"}'],
    ['sum', 'sum'],
    ['sum{a="b"}', 'sum{a="b"}'],
  ])('selectors %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ['1048576', '1048576'],
    ['1e6', '1000000'],
    ['1e21', '1000000000000000000000'],
    ['1e-7', '0.0000001'],
    ['0.1', '0.1'],
    ['0x10', '16'],
    ['Inf', 'Inf'],
    ['Inf ^ 2', 'Inf ^ 2'],
    ['+Inf', 'Inf'],
    ['-inf', '-Inf'],
    ['NaN', 'NaN'],
  ])('numbers %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it.each([
    ["'a\"b'", '"a\\"b"'],
    ['`a\\b`', '"a\\\\b"'],
    ['"\\t\\n"', '"\\t\\n"'],
    ['"\\x01\\x7f"', '"\\x01\\x7f"'],
    ['"\\u00a0"', '"\\u00a0"'],
    ['"\\U0001F600é"', '"😀é"'],
    ['"\\u200b"', '"\\u200b"'],
    ['"a\\xc5z"', '"a\\xc5z"'],
    ['"\\a\\b\\f\\v"', '"\\a\\b\\f\\v"'],
  ])('strings %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });

  it('drops comments and normalises spaces', () => {
    expect(canonical('sum (\n  rate( x [5m] ) # per second\n)')).toBe('sum(rate(x[5m]))');
    expect(canonical('label_replace(x,"a","$1","b","(.*)")')).toBe('label_replace(x, "a", "$1", "b", "(.*)")');
  });

  it('prints a long operator chain', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `m${i}`).join(' + ');
    expect(printExpr(parseOk(text))).toBe(text);
  });
});

describe('printMatchers', () => {
  it('prints matchers sorted, quoting names that need it', () => {
    const matchers = [new Matcher('job', '=~', 'a|b'), new Matcher('code', '!=', '5"00'), new Matcher('a.b', '=', 'x')];
    expect(printMatchers(matchers)).toBe('{"a.b"="x",code!="5\\"00",job=~"a|b"}');
    expect(printMatcher(new Matcher('', '=', ''))).toBe('""=""');
  });
});

describe('formatNumber', () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1.5, '1.5'],
    [-2, '-2'],
    [123456789012345680000, '123456789012345680000'],
    [1.7976931348623157e308, `17976931348623157${'0'.repeat(292)}`],
    [5e-324, `0.${'0'.repeat(323)}5`],
    [1.5e-7, '0.00000015'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%d', (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});

describe('selectors with more than one metric-name matcher', () => {
  it.each([
    ['{"a", "b"}', '{__name__="a",__name__="b"}'],
    ['{"a", __name__!="b"}', '{__name__!="b",__name__="a"}'],
    ['{"a"}', 'a'],
  ])('%s prints as %s, which reads back the same', (text, expected) => {
    expect(canonical(text)).toBe(expected);
    expect(canonical(expected)).toBe(expected);
  });
});
