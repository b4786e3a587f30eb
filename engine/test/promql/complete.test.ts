import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { completeExpression, type NameProvider } from '../../src/promql/complete/candidates.js';
import { completionContext, type CompletionKind } from '../../src/promql/complete/context.js';
import { FUNCTIONS } from '../../src/promql/functions.js';

/** Splits a fixture at its cursor marker: `'sum(|'` → `['sum(', 4]`. */
function atCursor(fixture: string, marker = '|'): [string, number] {
  const offset = fixture.indexOf(marker);
  if (offset < 0) throw new Error(`no cursor in ${fixture}`);
  return [fixture.slice(0, offset) + fixture.slice(offset + marker.length), offset];
}

function contextAt(fixture: string) {
  const [text, offset] = atCursor(fixture);
  return { text, ...completionContext(text, offset) };
}

/** Kinds in short: `keyword(on ignoring)` for keywords, the kind's name otherwise. */
function summary(kinds: readonly CompletionKind[]): string {
  return kinds.map((k) => (k.kind === 'keyword' ? `keyword(${k.values.join(' ')})` : k.kind)).join(' ');
}

function kindsAt(fixture: string): string {
  return summary(contextAt(fixture).kinds);
}

/** The text that the replace range covers. */
function typedAt(fixture: string): string {
  const { text, replaceRange } = contextAt(fixture);
  return text.slice(replaceRange.start, replaceRange.end);
}

const OPERAND = 'metricName function aggregation number';
const OPERAND_NO_NUMBER = 'metricName function aggregation';

describe('completionContext: what fits at the cursor', () => {
  it.each([
    // Operand positions.
    ['|', OPERAND],
    ['sum(rate(http_|', OPERAND_NO_NUMBER],
    ['rate(|', OPERAND_NO_NUMBER],
    ['sum(|', OPERAND_NO_NUMBER],
    ['sum(rate(foo[5m])) / sum(rate(|', OPERAND_NO_NUMBER],
    ['histogram_quantile(|', OPERAND],
    ['round(foo, |', OPERAND],
    ['-|', OPERAND],
    ['(|', OPERAND],
    ['1 + |', `${OPERAND} keyword(on ignoring)`],
    ['foo > |', `${OPERAND} keyword(bool on ignoring)`],
    ['foo > bool |', `${OPERAND} keyword(on ignoring)`],
    ['foo + on(x) |', `${OPERAND} keyword(group_left group_right)`],
    ['foo and on(x) |', OPERAND],
    ['foo / on(x) group_left |', OPERAND],
    ['foo # a comment\n+ |', `${OPERAND} keyword(on ignoring)`],
    // Aggregation parameters and arguments that take no expression completion.
    ['topk(|', 'number'],
    ['topk(5, |', OPERAND_NO_NUMBER],
    ['count_values(|', ''],
    ['label_replace(foo, "|', ''],
    ['abs(foo, |', ''],
    ['time(|', ''],
    // After an expression.
    ['up |', 'binaryOperator keyword(offset @)'],
    ['foo{job="api"}|', 'binaryOperator keyword(offset @)'],
    ['foo[5m] |', 'binaryOperator keyword(offset @)'],
    ['foo[5m:1m] |', 'binaryOperator keyword(offset @)'],
    ['foo offset 5m |', 'binaryOperator keyword(@)'],
    ['foo @ start() |', 'binaryOperator keyword(offset)'],
    ['rate(foo[5m]) |', 'binaryOperator'],
    ['(foo) |', 'binaryOperator'],
    ['sum(foo) |', 'aggregationModifier binaryOperator'],
    ['sum |', 'aggregationModifier binaryOperator keyword(offset @)'],
    ['sum by (job) (foo) |', 'binaryOperator'],
    ['foo o|', 'binaryOperator keyword(offset @)'],
    ['foo !|', 'binaryOperator keyword(offset @)'],
    // Durations and timestamps.
    ['foo[|', 'duration'],
    ['foo[5|', 'duration'],
    ['foo[5m:|', 'duration'],
    ['max_over_time((rate(foo[5m]) > 0)[1h:|', 'duration'],
    ['foo offset |', 'duration'],
    ['foo offset -|', 'duration'],
    ['foo @ |', 'number keyword(start() end())'],
    ['foo @ s|', 'number keyword(start() end())'],
    ['foo[5m |', ''],
    // Label lists.
    ['sum by (|', 'labelName'],
    ['SUM BY (|', 'labelName'],
    ['sum without (job, |', 'labelName'],
    ['sum by (job |', ''],
    ['x + on(|', 'labelName'],
    ['x + ignoring(a, |', 'labelName'],
    ['foo / on(x) group_left(|', 'labelName'],
    ['foo / on(x) group_right(a, |', 'labelName'],
    // Selectors.
    ['foo{|', 'labelName'],
    ['foo{job|', 'labelName'],
    ['foo{job |', 'matchOperator'],
    ['foo{job!|', 'matchOperator'],
    ['foo{job="|', 'labelValue'],
    ['foo{job=|', 'labelValue'],
    ['foo{job=a|', 'labelValue'],
    ["foo{job='|", 'labelValue'],
    ['foo{job=`a|', 'labelValue'],
    ['foo{job="a" |', ''],
    ['foo{job=~"a", |', 'labelName'],
    ['foo{"my.l|', 'labelName'],
    ['{"|', 'labelName metricName'],
    // Text that does not parse, before or after the cursor.
    ['sum(rate(foo{job=}[5m])) / |', `${OPERAND} keyword(on ignoring)`],
    [') + |', `${OPERAND} keyword(on ignoring)`],
    ['rate(foo[5m) + |', ''],
    ['foo bar |', ''],
    ['foo # c|', ''],
    ['foo $|', ''],
    ['foo{job="a"} + ) sum(|', OPERAND_NO_NUMBER],
  ])('%j → %s', (fixture, expected) => {
    expect(kindsAt(fixture)).toBe(expected);
  });

  it('covers what was typed of a word, a number or an operator', () => {
    expect(typedAt('sum(rate(http_|')).toBe('http_');
    expect(typedAt('foo{job|')).toBe('job');
    expect(typedAt('foo[5|')).toBe('5');
    expect(typedAt('foo !|')).toBe('!');
    expect(typedAt('foo{job!|')).toBe('!');
    expect(typedAt('foo @ s|')).toBe('s');
    expect(typedAt('up |')).toBe('');
    expect(typedAt('foo{job=a|')).toBe('a');
  });

  it('covers a string being typed without its opening quote', () => {
    expect(typedAt('foo{job="ap|')).toBe('ap');
    expect(typedAt('foo{job="a|pi"}')).toBe('a');
    expect(contextAt('foo{job="a|pi"}').quote).toEqual({ char: '"', closed: true });
    expect(contextAt('foo{job="ap|').quote).toEqual({ char: '"', closed: false });
    expect(contextAt("foo{job='|").quote).toEqual({ char: "'", closed: false });
    expect(contextAt('foo{job=|').quote).toBeUndefined();
  });

  it('gives a label value the label, the metric and the other matchers', () => {
    expect(contextAt('foo{job="|').kinds).toEqual([{ kind: 'labelValue', labelName: 'job', metricName: 'foo', matchers: [] }]);
    expect(contextAt('foo{a="1", job=|, b!~"x.*"}').kinds).toEqual([
      {
        kind: 'labelValue',
        labelName: 'job',
        metricName: 'foo',
        matchers: [
          { name: 'a', type: '=', value: '1' },
          { name: 'b', type: '!~', value: 'x.*' },
        ],
      },
    ]);
    expect(contextAt('{"my.label"="|').kinds).toEqual([{ kind: 'labelValue', labelName: 'my.label', matchers: [] }]);
  });

  it('gives a label name in braces the metric, also when written as a matcher', () => {
    expect(contextAt('foo{job=~"a", |').kinds).toEqual([
      { kind: 'labelName', metricName: 'foo', matchers: [{ name: 'job', type: '=~', value: 'a' }] },
    ]);
    expect(contextAt('{__name__="bar", |').kinds).toEqual([
      { kind: 'labelName', metricName: 'bar', matchers: [{ name: '__name__', type: '=', value: 'bar' }] },
    ]);
    expect(contextAt('{"my.metric", |').kinds).toEqual([{ kind: 'labelName', metricName: 'my.metric', matchers: [] }]);
    const [text, offset] = atCursor('foo{job=~"a|b", ¦', '¦');
    expect(completionContext(text, offset).kinds).toEqual([
      { kind: 'labelName', metricName: 'foo', matchers: [{ name: 'job', type: '=~', value: 'a|b' }] },
    ]);
    expect(contextAt('x{b="c"} + foo:rate5m{|').kinds).toEqual([
      { kind: 'labelName', metricName: 'foo:rate5m', matchers: [] },
    ]);
  });

  it('gives the label list of an aggregation the aggregated metric, before or after the list', () => {
    expect(contextAt('sum by (|) (rate(foo[5m]))').kinds).toEqual([{ kind: 'labelName', metricName: 'foo' }]);
    expect(contextAt('sum(rate(foo{job="a"}[5m])) by (job, |').kinds).toEqual([{ kind: 'labelName', metricName: 'foo' }]);
    expect(contextAt('topk by (|) (3, bar)').kinds).toEqual([{ kind: 'labelName', metricName: 'bar' }]);
    expect(contextAt('x + on(|').kinds).toEqual([{ kind: 'labelName' }]);
  });

  it('answers for every offset of a long expression', () => {
    const text =
      'histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket{job="api"}[5m]))) > 1 and on(job) up == 1';
    for (let offset = 0; offset <= text.length; offset++) {
      const { replaceRange } = completionContext(text, offset);
      expect(replaceRange.end).toBe(offset);
      expect(replaceRange.start).toBeLessThanOrEqual(offset);
    }
  });

  it('clamps offsets outside the text', () => {
    expect(completionContext('up', 10).replaceRange).toEqual({ start: 0, end: 2 });
    expect(completionContext('up', -3).replaceRange).toEqual({ start: 0, end: 0 });
  });
});

const PROMQL_PIECES = [
  'sum', 'rate', 'topk', 'count_values', 'label_replace', 'foo', 'job', 'by', 'without', 'on', 'ignoring',
  'group_left', 'bool', 'offset', '@', 'start', 'end', '(', ')', '{', '}', '[', ']', ',', ':', '=', '=~', '!',
  '!~', '==', '>', '+', '-', '/', 'and', '"', "'", '`', '\\', '#', '\n', ' ', '5m', '1', '0x', '.', 'Inf',
];

describe('completionContext never throws', () => {
  const anyOffset = (text: string) => fc.nat({ max: text.length }).map((offset) => [text, offset] as const);

  it('on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }).chain(anyOffset), ([text, offset]) => {
        const { replaceRange } = completionContext(text, offset);
        expect(replaceRange.end).toBe(offset);
      }),
      { numRuns: 500 },
    );
  });

  it('on text made of PromQL pieces', () => {
    const pieces = fc.array(fc.constantFrom(...PROMQL_PIECES), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(pieces.chain(anyOffset), ([text, offset]) => {
        const { replaceRange } = completionContext(text, offset);
        expect(replaceRange.start).toBeGreaterThanOrEqual(0);
        expect(replaceRange.start).toBeLessThanOrEqual(offset);
        expect(replaceRange.end).toBe(offset);
        completeExpression(text, offset, provider);
      }),
      { numRuns: 1000 },
    );
  });
});

const LABELS: Record<string, string[]> = {
  http_requests_total: ['job', 'code', 'http.method'],
  up: ['job', 'instance'],
};
const VALUES: Record<string, string[]> = { job: ['api', 'node', 'say "hi"', "it's"], code: ['200', '500'] };

const provider: NameProvider = {
  metricNames: () => ['http_requests_total', 'http_request_duration_seconds_bucket', 'up', 'my.dotted.metric'],
  labelNames: (metric) => (metric ? (LABELS[metric] ?? []) : ['job', 'code', 'instance', 'http.method']),
  labelValues: (label) => VALUES[label] ?? [],
};

function complete(fixture: string) {
  const [text, offset] = atCursor(fixture);
  return completeExpression(text, offset, provider);
}

function labels(fixture: string): string[] {
  return complete(fixture).items.map((i) => i.label);
}

function item(fixture: string, label: string) {
  const found = complete(fixture).items.find((i) => i.label === label);
  if (!found) throw new Error(`no ${label} at ${fixture}`);
  return found;
}

describe('completeExpression: candidates', () => {
  it('offers metric names filtered by the typed prefix', () => {
    expect(labels('sum(rate(http_|')).toEqual(['http_requests_total', 'http_request_duration_seconds_bucket']);
    expect(complete('sum(rate(http_|').replaceRange).toEqual({ start: 9, end: 14 });
  });

  it('writes a metric name that is not an identifier in braces', () => {
    expect(item('my|', 'my.dotted.metric').insertText).toBe('{"my.dotted.metric"}');
    expect(item('{"my|', 'my.dotted.metric').insertText).toBe('my.dotted.metric"');
  });

  it('offers functions with snippets of their required arguments and their documentation', () => {
    const rate = item('ra|', 'rate');
    expect(rate).toMatchObject({ kind: 'function', insertText: 'rate(${1})', snippet: true });
    expect(rate.documentation).toBe(FUNCTIONS.get('rate')!.doc);
    expect(rate.detail).toBe('rate(range vector) → instant vector');
    expect(item('histogram_q|', 'histogram_quantile').insertText).toBe('histogram_quantile(${1}, ${2})');
    expect(item('label_rep|', 'label_replace').insertText).toBe('label_replace(${1}, "${2}", "${3}", "${4}", "${5}")');
    expect(item('rou|', 'round')).toMatchObject({ insertText: 'round(${1})', detail: 'round(instant vector[, scalar]) → instant vector' });
    expect(item('label_j|', 'label_join').detail).toBe('label_join(instant vector, string, string, string...) → instant vector');
    expect(item('ti|', 'time')).toMatchObject({ insertText: 'time()' });
    expect(item('ti|', 'time').snippet).toBeUndefined();
  });

  it('marks experimental functions and aggregations', () => {
    const mad = item('mad|', 'mad_over_time');
    expect(mad.detail).toContain('(experimental)');
    expect(mad.documentation).toContain('promql-experimental-functions');
    expect(item('limit|', 'limitk').detail).toBe('aggregation (experimental)');
    expect(item('ra|', 'rate').detail).not.toContain('experimental');
  });

  it('inserts only the name when a parenthesis follows', () => {
    const [text, offset] = atCursor('ra|(foo[5m])');
    const rate = completeExpression(text, offset, provider).items.find((i) => i.label === 'rate')!;
    expect(rate.insertText).toBeUndefined();
    expect(rate.snippet).toBeUndefined();
  });

  it('filters case-insensitively', () => {
    expect(labels('RAT|')).toEqual(['rate']);
    expect(labels('1 + nA|')).toEqual(['NaN']);
  });

  it('offers aggregations with their parameter', () => {
    expect(item('top|', 'topk').insertText).toBe('topk(${1}, ${2})');
    expect(item('count_v|', 'count_values').insertText).toBe('count_values("${1}", ${2})');
    expect(item('su|', 'sum').insertText).toBe('sum(${1})');
    expect(labels('su|')).toEqual(['sum_over_time', 'sum']);
  });

  it('offers by and without after an aggregation', () => {
    expect(labels('sum(foo) b|')).toEqual(['by']);
    expect(item('sum(foo) |', 'without').insertText).toBe('without (${1})');
  });

  it('offers binary operators and modifiers after an expression', () => {
    const after = labels('up |');
    expect(after).toEqual(expect.arrayContaining(['+', '==', 'and', 'unless', 'atan2', 'offset', '@']));
    expect(after).not.toContain('bool');
    expect(labels('foo !|')).toEqual(['!=']);
    expect(labels('foo o|')).toEqual(['or', 'offset']);
    expect(item('x + o|', 'on').insertText).toBe('on(${1})');
    expect(labels('x > b|')).toEqual(['bottomk', 'bool']);
  });

  it('offers match operators after a label name', () => {
    expect(labels('foo{job |')).toEqual(['=', '!=', '=~', '!~']);
    expect(labels('foo{job!|')).toEqual(['!=', '!~']);
  });

  it('offers label names of the metric, quoting those that are not identifiers', () => {
    expect(labels('http_requests_total{|')).toEqual(['job', 'code', 'http.method']);
    expect(item('http_requests_total{|', 'http.method').insertText).toBe('"http.method"');
    expect(item('http_requests_total{"http|', 'http.method').insertText).toBe('http.method"');
    expect(labels('sum by (|) (up)')).toEqual(['job', 'instance']);
    expect(labels('sum by (in|')).toEqual(['instance']);
  });

  it('offers label values written for where the cursor is', () => {
    expect(labels('foo{job="|')).toEqual(['api', 'node', 'say "hi"', "it's"]);
    expect(item('foo{job=|', 'api').insertText).toBe('"api"');
    expect(item('foo{job="|', 'api').insertText).toBe('api"');
    expect(item('foo{job="|"}', 'api').insertText).toBeUndefined();
    expect(item('foo{job="|', 'say "hi"').insertText).toBe('say \\"hi\\""');
    expect(item("foo{job='|", 'say "hi"').insertText).toBe('say "hi"\'');
    expect(item("foo{job='|'}", "it's").insertText).toBe("it\\'s");
    expect(labels('foo{code=~"5|')).toEqual(['500']);
  });

  it('offers durations, and the typed number with each unit', () => {
    expect(labels('foo[|')).toEqual(expect.arrayContaining(['1m', '5m', '10m', '30m', '1h', '6h', '1d']));
    expect(labels('foo[5|')).toEqual(['5m', '5s', '5h', '5d', '5w', '5y', '5ms']);
    expect(labels('foo offset 1|')).toEqual(expect.arrayContaining(['1m', '1h', '1d', '12h', '1w']));
  });

  it('offers start() and end() after @', () => {
    expect(labels('foo @ |')).toEqual(['Inf', 'NaN', 'start()', 'end()']);
    expect(labels('foo @ e|')).toEqual(['end()']);
  });

  it('offers nothing inside a comment or an unrelated string', () => {
    expect(complete('up # co|').items).toEqual([]);
    expect(complete('label_replace(up, "|').items).toEqual([]);
  });

  it('asks the provider with the metric of the selector', () => {
    const calls: string[] = [];
    const spy: NameProvider = {
      metricNames: () => [],
      labelNames: (metric) => (calls.push(`names ${metric}`), []),
      labelValues: (label, metric) => (calls.push(`values ${label} ${metric}`), []),
    };
    const ask = (fixture: string) => completeExpression(...atCursor(fixture), spy);
    ask('up{|');
    ask('up{job="|');
    ask('sum(rate(x[1m])) by (|');
    expect(calls).toEqual(['names up', 'values job up', 'names x']);
  });
});
