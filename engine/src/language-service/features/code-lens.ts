/** "Run tests" above a unit-test file, and after a run, each test's outcome above it. */
import type { ServiceContext } from '../language-service.js';
import type { ServiceCodeLens } from '../service-types.js';
import { RUN_TESTS_COMMAND } from '../service-types.js';
import type { UnitTestRun } from './unit-test-run.js';

export function codeLenses(ctx: ServiceContext, uri: string, run: UnitTestRun | undefined): ServiceCodeLens[] {
  const model = ctx.workspace.model(uri);
  if (model?.kind !== 'unit-test') return [];
  const root = model.tree.root;
  const testsKey = root?.kind === 'map' ? root.pairs.find((p) => p.key.kind === 'scalar' && p.key.text === 'tests')?.key.range : undefined;
  const top = testsKey ?? { start: 0, end: 0 };
  const current = run && run.version === model.doc.version ? run : undefined;
  const lenses: ServiceCodeLens[] = [{ range: top, title: current ? `Run tests again (${summary(current)})` : 'Run tests', command: RUN_TESTS_COMMAND, arguments: [uri] }];
  for (const test of current?.tests ?? []) {
    const mark = test.status === 'passed' ? '✓ passed' : test.status === 'failed' ? '✗ failed' : '○ skipped';
    lenses.push({ range: test.range, title: `${mark}: ${test.name}`, command: RUN_TESTS_COMMAND, arguments: [uri] });
  }
  return lenses;
}

function summary(run: UnitTestRun): string {
  const count = (status: string) => run.tests.filter((t) => t.status === status).length;
  const failed = count('failed');
  return `${count('passed')} passed${failed > 0 ? `, ${failed} failed` : ''}`;
}
