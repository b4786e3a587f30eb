/**
 * Klaxon and `promtool test rules` give the same verdict on generated unit-test files (see
 * unittest-generator.ts for what is generated and how it steers clear of the boundary semantics
 * in which promtool 2.42 and Prometheus 3 differ). promtool runs on batches of files at once.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitTestFileLines } from '../../src/testing/promtool/report.js';
import { runUnitTestFile } from '../../src/testing/promtool/run-unit-tests.js';
import { requireTool } from './tool-path.js';
import { HANDWRITTEN } from './unittest-cases.js';
import { generateCase, type GeneratedCase } from './unittest-generator.js';

// Another seed explores other files: UNITTEST_SEED=7 npm run test:interop.
const SEED = Number(process.env.UNITTEST_SEED ?? 4242);
const CASES = 240;
const BATCH = 40;

let promtool: string;
const dir = mkdtempSync(join(tmpdir(), 'klaxon-unittest-'));

/** The generated files stay for inspection when the tools disagreed. */
let keepFiles = false;

beforeAll(() => {
  promtool = requireTool('promtool');
});

afterAll(() => {
  if (!keepFiles) rmSync(dir, { recursive: true, force: true });
});

/**
 * promtool's verdict per file of one run. Its output has a `Unit Testing:  FILE` header per file
 * followed by `SUCCESS` or `FAILED:` and the errors; stdout and stderr share one file so that
 * the lines stay in order.
 */
function promtoolVerdicts(files: readonly string[]): Map<string, { passed: boolean; output: string }> {
  const outputFile = join(dir, 'promtool-output.txt');
  const fd = openSync(outputFile, 'w');
  try {
    spawnSync(promtool, ['test', 'rules', ...files], { cwd: dir, stdio: ['ignore', fd, fd] });
  } finally {
    closeSync(fd);
  }
  const output = readFileSync(outputFile, 'utf8');
  const verdicts = new Map<string, { passed: boolean; output: string }>();
  for (const section of output.split(/^(?=Unit Testing: {2})/m)) {
    const header = /^Unit Testing: {2}(.*)$/m.exec(section);
    if (!header) continue;
    const passed = /^ {2}SUCCESS$/m.test(section) && !/FAILED:/.test(section);
    verdicts.set(header[1]!, { passed, output: section });
  }
  return verdicts;
}

function klaxonVerdict(c: GeneratedCase): { passed: boolean; report: string } {
  const result = runUnitTestFile(c.testFile, readFileSync(c.testFile, 'utf8'));
  const passed = result.problems.length === 0 && result.tests.every((t) => t.status === 'passed');
  return { passed, report: unitTestFileLines(result).join('\n') };
}

describe('klaxon test and promtool test rules agree on generated unit-test files', () => {
  it(`gives the same verdict on ${CASES} files`, () => {
    const cases = Array.from({ length: CASES }, (_, i) => generateCase(SEED, i, dir));
    const disagreements: string[] = [];
    const tally = { bothPassed: 0, bothFailed: 0 };
    for (let start = 0; start < cases.length; start += BATCH) {
      const batch = cases.slice(start, start + BATCH);
      const theirs = promtoolVerdicts(batch.map((c) => basename(c.testFile)));
      for (const c of batch) {
        const promtoolVerdict = theirs.get(basename(c.testFile));
        const ours = klaxonVerdict(c);
        if (!promtoolVerdict) {
          disagreements.push(`${c.name}: no verdict from promtool`);
        } else if (promtoolVerdict.passed !== ours.passed) {
          disagreements.push(
            `${c.testFile} (${c.intent}): klaxon ${ours.passed ? 'passed' : 'failed'}, promtool ${promtoolVerdict.passed ? 'passed' : 'failed'}\n` +
              `--- klaxon:\n${ours.report}\n--- promtool:\n${promtoolVerdict.output}`,
          );
        } else {
          tally[ours.passed ? 'bothPassed' : 'bothFailed']++;
        }
      }
    }
    keepFiles = disagreements.length > 0;
    console.log(`promtool unit-test interop: ${tally.bothPassed} passed in both, ${tally.bothFailed} failed in both, ${disagreements.length} disagreements${keepFiles ? ` (files kept in ${dir})` : ''}`);
    expect(disagreements).toEqual([]);
    // The generator must produce both outcomes in numbers, or agreement would prove little.
    expect(tally.bothPassed).toBeGreaterThan(CASES / 5);
    expect(tally.bothFailed).toBeGreaterThan(CASES / 5);
  });
});

describe('klaxon test and promtool test rules agree on hand-written unit-test files', () => {
  it.each(Object.entries(HANDWRITTEN))('%s', (name, { rules, test }) => {
    const caseDir = join(dir, name);
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, 'rules.yml'), rules);
    writeFileSync(join(caseDir, 'test.yml'), test);
    const run = spawnSync(promtool, ['test', 'rules', 'test.yml'], { cwd: caseDir, encoding: 'utf8' });
    const ours = runUnitTestFile(join(caseDir, 'test.yml'), test);
    const passed = ours.problems.length === 0 && ours.tests.every((t) => t.status === 'passed');
    const report = unitTestFileLines(ours).join('\n');
    if (passed !== (run.status === 0)) keepFiles = true;
    expect({ name, klaxonPassed: passed }, `promtool:\n${run.stdout}${run.stderr}\nklaxon:\n${report}`).toEqual({ name, klaxonPassed: run.status === 0 });
  });
});
