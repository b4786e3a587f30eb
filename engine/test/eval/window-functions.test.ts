import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Call } from '../../src/promql/ast.js';
import { evaluateInstant, evaluateRange } from '../../src/promql/eval/evaluate.js';
import { FUNCTION_IMPLS, WINDOW_FUNCTIONS } from '../../src/promql/eval/functions/index.js';
import { Annotations, type FunctionContext, type SeriesWindow, type Value } from '../../src/promql/eval/values.js';
import type { MemoryStore } from '../../src/series/memory-store.js';
import { load, MINUTE, parse } from './eval-helpers.js';

/** A call of `name` over `some_metric[range]`, with the scalar arguments the function takes. */
function callOf(name: string, range: string): Call {
  const text =
    name === 'quantile_over_time' ? `${name}(-0.5, some_metric[${range}])` : name === 'predict_linear' ? `${name}(some_metric[${range}], 600)` : `${name}(some_metric[${range}])`;
  return parse(text) as Call;
}

function show(labelsText: string, v: number): string {
  return `${labelsText} ${Object.is(v, -0) ? '-0' : v}`;
}

/** The function implementation called with the windows of the selected series at `atMs`, as the evaluator would hand them over at once. */
function byImplementation(store: MemoryStore, call: Call, atMs: number): { samples: string[]; annotations: string[] } {
  const matrixArg = call.args.find((a) => a.kind === 'MatrixSelector')!;
  if (matrixArg.kind !== 'MatrixSelector') throw new Error('no range');
  const startMs = atMs - matrixArg.rangeMs;
  const windows: SeriesWindow[] = store.select(matrixArg.selector.matchers).map((s) => {
    let from = 0;
    while (from < s.ts.length && s.ts[from]! <= startMs) from++;
    let to = from;
    while (to < s.ts.length && s.ts[to]! <= atMs) to++;
    return { labels: s.labels, ts: s.ts, vs: s.vs, from, to, dropName: false };
  });
  const args: Value[] = call.args.map((a) =>
    a.kind === 'NumberLiteral' ? { type: 'scalar', t: atMs, v: a.value } : { type: 'matrix', matrix: { series: windows, rangeStartMs: startMs, rangeEndMs: atMs } },
  );
  const ctx: FunctionContext = { evalTimeMs: atMs, startMs: atMs, endMs: atMs, stepMs: 0, call, annotations: new Annotations() };
  const out = FUNCTION_IMPLS[call.func]!(args, ctx);
  const keepsName = call.func === 'last_over_time';
  return {
    samples: out.map((s) => show(String(keepsName ? s.labels : s.labels.without(['__name__'])), s.v)),
    annotations: ctx.annotations.list().map((a) => a.message),
  };
}

const valueArb = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 50 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('_', 'NaN', 'Inf', '-Inf', '1e308', '-0', '0.5') },
);

describe('window functions computed window by window', () => {
  it('give the samples and annotations the function implementation gives for the same windows', () => {
    const names = Object.keys(WINDOW_FUNCTIONS);
    fc.assert(
      fc.property(
        fc.array(fc.array(valueArb, { minLength: 1, maxLength: 25 }), { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...names),
        fc.constantFrom('1m', '3m', '5m', '10m'),
        fc.integer({ min: 0, max: 26 }),
        (rows, name, range, minute) => {
          const store = load(MINUTE, rows.map((values, i) => `some_metric{i="${i}"} ${values.join(' ')}`).join('\n'));
          const atMs = minute * MINUTE;
          const call = callOf(name, range);
          const { value, annotations } = evaluateInstant(call, store, atMs);
          if (value.type !== 'vector') throw new Error(`expected a vector, got ${value.type}`);
          expect({
            samples: value.samples.map((s) => show(String(s.labels), s.v)),
            annotations: annotations.map((a) => a.message),
          }).toEqual(byImplementation(store, call, atMs));
        },
      ),
      { seed: 2024, numRuns: 600 },
    );
  });
});

describe('window functions at consecutive steps', () => {
  /** `time labels value` lines of a range query, or of instant queries at its steps. */
  function lines(store: MemoryStore, text: string, startMs: number, endMs: number, stepMs: number, byInstant: boolean): string[] {
    const out: string[] = [];
    if (byInstant) {
      for (let t = startMs; t <= endMs; t += stepMs) {
        const { value } = evaluateInstant(parse(text), store, t);
        if (value.type !== 'vector') throw new Error(`expected a vector, got ${value.type}`);
        for (const s of value.samples) out.push(show(`${t} ${s.labels}`, s.v));
      }
    } else {
      for (const { labels, points } of evaluateRange(parse(text), store, startMs, endMs, stepMs).series) {
        for (const { t, v } of points) out.push(show(`${t} ${labels}`, v));
      }
    }
    return out.sort();
  }

  it('give in a range query what instant queries give, over counters that reset', () => {
    const counterArb = fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.constant(-1) }), { minLength: 5, maxLength: 60 });
    fc.assert(
      fc.property(
        fc.array(counterArb, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('rate(c_total[3m])', 'increase(c_total[5m])', 'max_over_time(rate(c_total[2m])[6m:1m])', 'resets(c_total[4m])'),
        fc.integer({ min: 10_000, max: 200_000 }),
        (rows, text, stepMs) => {
          // Increments, with -1 for a reset to zero.
          const store = load(MINUTE, rows.map((incs, i) => {
            let v = 0;
            return `c_total{i="${i}"} ${incs.map((inc) => (v = inc < 0 ? 0 : v + inc)).join(' ')}`;
          }).join('\n'));
          const endMs = 60 * MINUTE;
          expect(lines(store, text, 0, endMs, stepMs, false)).toEqual(lines(store, text, 0, endMs, stepMs, true));
        },
      ),
      { seed: 31, numRuns: 200 },
    );
  });
});
