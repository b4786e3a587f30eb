/** Shared fixtures for the rule evaluation tests: groups from YAML text, stores from series notation. */
import { expect } from 'vitest';
import { parsePromQLOrThrow } from '../../src/promql/analyze.js';
import { evaluateInstant } from '../../src/promql/eval/evaluate.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import type { RuleGroup } from '../../src/rules/rule.js';
import type { MemoryStore } from '../../src/series/memory-store.js';
import { loadNotationFile } from '../../src/series/notation-file.js';

export const MIN = 60_000;

export function groupsOf(yaml: string): RuleGroup[] {
  const loaded = loadRuleFile(yaml, 'rules.yml');
  expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return loaded.groups;
}

/** A store from series notation lines, one value a minute from 0 (`load 1m`). */
export function storeOf(lines: string): MemoryStore {
  const loaded = loadNotationFile(lines, 'series.txt');
  expect(loaded.problems).toEqual([]);
  return loaded.store;
}

/** The instant vector of `query` at `timeMs`, as `{labels} value` lines, sorted. */
export function queryAt(store: MemoryStore, query: string, timeMs: number): string[] {
  const { value } = evaluateInstant(parsePromQLOrThrow(query), store, timeMs);
  if (value.type !== 'vector') throw new Error(`expected a vector, got ${value.type}`);
  return value.samples.map((s) => `${s.labels} ${s.v}`).sort();
}
