/**
 * Comments that turn lints off:
 *
 *   # klaxon-disable rate-non-counter, regex-equality -- reason
 *   - alert: X          # klaxon-disable missing-annotation
 *   # klaxon-disable-file duplicate-rule
 *
 * `klaxon-disable` applies to the rule it stands above (comment lines directly before the rule's
 * first line) or within; `klaxon-disable-file` to the whole file. Without names, every lint.
 */
import { problem, type Problem } from '../errors.js';
import type { TextRange } from '../promql/ast.js';
import type { Rule, RuleGroup } from '../rules/rule.js';
import { closestWord } from '../text/closest-word.js';
import { LineIndex } from '../text/line-index.js';

export const ALL_LINTS = '*';

export interface DisabledLints {
  /** Lints off in the whole file; ALL_LINTS for every one. */
  file: ReadonlySet<string>;
  /** Lints off per rule. */
  rules: ReadonlyMap<Rule, ReadonlySet<string>>;
  problems: Problem[];
}

/** What every disable comment holds: a text without it has none. */
export const DISABLE_COMMENT_MARK = 'klaxon-disable';

/** A file without disable comments. */
export const NO_DISABLED_LINTS: DisabledLints = { file: new Set(), rules: new Map(), problems: [] };

const COMMENT = /#[ \t]*klaxon-disable(-file)?(?=[\s,]|$)([^\n]*)/g;

export function readDisabledLints(text: string, groups: readonly RuleGroup[], knownLints: readonly string[]): DisabledLints {
  const result = { file: new Set<string>(), rules: new Map<Rule, Set<string>>(), problems: [] as Problem[] };
  if (!text.includes(DISABLE_COMMENT_MARK)) return result;
  const lines = new LineIndex(text);
  const rules = groups.flatMap((g) => g.rules);
  const startLines = new Map<number, Rule>(rules.map((r) => [lines.position(r.range.start).line, r]));
  for (const match of text.matchAll(COMMENT)) {
    const at = match.index;
    if (at > 0 && !/\s/.test(text[at - 1]!)) continue;
    const enclosing = rules.find((r) => r.range.start <= at && at < r.range.end);
    if (enclosing && insideValue(enclosing, at)) continue;
    const range = { start: at, end: at + match[0].length };
    const names = readNames(match[2]!, range, knownLints, result.problems);
    if (match[1]) {
      for (const name of names) result.file.add(name);
      continue;
    }
    const rule = ruleBelow(text, lines, at, startLines) ?? enclosing ?? startLines.get(lines.position(at).line);
    if (!rule) {
      result.problems.push(problem('this klaxon-disable comment is not on or directly above a rule; use klaxon-disable-file for the whole file', range, 'check', 'warning'));
      continue;
    }
    const set = result.rules.get(rule) ?? new Set<string>();
    for (const name of names) set.add(name);
    result.rules.set(rule, set);
  }
  return result;
}

export function isDisabled(disabled: DisabledLints, rule: Rule, lint: string): boolean {
  const forRule = disabled.rules.get(rule);
  return disabled.file.has(ALL_LINTS) || disabled.file.has(lint) || forRule?.has(ALL_LINTS) === true || forRule?.has(lint) === true;
}

function readNames(rest: string, range: TextRange, knownLints: readonly string[], problems: Problem[]): string[] {
  const listed = rest.split('--')[0]!.split(/[\s,]+/).filter((n) => n !== '');
  if (listed.length === 0) return [ALL_LINTS];
  for (const name of listed) {
    if (knownLints.includes(name)) continue;
    const suggestion = closestWord(name, knownLints);
    problems.push(problem(`unknown lint "${name}" in klaxon-disable${suggestion ? `; did you mean "${suggestion}"?` : ''}`, range, 'check', 'warning'));
  }
  return listed;
}

/** For a comment on a line of its own: the rule that starts on the next line that is not a comment or blank. */
function ruleBelow(text: string, lines: LineIndex, at: number, startLines: ReadonlyMap<number, Rule>): Rule | undefined {
  const { line, column } = lines.position(at);
  const before = text.slice(at - column, at);
  if (before.trim() !== '' && before.trim() !== '-') return undefined;
  let next = line + 1;
  for (;;) {
    const start = lines.offset({ line: next, column: 0 });
    if (lines.position(start).line !== next) return undefined;
    const end = text.indexOf('\n', start);
    const content = text.slice(start, end < 0 ? text.length : end).trim();
    if (content === '' || content.startsWith('#')) {
      next++;
      continue;
    }
    return startLines.get(next);
  }
}

/** True when `at` lies inside one of the rule's string values (a `#` there is not a comment). */
function insideValue(rule: Rule, at: number): boolean {
  const p = rule.positions;
  if (!p) return false;
  const spans = [p.expr, ...Object.values(p.labels).map((l) => l.value), ...Object.values(p.annotations).map((a) => a.value)];
  return spans.some((s) => s !== undefined && s.range.start <= at && at < s.range.end);
}
