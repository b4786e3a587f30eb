/** Parse and type-check in one call: the entry point for everything that reads PromQL text. */
import type { Expr } from './ast.js';
import { hasError, KlaxonError, problem, type Problem } from '../errors.js';
import { checkExpr, type CheckOptions } from './checker.js';
import { parseExpr } from './parse.js';

export interface AnalyzedExpr {
  expr: Expr | undefined;
  problems: Problem[];
}

/**
 * Parses `text` and type-checks the tree; problems of both steps together. As in Prometheus, a
 * text with syntax errors is not type-checked: its recovered tree would only yield follow-on errors.
 */
export function parsePromQL(text: string, options: Omit<CheckOptions, 'text'> = {}): AnalyzedExpr {
  const parsed = parseExpr(text);
  if (!parsed.expr || hasError(parsed.problems)) return parsed;
  const typeProblems = checkExpr(parsed.expr, { text, experimental: options.experimental });
  if (typeProblems.length === 0) return parsed;
  return { expr: parsed.expr, problems: [...parsed.problems, ...typeProblems] };
}

/** Like parsePromQL, but throws a KlaxonError carrying every error; warnings and notes are dropped. */
export function parsePromQLOrThrow(text: string): Expr {
  const { expr, problems } = parsePromQL(text, { experimental: 'ignore' });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new KlaxonError(errors);
  if (!expr) throw new KlaxonError(problem('no expression', { start: 0, end: text.length }, 'parse'));
  return expr;
}
