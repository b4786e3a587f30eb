/**
 * Fuzzing the evaluator: generated well-typed expressions, Prometheus's own expressions and
 * mutations of them, and deeply nested input, evaluated as instant and range queries against a
 * small store with staleness markers, NaN and ±Inf. Evaluation returns or throws an EvalError whose
 * range lies within the text; anything else fails with the input. Fixed seeds, bounded runs.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryStore } from '../../src/series/memory-store.js';
import { mutatedVariants } from '../interop/expression-mutator.js';
import { readPeerExpressions } from '../interop/peer-expressions.js';
import { DEEP_INPUTS } from './deep-nesting.js';
import { abbreviate, analyze, evaluationEscapes, type Query } from './escapes.js';
import { FUZZ_END_MS, fuzzStore } from './fuzz-store.js';
import { typedExpression } from './typed-expressions.js';

const SEED = 1_337;
const MINUTE = 60_000;

/** Instant queries before, inside and after the data, range queries over and across it, and tight limits. */
const QUERIES: readonly Query[] = [
  { kind: 'instant', timeMs: 0 },
  { kind: 'instant', timeMs: 7.5 * MINUTE },
  { kind: 'instant', timeMs: FUZZ_END_MS + 1 },
  { kind: 'instant', timeMs: -MINUTE },
  { kind: 'instant', timeMs: 20 * MINUTE, options: { maxSamples: 20, lookbackDeltaMs: 1 } },
  { kind: 'range', startMs: 0, endMs: FUZZ_END_MS, stepMs: 2 * MINUTE },
  { kind: 'range', startMs: 10 * MINUTE, endMs: 12 * MINUTE, stepMs: 7_000, options: { defaultSubqueryStepMs: 17_000 } },
  { kind: 'range', startMs: 5 * MINUTE, endMs: 0, stepMs: MINUTE },
  { kind: 'range', startMs: 0, endMs: MINUTE, stepMs: 0 },
];
/** Deep input is slow to evaluate; one instant and one range query suffice. */
const DEEP_QUERIES: readonly Query[] = [
  { kind: 'instant', timeMs: 7.5 * MINUTE },
  { kind: 'range', startMs: 0, endMs: FUZZ_END_MS, stepMs: 2 * MINUTE },
];

describe('evaluator fuzzing: only results and EvalErrors come out', () => {
  let store: MemoryStore;

  beforeAll(() => {
    store = fuzzStore();
  });

  /** Everything that escaped for `text`: from parsing, checking and printing, then from evaluation. */
  function escapesFor(text: string, queries: readonly Query[] = QUERIES): string[] {
    const { valid, escapes } = analyze(text);
    const all = valid ? [...escapes, ...evaluationEscapes(valid, text, store, queries)] : escapes;
    return all.map((escape) => `${abbreviate(text)}: ${escape}`);
  }

  it('loads the store', () => {
    expect(store.seriesCount).toBe(10);
  });

  it('evaluates generated well-typed expressions', () => {
    let invalid = 0;
    fc.assert(
      fc.property(typedExpression, (text) => {
        if (!analyze(text).valid) invalid++;
        expect(escapesFor(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: 1500 },
    );
    expect(invalid, 'generated expressions with type errors').toBe(0);
  });

  it("evaluates every expression of Prometheus's promqltest scripts", () => {
    const texts = [...new Set(readPeerExpressions())];
    expect(texts.flatMap((text) => escapesFor(text))).toEqual([]);
  });

  it('evaluates mutations of those expressions that still type-check', () => {
    const texts = mutatedVariants(readPeerExpressions(), 3000, SEED);
    expect(texts.flatMap((text) => escapesFor(text))).toEqual([]);
  });

  it.each(DEEP_INPUTS.map((d) => [d.name, d.text]))('survives %s in every stage', (_name, text) => {
    expect(escapesFor(text, DEEP_QUERIES)).toEqual([]);
  });
});
