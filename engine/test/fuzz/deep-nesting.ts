/**
 * Deeply nested and very long inputs, each far beyond what anyone writes (10,000 levels or terms,
 * once 100,000), and some just inside the parser's nesting limits, so that the levels it accepts are run through
 * checking, printing and evaluation too.
 */
import { MAX_BRACKET_DEPTH, MAX_TREE_DEPTH } from '../../src/promql/nesting-limit.js';

const N = 10_000;

const repeat = (piece: string, times: number) => piece.repeat(times);
const chain = (terms: number, operator: string, term = (i: number) => `metric_a{instance="${'ab'[i % 2]}"}`) =>
  Array.from({ length: terms }, (_, i) => term(i)).join(` ${operator} `);

export interface DeepInput {
  name: string;
  text: string;
}

export const DEEP_INPUTS: readonly DeepInput[] = [
  { name: '10,000 parentheses', text: `${repeat('(', N)}metric_a${repeat(')', N)}` },
  { name: '10,000 unclosed parentheses', text: repeat('(', N) },
  { name: '10,000 closing parentheses', text: `metric_a${repeat(')', N)}` },
  { name: '10,000 opening braces', text: repeat('{', N) },
  { name: '10,000 opening brackets', text: `metric_a${repeat('[', N)}` },
  { name: '10,000 unary minus on a selector', text: `${repeat('-', N)}metric_a` },
  { name: '10,000 unary minus on a number', text: `${repeat('-', N)}1` },
  { name: '10,000 alternating signs on a parenthesis', text: `${repeat('-+', N / 2)}(metric_a)` },
  { name: '10,000-term sum of selectors', text: chain(N, '+') },
  {
    name: '100,000-term sum of selectors',
    text: chain(10 * N, '+', (i) => (i % 2 ? 'metric_a' : 'metric_b')),
  },
  { name: '10,000-term product of numbers', text: chain(N, '*', (i) => String((i % 3) + 1)) },
  { name: '10,000-term chain of set operators', text: chain(N, 'or') },
  { name: '10,000-term chain of comparisons', text: chain(N, '> bool') },
  { name: '10,000-term chain with vector matching', text: chain(N, '/ on (job) group_left') },
  { name: '10,000-term chain of powers (right-associative)', text: chain(N, '^') },
  { name: '50,000-term chain of powers of numbers', text: chain(5 * N, '^', (i) => String((i % 3) + 1)) },
  { name: '50,000-term chain of powers of selectors', text: chain(5 * N, '^', () => 'metric_a') },
  { name: '10,000 nested function calls', text: `${repeat('abs(', N)}metric_a${repeat(')', N)}` },
  { name: '10,000 nested aggregations', text: `${repeat('sum by (job) (', N)}metric_a${repeat(')', N)}` },
  { name: '10,000 nested subqueries', text: `${repeat('max_over_time(', N)}metric_a${repeat('[5m:1m])', N)}` },
  { name: '10,000 subqueries of parentheses', text: `${repeat('(', N)}metric_a${repeat(')[5m:1m]', N)}` },
  { name: '10,000 arguments', text: `label_join(metric_a, "dst", ",", ${chain(N, ',', () => '"job"')})` },
  { name: 'a 1,000,000-character identifier', text: repeat('a', 1_000_000) },
  { name: 'a 1,000,000-character label value', text: `metric_a{job="${repeat('x', 1_000_000)}"}` },
  { name: 'a 10,000-digit number', text: repeat('9', N) },
  { name: 'a 10,000-digit fraction', text: `0.${repeat('0', N)}1` },
  /* Just inside the limits: these parse, so every later stage runs on them. */
  {
    name: `${MAX_BRACKET_DEPTH} parentheses`,
    text: `${repeat('(', MAX_BRACKET_DEPTH)}metric_a${repeat(')', MAX_BRACKET_DEPTH)}`,
  },
  {
    name: `${MAX_BRACKET_DEPTH} nested function calls`,
    text: `${repeat('abs(', MAX_BRACKET_DEPTH)}metric_a${repeat(')', MAX_BRACKET_DEPTH)}`,
  },
  {
    name: `${MAX_BRACKET_DEPTH - 1} nested subqueries`,
    text: `${repeat('max_over_time(', MAX_BRACKET_DEPTH - 1)}metric_a${repeat('[5m:1m])', MAX_BRACKET_DEPTH - 1)}`,
  },
  { name: `${MAX_TREE_DEPTH - 1} unary minus on a selector`, text: `${repeat('-', MAX_TREE_DEPTH - 1)}metric_a` },
  { name: `${MAX_TREE_DEPTH - 1}-term chain of powers`, text: chain(MAX_TREE_DEPTH - 1, '^') },
  { name: '1,000-term sum of selectors', text: chain(1_000, '+') },
];
