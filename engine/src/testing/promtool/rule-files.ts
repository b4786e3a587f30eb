/**
 * The rule files of a unit-test file: `rule_files` globs resolved against the test file's
 * directory, each matching file loaded once, in order. A pattern that matches nothing is only a
 * warning, as in promtool; a malformed pattern stops the whole test file.
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { loadRuleFile } from '../../rules/load-rule-file.js';
import type { RuleGroup } from '../../rules/rule.js';
import { LineIndex } from '../../text/line-index.js';
import { BadPatternError, glob } from '../../files/go-glob.js';
import type { TestProblem, UnitTestFile } from './unit-test-file.js';

export interface LoadedRules {
  /** Every group of every file, in file order. */
  groups: RuleGroup[];
  /** Errors that fail every test of the file when it runs (rule files that do not load). */
  ruleProblems: TestProblem[];
  /** Errors that stop the test file as a whole (malformed patterns). */
  fileProblems: TestProblem[];
  warnings: TestProblem[];
  /** The file each group came from, to place problems found while its rules run. */
  sources: Map<RuleGroup, { file: string; index: LineIndex }>;
}

/** Reads a file's text; tests pass their own. */
export type ReadText = (path: string) => string;

const readText: ReadText = (path) => readFileSync(path, 'utf8');

export function loadRuleFiles(testFile: UnitTestFile, read: ReadText = readText): LoadedRules {
  const loaded: LoadedRules = { groups: [], ruleProblems: [], fileProblems: [], warnings: [], sources: new Map() };
  const paths: string[] = [];
  for (const { pattern, place } of testFile.ruleFiles) {
    const resolved = pattern !== '' && !isAbsolute(pattern) ? join(dirname(testFile.file), pattern) : pattern;
    let matches: string[];
    try {
      matches = glob(resolved);
    } catch (e) {
      if (!(e instanceof BadPatternError)) throw e;
      loaded.fileProblems.push({ ...place, message: `rule_files: ${e.message} ${JSON.stringify(resolved)}` });
      continue;
    }
    if (matches.length === 0) loaded.warnings.push({ ...place, message: `no file matches the rule_files pattern ${JSON.stringify(resolved)}` });
    for (const path of matches) if (!paths.includes(path)) paths.push(path);
  }
  for (const path of paths) {
    let text: string;
    try {
      text = read(path);
    } catch (e) {
      loaded.ruleProblems.push({ file: path, line: 1, column: 1, message: `cannot read rule file: ${(e as Error).message}` });
      continue;
    }
    const file = loadRuleFile(text, path);
    const index = new LineIndex(text);
    for (const p of file.problems) {
      if (p.severity !== 'error') continue;
      const { line, column } = index.position(p.range.start);
      loaded.ruleProblems.push({ file: path, line: line + 1, column: column + 1, message: p.message });
    }
    for (const group of file.groups) {
      loaded.groups.push(group);
      loaded.sources.set(group, { file: path, index });
    }
  }
  return loaded;
}
