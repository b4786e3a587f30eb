import { describe, expect, it } from 'vitest';
import { evalError, instant, load, MINUTE, range, showRange, vectorAt } from './eval-helpers.js';

const store = load(5 * MINUTE, `
  metric_total{env="1"} 0 60 120
  another_metric_total{env="1"} 60 120 180
`);
const T = 10 * MINUTE;

describe('delayed metric name removal', () => {
  it('removes the name when the result leaves the evaluator', () => {
    expect(vectorAt(store, 'rate(metric_total[10m])', T)).toEqual(['{env="1"} 0.2']);
    expect(vectorAt(store, '-metric_total', T)).toEqual(['{env="1"} -120']);
  });

  it('lets later operations still see the name', () => {
    expect(vectorAt(store, 'label_replace(rate(metric_total[10m]), "was", "$1", "__name__", "(.+)")', T)).toEqual([
      '{env="1", was="metric_total"} 0.2',
    ]);
    expect(vectorAt(store, 'label_replace(rate(metric_total[10m]), "__name__", "rate_$1", "__name__", "(.+)")', T)).toEqual([
      '{__name__="rate_metric_total", env="1"} 0.2',
    ]);
  });

  it('keeps the name through last_over_time and value filters', () => {
    expect(vectorAt(store, 'last_over_time(metric_total[10m])', T)).toEqual(['{__name__="metric_total", env="1"} 120']);
    expect(vectorAt(store, 'metric_total > 5', T)).toEqual(['{__name__="metric_total", env="1"} 120']);
  });

  it('passes the flag through topk after grouping by the name', () => {
    expect(vectorAt(store, 'topk(10, sum by (__name__, env) (rate(metric_total[10m])))', T)).toEqual(['{env="1"} 0.2']);
    expect(vectorAt(store, 'topk(10, sum by (__name__, env) (metric_total))', T)).toEqual([
      '{__name__="metric_total", env="1"} 120',
    ]);
  });

  it('rejects results that collide once names are dropped', () => {
    const e = evalError(() => instant(store, 'sum by (__name__) (rate({env="1"}[10m]))', T));
    expect(e.message).toBe('vector cannot contain metrics with the same labelset');
    expect(evalError(() => instant(store, '-{env="1"}', T)).message).toBe('vector cannot contain metrics with the same labelset');
  });

  it('aggregates series that would collide before their names are dropped', () => {
    expect(vectorAt(store, 'sum by (env) (rate({env="1"}[10m]))', T)).toEqual(['{env="1"} 0.4']);
  });

  it('checks collisions across the whole range of a range query', () => {
    const s = load(MINUTE, `
      a{x="1"} 1 1 _ _
      b{x="1"} _ _ 2 2
    `);
    expect(evalError(() => range(s, '{x="1"} * 2', 0, 3 * MINUTE, MINUTE)).message).toBe(
      'vector cannot contain metrics with the same labelset',
    );
    expect(showRange(range(s, '{x="1"}', 0, 3 * MINUTE, MINUTE))).toEqual([
      '{__name__="a", x="1"} 1@0 1@60 1@120 1@180',
      '{__name__="b", x="1"} 2@120 2@180',
    ]);
  });
});
