/**
 * Moving what a rule file's model holds when text before it grows or shrinks. Rules and groups
 * keep their file ranges in `range` and `positions`; expression trees are relative to their own
 * text and never move.
 */
import type { Problem } from '../../../errors.js';
import type { TextRange } from '../../../promql/ast.js';
import type { Rule, RuleGroup } from '../../../rules/rule.js';

export function shiftRange(range: TextRange, delta: number): void {
  range.start += delta;
  range.end += delta;
}

/** Shifts every `{start, end}` found in the value, however deep: new position fields move too. */
function shiftRanges(value: unknown, delta: number): void {
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  if (typeof record.start === 'number' && typeof record.end === 'number') {
    shiftRange(record as unknown as TextRange, delta);
    return;
  }
  for (const key in record) shiftRanges(record[key], delta);
}

export function shiftRule(rule: Rule, delta: number): void {
  shiftRange(rule.range, delta);
  shiftRanges(rule.positions, delta);
}

export function shiftGroupHead(group: RuleGroup, delta: number): void {
  shiftRange(group.range, delta);
  shiftRanges(group.positions, delta);
}

export function shiftProblems(problems: readonly Problem[], delta: number): void {
  for (const p of problems) shiftRange(p.range, delta);
}

const LINE_REFERENCE = /\bat line (\d+)\b/g;

/**
 * Messages that name a line (`key "x" is already defined at line 12`) name a later one when
 * lines were added above it: line numbers past `editLine` (zero-based) move by `lineDelta`.
 */
export function shiftLineReferences(problems: Problem[], editLine: number, lineDelta: number): void {
  if (lineDelta === 0) return;
  for (const p of problems) {
    if (!p.message.includes('at line ')) continue;
    p.message = p.message.replace(LINE_REFERENCE, (whole, line: string) => (Number(line) - 1 > editLine ? `at line ${Number(line) + lineDelta}` : whole));
  }
}
