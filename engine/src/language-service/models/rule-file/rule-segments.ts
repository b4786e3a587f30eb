/**
 * The stretch of text each rule owns in a block-style rule file: from the start of the line with
 * its `-` to the start of the next line, after the rule, that holds something other than a comment
 * at the rule's indentation or less (the next rule, a group key, the next group). Comments and
 * blank lines after a rule belong to it. Within a segment an edit can only change that rule, as
 * long as the segment still reads as rules of the same list.
 */
import type { TextRange } from '../../../promql/ast.js';
import type { Rule } from '../../../rules/rule.js';

export interface RuleSegment extends TextRange {
  /** The column of the rule's `-`. */
  dashColumn: number;
}

/** The segment of a rule, or undefined when the rule is not written as a block sequence item. */
export function ruleSegment(text: string, rule: Rule): RuleSegment | undefined {
  const dash = dashBefore(text, rule.range.start);
  if (dash === undefined) return undefined;
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (!/^ *$/.test(text.slice(lineStart, dash))) return undefined;
  const dashColumn = dash - lineStart;
  return { start: lineStart, end: nextNodeLine(text, Math.max(rule.range.start, rule.range.end - 1), dashColumn), dashColumn };
}

function dashBefore(text: string, at: number): number | undefined {
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\n')) i--;
  return i >= 0 && text[i] === '-' ? i : undefined;
}

/** The start of the first line after the one holding `from` with content at `column` or less. */
export function nextNodeLine(text: string, from: number, column: number): number {
  let lineStart = text.indexOf('\n', from) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    let i = lineStart;
    while (text[i] === ' ') i++;
    const ch = text[i];
    if (ch !== "\n" && ch !== "#" && ch !== "\r" && ch !== undefined && i - lineStart <= column) return lineStart;
    lineStart = text.indexOf('\n', lineStart) + 1;
  }
  return text.length;
}

/** The column of the `rules:` key above a group's first rule, found from that rule's segment. */
export function rulesKeyColumn(text: string, firstSegment: RuleSegment): number | undefined {
  let end = firstSegment.start - 1;
  while (end > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    end = start - 1;
    if (/^\s*(#.*)?$/.test(line)) continue;
    const match = /^( *(?:- +)?)["']?rules["']?[ ]*:[ ]*(?:#.*)?$/.exec(line);
    return match ? match[1]!.length : undefined;
  }
  return undefined;
}
