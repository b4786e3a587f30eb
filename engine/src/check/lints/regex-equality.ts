/**
 * A regex matcher whose pattern has no special characters matches exactly one string: `=~"api"`
 * is `="api"`, which says what it means and is cheaper for Prometheus to evaluate.
 */
import type { TextRange } from '../../promql/ast.js';
import { goQuote } from '../../labels/labels.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { rangeInExpr } from '../locate.js';
import { ruleNodes } from '../rule-nodes.js';

const SPECIAL = new Set([...'.+*?()|[]{}^$']);
const SPECIAL_PATTERN = /[.+*?()|[\]{}^$]/;

export const regexEquality: Lint = {
  name: 'regex-equality',
  summary: 'a regex matcher (=~, !~) whose pattern is plain text and could be an equality (=, !=)',
  checkRule({ rule, file }: RuleInput): readonly Finding[] {
    if (!rule.expr) return NO_FINDINGS;
    let findings: Finding[] | undefined;
    const nodes = ruleNodes(rule);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (node.kind !== 'VectorSelector') continue;
      for (let j = 0; j < node.matchers.length; j++) {
        const matcher = node.matchers[j]!;
        if (matcher.type !== '=~' && matcher.type !== '!~') continue;
        const literal = regexLiteral(matcher.value);
        if (literal === undefined) continue;
        const equality = `${matcher.name}${matcher.type === '=~' ? '=' : '!='}${goQuote(literal)}`;
        const at = matcherRange(rule.exprText, node.range, matcher.name, matcher.type) ?? node.range;
        (findings ??= []).push({ message: `${matcher.toString()} matches only ${goQuote(literal)}: use ${equality}`, range: rangeInExpr(rule, at, file.text) });
      }
    }
    return findings ?? NO_FINDINGS;
  },
};

/** The one string a regex matches when it is plain text (escaped punctuation allowed); else undefined. */
export function regexLiteral(pattern: string): string | undefined {
  if (!pattern.includes('\\') && SPECIAL_PATTERN.test(pattern)) return undefined;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined || /[0-9A-Za-z]/.test(next)) return undefined;
      out += next;
      i++;
      continue;
    }
    if (SPECIAL.has(c)) return undefined;
    out += c;
  }
  return out;
}

/** Where `name=~` or `name!~` is written inside the selector at `selector`, if found. */
function matcherRange(exprText: string, selector: TextRange, name: string, op: string): TextRange | undefined {
  const text = exprText.slice(selector.start, selector.end);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const match = new RegExp(`(^|[{,\\s])("?)${escaped}\\2\\s*${op}\\s*("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|\`[^\`]*\`)`).exec(text);
  if (!match) return undefined;
  const start = selector.start + match.index + match[1]!.length;
  return { start, end: selector.start + match.index + match[0].length };
}
