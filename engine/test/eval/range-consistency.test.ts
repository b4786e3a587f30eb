/**
 * A range query must give, at each step, what an instant query at that time gives. Series come
 * and go here, so that every cache the evaluator keeps across steps and batches gets invalidated.
 */
import { describe, expect, it } from 'vitest';
import { instant, load, MINUTE, range, SECOND } from './eval-helpers.js';

const store = load(30 * SECOND, `
  req_total{job="api", instance="a"} 0+5x200
  req_total{job="api", instance="b"} 0+7x60 _x40 300+7x100
  req_total{job="db", instance="c"} _x30 0+3x170
  req_total{job="db", instance="d"} 1+1x90 stale 100+2x100
  up{job="api", instance="a"} 1x200
  up{job="api", instance="b"} 1x60 0x40 1x100
  up{job="db", instance="c"} 1x200
  limit{job="api"} 100x200
  limit{job="db"} 50x100 _x100
  swap{k="a"} 1x50 stale
  swap{k="b"} _x51 2x100
`);

const EXPRESSIONS = [
  'req_total',
  'rate(req_total[2m])',
  'sum by (job) (rate(req_total[3m]))',
  'avg without (instance) (req_total)',
  'req_total - req_total offset 5m',
  'req_total / on(instance) group_left up',
  'req_total > on(job) group_left limit',
  'rate(req_total[2m]) > bool 0.15',
  'up == 0 or req_total',
  'req_total unless on(instance) (up == 0)',
  'req_total and on(instance) up',
  'topk by (job) (1, req_total)',
  'bottomk(2, rate(req_total[5m]))',
  'quantile(0.7, req_total)',
  'count_values("v", up)',
  'max_over_time(rate(req_total[2m])[10m:1m])',
  'sum_over_time(sum_over_time(req_total[1m:30s])[3m:1m] offset 30s)',
  'avg_over_time(req_total[10m] @ 3000)',
  'timestamp(req_total)',
  '-req_total * 2 + 1',
  'scalar(sum(up)) * req_total',
  'absent_over_time(req_total{instance="b"}[1m])',
  'label_replace(req_total, "x", "$1", "instance", "(.*)")',
  'swap * 3 - swap',
  'swap and swap',
  'sum by (k) (swap)',
];

/** `labels value` lines at each step, as an instant query and as a range query see them. */
function byInstant(text: string, times: number[]): string[] {
  const lines: string[] = [];
  for (const t of times) {
    const { value } = instant(store, text, t);
    if (value.type !== 'vector') throw new Error(`not a vector: ${text}`);
    for (const s of value.samples) lines.push(`${t} ${s.labels} ${s.v}`);
  }
  return lines.sort();
}

function byRange(text: string, start: number, end: number, step: number): string[] {
  const lines: string[] = [];
  for (const s of range(store, text, start, end, step).series) {
    for (const p of s.points) lines.push(`${p.t} ${s.labels} ${p.v}`);
  }
  return lines.sort();
}

describe('range queries agree with instant queries', () => {
  const start = 0;
  const end = 100 * MINUTE;
  const step = 45 * SECOND;
  const times: number[] = [];
  for (let t = start; t <= end; t += step) times.push(t);

  for (const text of EXPRESSIONS) {
    it(text, () => {
      expect(byRange(text, start, end, step)).toEqual(byInstant(text, times));
    });
  }
});
