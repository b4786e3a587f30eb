/**
 * A promtool unit-test file in the editor: the loader's problems, `rule_files` patterns that
 * match nothing, the expressions and series embedded in it, and the results of its last run.
 */
import { problem, type Problem } from '../../errors.js';
import { loadUnitTestFile } from '../../testing/promtool/load-unit-test-file.js';
import { loadRuleFiles } from '../../testing/promtool/rule-files.js';
import type { TestProblem, UnitTestFile } from '../../testing/promtool/unit-test-file.js';
import { readYamlTree, type YamlTree } from '../../yaml/read-tree.js';
import type { SourceDocument } from '../documents/source-document.js';
import { LazyModel } from './lazy-model.js';
import { uriToPath } from '../documents/uri-path.js';
import { embeddedNode, type EmbeddedText, type EmbeddedLanguage } from '../embedded/embedded-text.js';
import { forEachScalar, pathEndsWith, type YamlPathStep } from '../yaml/tree-access.js';
import { placeRange } from './place-range.js';

const EMBEDDED_AT: readonly [EmbeddedLanguage, (string | '#')[]][] = [
  ['promql', ['tests', '#', 'promql_expr_test', '#', 'expr']],
  ['series', ['tests', '#', 'input_series', '#', 'series']],
  ['series', ['tests', '#', 'promql_expr_test', '#', 'exp_samples', '#', 'labels']],
];

export class UnitTestModel extends LazyModel {
  readonly kind = 'unit-test';
  readonly file: UnitTestFile;
  readonly tree: YamlTree;
  /** The file's path; undefined for documents not on disk. */
  readonly path: string | undefined;

  constructor(readonly doc: SourceDocument) {
    super();
    this.path = uriToPath(doc.uri);
    this.file = loadUnitTestFile(doc.text, this.path ?? doc.uri);
    this.tree = readYamlTree(doc.text, 'yaml.v2');
  }

  protected findProblems(): Problem[] {
    const located = (p: TestProblem, severity: Problem['severity'] = 'error') => problem(p.message, placeRange(this.doc, p.line, p.column), 'unittest', severity);
    const problems = this.file.problems.map((p) => located(p));
    for (const test of this.file.tests) {
      problems.push(...test.problems.map((p) => located(p)));
      for (const exprTest of test.exprTests) problems.push(...[...exprTest.exprProblems, ...exprTest.sampleProblems].map((p) => located(p)));
    }
    if (this.path !== undefined) {
      // Only the patterns are resolved here; the rule files' own problems show in their documents.
      const patterns = loadRuleFiles(this.file, () => '');
      problems.push(...patterns.fileProblems.map((p) => located(p)), ...patterns.warnings.map((p) => located(p, 'warning')));
    }
    return problems;
  }

  protected findEmbedded(): EmbeddedText[] {
    const found: EmbeddedText[] = [];
    forEachScalar(this.tree.root, (scalar, path: readonly YamlPathStep[]) => {
      const match = EMBEDDED_AT.find(([, pattern]) => pathEndsWith(path, pattern) && path.length === pattern.length);
      if (match) found.push(embeddedNode(match[0], scalar, this.doc.text));
    });
    return found;
  }
}
