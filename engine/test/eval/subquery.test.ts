import { describe, expect, it } from 'vitest';
import { firstStepAfter } from '../../src/promql/eval/subquery.js';
import { instant, load, MINUTE, range, SECOND, show, showRange, vectorAt } from './eval-helpers.js';

describe('subqueries', () => {
  const store = load(10 * SECOND, 'metric 0+1x100');

  it('evaluates at multiples of the step in absolute time within (t - range, t]', () => {
    // Steps at 20s, 30s and 40s; the one at 10s is the excluded left edge.
    expect(show(instant(store, 'metric[30s:10s]', 40 * SECOND).value)).toEqual(['{__name__="metric"} 2@20 3@30 4@40']);
    // Steps at multiples of 7s in (5s, 35s]: 7, 14, 21, 28, 35.
    expect(show(instant(store, 'metric[30s:7s]', 35 * SECOND).value)).toEqual([
      '{__name__="metric"} 0@7 1@14 2@21 2@28 3@35',
    ]);
  });

  it('aligns steps independently of the offset', () => {
    // (67s, 97s] and (60s, 90s] both hold the steps 70s, 80s and 90s.
    expect(vectorAt(store, 'sum_over_time(metric[30s:10s] offset 3s)', 100 * SECOND)).toEqual(['{} 24']);
    expect(vectorAt(store, 'sum_over_time(metric[30s:10s] offset 10s)', 100 * SECOND)).toEqual(['{} 24']);
  });

  it('evaluates relative to @ and counts the offset back from it', () => {
    expect(vectorAt(store, 'sum_over_time(metric[30s:10s] @ 100)', 0)).toEqual(['{} 27']);
    expect(vectorAt(store, 'sum_over_time(metric[30s:10s] @ 100 offset 20s)', 0)).toEqual(['{} 21']);
  });

  it('uses the default step when none is written', () => {
    const twoMinutes = vectorAt(store, 'count_over_time(metric[5m:])', 10 * MINUTE, { defaultSubqueryStepMs: 2 * MINUTE });
    expect(twoMinutes).toEqual(['{} 3']);
    expect(vectorAt(store, 'count_over_time(metric[5m:])', 10 * MINUTE)).toEqual(['{} 5']);
  });

  it('nests', () => {
    // Inner sums (t-10s and t) at the outer steps 60s..100s: 11 + 13 + 15 + 17 + 19.
    expect(vectorAt(store, 'sum_over_time(sum_over_time(metric[20s:10s])[50s:10s])', 100 * SECOND)).toEqual(['{} 75']);
  });

  it('drops metric names of inner results only when the subquery is the whole result', () => {
    const inner = instant(store, 'rate(metric[1m])[20s:10s]', 100 * SECOND);
    expect(show(inner.value)).toEqual(['{} 0.1@90 0.1@100']);
    // Functions over a subquery see the inner labels with their names (Prometheus loses the flag).
    expect(vectorAt(store, 'last_over_time(rate(metric[1m])[20s:10s])', 100 * SECOND)).toEqual(['{__name__="metric"} 0.1']);
  });

  it('gives range queries the same results as instant queries at each step', () => {
    const expressions = [
      'max_over_time(metric[1m:10s])',
      'sum_over_time(metric[45s:15s] offset 5s)',
      'rate(metric[1m:5s])',
      'max_over_time(deriv(metric[30s])[2m:20s])',
      'sum_over_time(metric[1m:10s] @ 300)',
    ];
    for (const text of expressions) {
      const result = range(store, text, 0, 10 * MINUTE, 25 * SECOND);
      const expected: string[] = [];
      for (let t = 0; t <= 10 * MINUTE; t += 25 * SECOND) {
        const { value } = instant(store, text, t);
        if (value.type === 'vector' && value.samples.length > 0) expected.push(`${value.samples[0]!.v}@${t / 1000}`);
      }
      expect(showRange(result).join(), text).toEqual(expected.length ? `{} ${expected.join(' ')}` : '');
    }
  });

  it('returns nothing when a step larger than the range falls outside it', () => {
    const sparse = load(5 * MINUTE, 'foo 3+0x10');
    expect(vectorAt(sparse, 'min_over_time((topk(1, foo))[1m:5m])', 12 * MINUTE)).toEqual([]);
  });
});

describe('firstStepAfter', () => {
  it('is the first multiple of the step strictly after the time, also below zero', () => {
    expect(firstStepAfter(40, 10)).toBe(50);
    expect(firstStepAfter(45, 10)).toBe(50);
    expect(firstStepAfter(-40, 10)).toBe(-30);
    expect(firstStepAfter(-45, 10)).toBe(-40);
  });
});
