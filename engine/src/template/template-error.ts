/** Errors of template parsing and execution: Go's message text plus the range of template text. */
import type { TextRange } from '../promql/ast.js';
import { KlaxonError, problem } from '../errors.js';

export interface TemplateError {
  message: string;
  /** Offsets into the template text. */
  range: TextRange;
}

/** The only error `executeTemplate` throws; `message` is Go's text, e.g. `template: x:1:3: executing "x" at <.A>: ...`. */
export class TemplateExecError extends KlaxonError implements TemplateError {
  constructor(message: string, range: TextRange) {
    super(problem(message, range, 'template'));
    this.name = 'TemplateExecError';
  }
}
