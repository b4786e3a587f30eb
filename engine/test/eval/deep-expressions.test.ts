import { describe, expect, it } from 'vitest';
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import { MAX_EVAL_DEPTH, evaluateInstant, evaluateRange } from '../../src/promql/eval/evaluate.js';
import { MemoryStore } from '../../src/series/memory-store.js';

function store(): MemoryStore {
  const s = new MemoryStore();
  for (let t = 0; t <= 600_000; t += 60_000) s.append({ __name__: 'm', a: 'x' }, t, 1);
  return s;
}

const chain = (terms: number, op: string) => parsePromQLOrThrow(Array(terms).fill('m').join(` ${op} `));

describe('deep expressions', () => {
  it.each(['+', 'and', '* on (a)', 'or', '/ ignoring (b)'])('evaluates a chain of %s as deep as the limit allows', (op) => {
    const expr = chain(MAX_EVAL_DEPTH - 1, op);
    const instant = evaluateInstant(expr, store(), 600_000);
    expect(instant.value.type).toBe('vector');
    expect(evaluateRange(expr, store(), 0, 600_000, 60_000).series).toHaveLength(1);
  });

  it('refuses a longer chain with a clear error instead of exhausting the stack', () => {
    const expr = chain(10_000, '+');
    expect(() => evaluateInstant(expr, store(), 0)).toThrow('expression is nested too deeply to evaluate: 10000 levels, the limit is 500');
    expect(() => evaluateRange(expr, store(), 0, 60_000, 60_000)).toThrow('nested too deeply');
  });
});
