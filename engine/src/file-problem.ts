/** Problems found in a file, located by offsets into its text, and their CLI rendering. */
import type { Problem } from './errors.js';
import { LineIndex } from './text/line-index.js';

export interface FileProblem extends Problem {
  file: string;
}

export function inFile(file: string, problem: Problem): FileProblem {
  return { ...problem, file };
}

/** `file:line:col: severity: message` with one-based line and column, as compilers print. */
export function formatFileProblem(p: FileProblem, index: LineIndex): string {
  const { line, column } = index.position(p.range.start);
  return `${p.file}:${line + 1}:${column + 1}: ${p.severity}: ${p.message}`;
}
