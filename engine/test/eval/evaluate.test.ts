import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import { evaluateInstant } from '../../src/promql/eval/evaluate.js';
import { EvalError } from '../../src/promql/eval/values.js';
import type { SeriesSource } from '../../src/series/source.js';
import { evalError, instant, load, MINUTE, parse, range, SECOND, show, showRange } from './eval-helpers.js';

const store = load(MINUTE, `
  up{job="a"} 1 1 0 1
  up{job="b"} 1 1 1 1
`);

describe('instant queries', () => {
  it('return scalars, strings, vectors and matrices', () => {
    expect(instant(store, '1 + 2', 0).value).toEqual({ type: 'scalar', t: 0, v: 3 });
    expect(instant(store, '"hello"', 5).value).toEqual({ type: 'string', t: 5, value: 'hello' });
    expect(show(instant(store, 'scalar(up{job="a"})', 2 * MINUTE).value)).toEqual(['scalar 0']);
    expect(show(instant(store, 'up[2m]', 2 * MINUTE).value)).toEqual([
      '{__name__="up", job="a"} 1@60 0@120',
      '{__name__="up", job="b"} 1@60 1@120',
    ]);
  });

  it('return matrices sorted by labels', () => {
    const s = load(MINUTE, `
      z 1
      a 2
    `);
    expect(show(instant(s, '{__name__=~"a|z"}[1m]', 0).value)).toEqual(['{__name__="a"} 2@0', '{__name__="z"} 1@0']);
  });

  it('return a scalar from a function that returns one', () => {
    expect(instant(store, 'time()', 90 * SECOND).value).toEqual({ type: 'scalar', t: 90 * SECOND, v: 90 });
  });
});

describe('range queries', () => {
  it('evaluate every step from start to end', () => {
    expect(showRange(range(store, 'up == 0', 0, 3 * MINUTE, MINUTE))).toEqual(['{__name__="up", job="a"} 0@120']);
    expect(showRange(range(store, 'sum(up)', 0, 3 * MINUTE, 90 * SECOND))).toEqual(['{} 2@0 2@90 2@180']);
  });

  it('return a scalar as one series without labels', () => {
    expect(showRange(range(store, 'time() * 2', 0, 2 * MINUTE, MINUTE))).toEqual(['{} 0@0 120@60 240@120']);
  });

  it('return nothing when the end precedes the start', () => {
    expect(range(store, 'up', MINUTE, 0, MINUTE).series).toEqual([]);
  });

  it('reject non-positive steps and expressions that are not scalars or instant vectors', () => {
    expect(evalError(() => range(store, 'up', 0, MINUTE, 0)).message).toBe(
      'zero or negative query resolution step widths are not accepted. Try a positive integer',
    );
    expect(evalError(() => range(store, 'up[5m]', 0, MINUTE, MINUTE)).message).toBe(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
  });

  it('sort series by labels', () => {
    const result = range(store, 'up', 0, MINUTE, MINUTE);
    expect(result.series.map((s) => s.labels.toString())).toEqual(['{__name__="up", job="a"}', '{__name__="up", job="b"}']);
  });
});

describe('limits and failures', () => {
  it('stops queries that would hold more samples than allowed', () => {
    const e = evalError(() => range(store, 'up', 0, 3 * MINUTE, SECOND, { maxSamples: 100 }));
    expect(e.message).toBe('query processing would load too many samples into memory in query execution');
    expect(range(store, 'up', 0, 3 * MINUTE, MINUTE, { maxSamples: 100 }).series).toHaveLength(2);
  });

  it('turns unexpected failures of a source into EvalErrors with the range of the query', () => {
    const broken: SeriesSource = {
      select() {
        throw new Error('disk on fire');
      },
    };
    const expr = parse('sum(up)');
    let error: unknown;
    try {
      evaluateInstant(expr, broken, 0);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EvalError);
    expect((error as EvalError).message).toBe('unexpected error: disk on fire');
    expect((error as EvalError).range).toEqual(expr.range);
  });

  it('validates the count_values label name', () => {
    expect(evalError(() => instant(store, 'count_values("", up)', 0)).message).toBe('invalid label name ""');
  });

  it('reports annotations with their positions', () => {
    const result = instant(store, 'quantile(2, up)', 0);
    expect(result.annotations).toEqual([
      { severity: 'warning', message: 'PromQL warning: quantile value should be between 0 and 1, got 2', range: { start: 9, end: 10 } },
    ]);
  });
});

describe('labels of results', () => {
  it('are Labels objects', () => {
    const { value } = instant(store, 'up', 0);
    expect(value.type === 'vector' && value.samples[0]!.labels).toBeInstanceOf(Labels);
  });
});
