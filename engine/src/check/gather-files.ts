/**
 * The first step of `klaxon check`: tells each file's kind, loads unit-test files and Alertmanager
 * configs (their problems are final here) and adds the rule files that unit tests name to the
 * rule files to check.
 */
import { problem, type Problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import { loadAlertmanagerConfig } from '../alertmanager/config/load-config.js';
import { checkTemplateFiles } from '../alertmanager/config/template-files.js';
import { loadUnitTestFile } from '../testing/promtool/load-unit-test-file.js';
import { loadRuleFiles } from '../testing/promtool/rule-files.js';
import type { TestProblem } from '../testing/promtool/unit-test-file.js';
import { LineIndex } from '../text/line-index.js';
import { detectFileKind, type FileKind } from './file-kind.js';

export interface CheckInput {
  file: string;
  text: string;
}

export interface CheckedFile {
  file: string;
  kind: FileKind;
  text: string;
  /** Sorted by position once checking is done. */
  problems: FileProblem[];
}

/** Reads a file that a unit-test file refers to; throws when it cannot. */
export type ReadFile = (path: string) => string;

/** Every file to report on, in order, and among them the rule files still to check. */
export function gatherFiles(inputs: readonly CheckInput[], readFile: ReadFile): { checked: CheckedFile[]; ruleFiles: CheckedFile[] } {
  const queue = [...inputs];
  const checked: CheckedFile[] = [];
  const seen = new Set(inputs.map((i) => i.file));
  for (let i = 0; i < queue.length; i++) {
    const { file, text } = queue[i]!;
    const result: CheckedFile = { file, kind: detectFileKind(text), text, problems: [] };
    checked.push(result);
    if (result.kind === 'unit-test') {
      for (const path of checkUnitTestFile(result)) {
        if (seen.has(path)) continue;
        seen.add(path);
        const referenced = readReferenced(path, readFile, result);
        if (referenced !== undefined) queue.push({ file: path, text: referenced });
      }
    } else if (result.kind === 'alertmanager') {
      const loaded = loadAlertmanagerConfig(text, file);
      result.problems.push(...loaded.problems);
      if (loaded.config) result.problems.push(...checkTemplateFiles(loaded.config, file));
    }
  }
  return { checked, ruleFiles: checked.filter((f) => f.kind === 'rules') };
}

/** Loads a unit-test file into `result`; returns the paths of the rule files it names. */
function checkUnitTestFile(result: CheckedFile): string[] {
  const lines = new LineIndex(result.text);
  const local = (p: TestProblem, severity: Problem['severity'] = 'error') => {
    const start = lines.offset({ line: p.line - 1, column: p.column - 1 });
    return inFile(result.file, problem(p.message, { start, end: Math.min(start + 1, result.text.length) }, 'test', severity));
  };
  const testFile = loadUnitTestFile(result.text, result.file);
  result.problems.push(...testFile.problems.map((p) => local(p)));
  for (const test of testFile.tests) result.problems.push(...test.problems.map((p) => local(p)));
  // loadRuleFiles resolves the patterns as promtool does; its reader only records the paths here.
  const paths: string[] = [];
  const patterns = loadRuleFiles(testFile, (path) => {
    paths.push(path);
    return '';
  });
  result.problems.push(...patterns.fileProblems.map((p) => local(p)), ...patterns.warnings.map((p) => local(p, 'warning')));
  return paths;
}

function readReferenced(path: string, readFile: ReadFile, from: CheckedFile): string | undefined {
  try {
    return readFile(path);
  } catch (e) {
    from.problems.push(inFile(from.file, problem(`cannot read rule file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { start: 0, end: 0 }, 'test')));
    return undefined;
  }
}
