import { describe, expect, it } from 'vitest';
import { RE2JS } from 're2js';
import { expandTemplate } from '../../../src/promql/eval/functions/regexp-expand.js';
import { EvalError, type InstantVector, type Value } from '../../../src/promql/eval/values.js';
import { argAt, context, impl, str, thrown, vec } from './helpers.js';

const testmetric = (): Value =>
  vec(
    [{ __name__: 'testmetric', src: 'source-value-10', dst: 'original-destination-value' }, 0],
    [{ __name__: 'testmetric', src: 'source-value-20', dst: 'original-destination-value' }, 1],
  );

const ctx = () => context(0, [0, 1, 2, 3, 4, 5, 6].map((i) => argAt(i * 10, i * 10 + 5)));

function replace(input: Value, dst: string, replacement: string, src: string, regex: string): InstantVector {
  return impl('label_replace')([input, str(dst), str(replacement), str(src), str(regex)], ctx());
}

function join(input: Value, dst: string, separator: string, ...sources: string[]): InstantVector {
  return impl('label_join')([input, str(dst), str(separator), ...sources.map(str)], ctx());
}

const dsts = (out: InstantVector) => out.map((s) => s.labels.get('dst'));

describe('label_replace', () => {
  it('answers each call by its own arguments when the same series come again', () => {
    const input = testmetric();
    const first = replace(input, 'dst', 'a-$1', 'src', 'source-value-(.*)');
    expect(replace(input, 'dst', 'a-$1', 'src', 'source-value-(.*)').map((s) => s.labels)).toEqual(first.map((s) => s.labels));
    expect(dsts(replace(input, 'dst', 'b-$1', 'src', 'source-value-(.*)'))).toEqual(['b-10', 'b-20']);
    expect(dsts(replace(input, 'dst', 'c', 'src', 'nothing'))).toEqual(['original-destination-value', 'original-destination-value']);
    expect(dsts(replace(input, 'dst', '$1', 'src', 'source-value-(1.*)'))).toEqual(['10', 'original-destination-value']);
    expect(dsts(replace(input, 'dst', 'a-$1', 'src', 'source-value-(.*)'))).toEqual(['a-10', 'a-20']);
  });

  it('replaces on a full match of the source value', () => {
    expect(dsts(replace(testmetric(), 'dst', 'destination-value-$1', 'src', 'source-value-(.*)'))).toEqual([
      'destination-value-10',
      'destination-value-20',
    ]);
    expect(dsts(replace(testmetric(), 'dst', '$1-value-$2', 'src', '(.*)-value-(.*)'))).toEqual(['source-value-10', 'source-value-20']);
  });

  it('leaves samples alone when the regex does not match all of the value', () => {
    const original = ['original-destination-value', 'original-destination-value'];
    expect(dsts(replace(testmetric(), 'dst', 'destination-value-$1', 'src', 'value-(.*)'))).toEqual(original);
    expect(dsts(replace(testmetric(), 'dst', 'value-$1', 'nonexistent-src', 'source-value-(.*)'))).toEqual(original);
    expect(dsts(replace(testmetric(), 'dst', 'value-$1', 'src', 'non-matching-regex'))).toEqual(original);
  });

  it('treats a missing source label as empty, and an empty result as removal', () => {
    expect(dsts(replace(testmetric(), 'dst', 'value-$1', 'nonexistent-src', '(.*)'))).toEqual(['value-', 'value-']);
    const removed = replace(testmetric(), 'dst', '', 'dst', '.*');
    expect(removed.map((s) => s.labels.toString())).toEqual([
      '{__name__="testmetric", src="source-value-10"}',
      '{__name__="testmetric", src="source-value-20"}',
    ]);
  });

  it('matches newlines with a dot', () => {
    expect(dsts(replace(vec([{ src: 'a\nb' }, 0]), 'dst', '$1', 'src', 'a(.)b'))).toEqual(['\n']);
  });

  it('keeps delayed name removal unless it sets the metric name', () => {
    const rated = vec([{ __name__: 'testmetric', src: 'source-value-10' }, 0, true]);
    const copied = replace(rated, 'my_name', 'rate_$1', '__name__', '(.+)');
    expect(copied.map((s) => [s.labels.get('my_name'), s.dropName])).toEqual([['rate_testmetric', true]]);
    const renamed = replace(rated, '__name__', 'rate_$1', '__name__', '(.+)');
    expect(renamed.map((s) => [s.labels.get('__name__'), s.dropName])).toEqual([['rate_testmetric', false]]);
  });

  it('rejects an invalid regex and an invalid destination, pointing at the argument', () => {
    const error = thrown(() => replace(testmetric(), 'dst', 'value-$1', 'src', '(.*'));
    expect(error).toBeInstanceOf(EvalError);
    expect(error).toMatchObject({ message: 'invalid regular expression in label_replace(): (.*', range: { start: 40, end: 45 } });
    expect(() => replace(testmetric(), '', '', 'src', '(.*)')).toThrow('invalid destination label name in label_replace(): ');
    expect(() => replace(testmetric(), 'a\uDC80', '', 'src', '(.*)')).toThrow('invalid destination label name in label_replace(): a\uDC80');
    expect(() => replace(vec(), '', '', 'src', '(.*)')).toThrow(EvalError);
  });

  it('accepts any UTF-8 label name', () => {
    expect(replace(testmetric(), 'ünïcode.name', 'x', 'src', '.*')[0]!.labels.get('ünïcode.name')).toBe('x');
  });

  it('fails on duplicate output label sets', () => {
    expect(() => replace(testmetric(), 'src', '', '', '')).toThrow('vector cannot contain metrics with the same labelset');
  });
});

describe('expandTemplate', () => {
  const expand = (template: string, pattern: string, input: string) => {
    const re = RE2JS.compile(pattern);
    const m = re.matcher(input);
    expect(m.matches()).toBe(true);
    return expandTemplate(template, m, re.namedGroups());
  };

  it.each([
    ['$1', '10'],
    ['${1}x', '10x'],
    ['$1x', ''],
    ['$$1', '$1'],
    ['$0', 'v10'],
    ['$01', ''],
    ['$9', ''],
    ['${num}-$num', '10-10'],
    ['$', '$'],
    ['a$-b', 'a$-b'],
    ['${1', '${1'],
    ['${}', '${}'],
    ['$2', ''],
  ])('%s', (template, expected) => {
    expect(expand(template, 'v(?P<num>\\d+)(z)?', 'v10')).toBe(expected);
  });
});

describe('label_join', () => {
  const metric = (): Value =>
    vec(
      [{ src: 'a', src1: 'b', src2: 'c', dst: 'original-destination-value' }, 0],
      [{ src: 'd', src1: 'e', src2: 'f', dst: 'original-destination-value' }, 1],
    );

  it('joins the source values in order, missing ones as empty', () => {
    expect(dsts(join(metric(), 'dst', '-', 'src', 'src1', 'src2'))).toEqual(['a-b-c', 'd-e-f']);
    expect(dsts(join(metric(), 'dst', '-', 'src', 'src3', 'src1'))).toEqual(['a--b', 'd--e']);
    expect(dsts(join(vec([{ src: 'foo' }, 0]), 'dst', ', ', 'src', 'src'))).toEqual(['foo, foo']);
  });

  it('removes the destination when the result is empty', () => {
    expect(dsts(join(metric(), 'dst', '', 'emptysrc', 'emptysrc1'))).toEqual(['', '']);
    expect(dsts(join(metric(), 'dst', ', '))).toEqual(['', '']);
  });

  it('keeps the metric name only when it is the destination', () => {
    const input = vec([{ __name__: 'm', env: '1' }, 0, true]);
    const renamed = join(input, '__name__', '_', '__name__', 'env');
    expect(renamed.map((s) => [s.labels.get('__name__'), s.dropName])).toEqual([['m_1', false]]);
    const copied = join(input, 'my_name', '_', '__name__');
    expect(copied.map((s) => [s.labels.get('my_name'), s.dropName])).toEqual([['m', true]]);
  });

  it('validates label names and fails on duplicates', () => {
    expect(() => join(metric(), 'dst', '', 'ok', '')).toThrow('invalid source label name in label_join(): ');
    expect(() => join(metric(), '', '', 'src')).toThrow('invalid destination label name in label_join(): ');
    const dup = vec([{ label: 'a', this: 'a' }, 1], [{ label: 'b', this: 'a' }, 1]);
    expect(() => join(dup, 'label', '', 'this')).toThrow('vector cannot contain metrics with the same labelset');
  });
});
