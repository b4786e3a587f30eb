/**
 * Mangled unit-test files never crash the loader or the runner: whatever the damage, the result
 * is problems at valid file positions or test verdicts. Fixed seed, bounded runs.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runUnitTestFile } from '../../src/testing/promtool/run-unit-tests.js';
import { ALERT_RULES, removeWrittenFiles, writeFiles } from './promtool-helpers.js';

afterAll(removeWrittenFiles);

const SEED = 20_240_611;

const VALID = `rule_files: [rules.yml]
evaluation_interval: 1m
group_eval_order: [alerts]
tests:
  - name: "down"
    interval: 1m
    external_labels: {cluster: eu}
    input_series:
      - series: 'up{job="api", instance="a"}'
        values: '0x10 1 _ stale 2+1x3'
      - series: "queue{job='api'}"
        values: 1 2 3
    alert_rule_test:
      - eval_time: 10m
        alertname: InstanceDown
        exp_alerts:
          - exp_labels: {severity: page, job: api, instance: a}
            exp_annotations:
              summary: Instance down
    promql_expr_test:
      - expr: |
          sum by (job) (
            rate(queue[2m])
          )
        eval_time: 3m
        exp_samples:
          - labels: '{job="api"}'
            value: 0.5
          - labels: up{job="api"}
            value: .nan
`;

/** Characters that keep durations short: no digits and no units longer than a minute. */
const NOISE = [...' \n\t:-[]{}\'"|>#&*!,?_=+.()~%@`\\abcefgijklmnopqrstuvxz'];

type Edit = { kind: 'delete'; at: number; length: number } | { kind: 'insert'; at: number; text: string } | { kind: 'swapLines'; a: number; b: number };

const mangle: fc.Arbitrary<Edit[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(fc.constantFrom(...NOISE), { minLength: 1, maxLength: 4 }).map((c) => c.join('')) }),
    fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
);

function apply(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of edits) {
    if (edit.kind === 'delete') {
      const at = edit.at % (out.length + 1);
      out = out.slice(0, at) + out.slice(at + edit.length);
    } else if (edit.kind === 'insert') {
      const at = edit.at % (out.length + 1);
      out = out.slice(0, at) + edit.text + out.slice(at);
    } else {
      const lines = out.split('\n');
      const [a, b] = [edit.a % lines.length, edit.b % lines.length];
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      out = lines.join('\n');
    }
  }
  return out;
}

describe('unit-test files, mangled', () => {
  const dir = writeFiles({ 'rules.yml': ALERT_RULES });
  const file = join(dir, 'test.yml');

  it('starts from a file that loads cleanly and runs its test', () => {
    const result = runUnitTestFile(file, VALID);
    expect(result.problems).toEqual([]);
    expect(result.tests.map((t) => t.status)).toEqual(['failed']);
  });

  it('load and run without throwing, with every problem at a real line and column', () => {
    fc.assert(
      fc.property(mangle, (edits) => {
        const text = apply(VALID, edits);
        const lineCount = text.split('\n').length;
        const result = runUnitTestFile(file, text);
        const problems = [...result.problems, ...result.warnings, ...result.tests.flatMap((t) => t.problems)];
        for (const p of problems.filter((p) => p.file === file)) {
          expect(p.line).toBeGreaterThanOrEqual(1);
          expect(p.line).toBeLessThanOrEqual(lineCount);
          expect(p.column).toBeGreaterThanOrEqual(1);
          expect(p.message).not.toBe('');
        }
      }),
      { seed: SEED, numRuns: 600 },
    );
  });
});
