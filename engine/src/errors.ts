/**
 * Problems found in user input. Every problem carries the range of text it is about; loaders of
 * files that embed expressions translate these ranges into file positions.
 */
import type { TextRange } from './promql/ast.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  severity: Severity;
  message: string;
  range: TextRange;
  /** Which check found it, e.g. `parse`, `type`, `eval`. */
  source: string;
}

/** The error type thrown by the engine for bad input; carries one or more problems. */
export class KlaxonError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[] | Problem) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.message).join('; '));
    this.name = 'KlaxonError';
    this.problems = list;
  }

  get range(): TextRange {
    return this.problems[0]?.range ?? { start: 0, end: 0 };
  }
}

export function problem(message: string, range: TextRange, source: string, severity: Severity = 'error'): Problem {
  return { severity, message, range, source };
}

/** Whether any of `problems` is an error (rather than a warning or a note). */
export function hasError(problems: readonly Problem[]): boolean {
  for (let i = 0; i < problems.length; i++) if (problems[i]!.severity === 'error') return true;
  return false;
}
