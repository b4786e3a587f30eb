/** A `fetch` that answers Prometheus's query API from a MemoryStore with Klaxon's own evaluator. */
import { Labels } from '../../../src/labels/labels.js';
import { parsePromQLOrThrow } from '../../../src/promql/analyze.js';
import { evaluateInstant, evaluateRange } from '../../../src/promql/eval/evaluate.js';
import type { MemoryStore } from '../../../src/series/memory-store.js';

export interface FakeRequest {
  path: string;
  params: URLSearchParams;
}

const seconds = (text: string | null) => Math.round(Number(text) * 1000);
const point = (t: number, v: number) => [t / 1000, Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : '-Inf'];

export function fakePrometheus(store: MemoryStore, log: FakeRequest[] = []): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    const params = new URLSearchParams(String(init?.body ?? ''));
    log.push({ path, params });
    const reply = (data: unknown, status = 200) => new Response(JSON.stringify(data), { status, headers: { 'Content-Type': 'application/json' } });
    try {
      if (path === '/api/v1/query') {
        const { value } = evaluateInstant(parsePromQLOrThrow(params.get('query')!), store, seconds(params.get('time')));
        if (value.type !== 'matrix') throw new Error('the fake only serves range selectors');
        const result = value.matrix.series.map((w) => ({
          metric: w.labels.toObject(),
          values: Array.from({ length: w.to - w.from }, (_, k) => point(w.ts[w.from + k]!, w.vs[w.from + k]!)),
        }));
        return reply({ status: 'success', data: { resultType: 'matrix', result } });
      }
      if (path === '/api/v1/query_range') {
        const { series } = evaluateRange(parsePromQLOrThrow(params.get('query')!), store, seconds(params.get('start')), seconds(params.get('end')), seconds(params.get('step')));
        const result = series.map((s) => ({ metric: s.labels.toObject(), values: s.points.map((p) => point(p.t, p.v)) }));
        return reply({ status: 'success', data: { resultType: 'matrix', result } });
      }
      if (path === '/api/v1/series') {
        const seen = new Map<string, Labels>();
        for (const match of params.getAll('match[]')) {
          const expr = parsePromQLOrThrow(match);
          if (expr.kind !== 'VectorSelector') throw new Error('match[] must be a selector');
          for (const s of store.select(expr.matchers, -Infinity, Infinity)) seen.set(s.labels.key(), s.labels);
        }
        return reply({ status: 'success', data: [...seen.values()].map((l) => l.toObject()) });
      }
      if (path === '/api/v1/labels') {
        const names = new Set<string>();
        for (const s of store.select([], -Infinity, Infinity)) for (const [name] of s.labels) names.add(name);
        return reply({ status: 'success', data: [...names].sort() });
      }
      return reply({ status: 'error', errorType: 'not_found', error: `no ${path}` }, 404);
    } catch (e) {
      return reply({ status: 'error', errorType: 'bad_data', error: (e as Error).message }, 400);
    }
  }) as typeof fetch;
}
