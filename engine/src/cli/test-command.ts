/**
 * `klaxon test [--run REGEX] [--junit FILE] FILE...`: runs test files and reports per file and in
 * total. Prometheus promqltest scripts (`*.test`) and promtool unit-test files (YAML) are
 * supported; each kind plugs into TEST_FILE_KINDS.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { wallClock } from '../clock.js';
import { formatFailure, formatReport, formatSkipReasons, formatTally, tally, type Tally } from '../testing/promqltest/report.js';
import { runScript, type CaseResult } from '../testing/promqltest/run.js';
import { parseScript } from '../testing/promqltest/script.js';
import { formatJUnit, type JUnitCase, type JUnitSuite } from '../testing/promtool/junit.js';
import { tallyUnitTestFile, unitTestFileLines, unitTestJUnitCases } from '../testing/promtool/report.js';
import { runUnitTestFile } from '../testing/promtool/run-unit-tests.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

interface TestRunOptions {
  /** `--run`: cases of scripts whose expression or FILE:LINE matches, tests of unit-test files whose name matches. */
  run?: RegExp;
  skipExperimental: boolean;
  listSkipped: boolean;
}

/** What running one file gives: its section of the report (ending with its tally line), its tally, its JUnit cases. */
interface TestFileOutcome {
  section: string;
  tally: Tally;
  junit: JUnitCase[];
}

/** A kind of test file: which files it claims and how it runs one. */
interface TestFileKind {
  description: string;
  claims(file: string): boolean;
  run(file: string, text: string, options: TestRunOptions): TestFileOutcome;
}

const TEST_FILE_KINDS: readonly TestFileKind[] = [
  {
    description: 'Prometheus promqltest script (*.test)',
    claims: (file) => file.endsWith('.test'),
    run(file, text, options) {
      const { run } = options;
      const select = run && (({ line, expr }: { line: number; expr: string }) => run.test(expr) || run.test(`${file}:${line}`));
      const result = runScript(file, parseScript(text), { skipExperimental: options.skipExperimental, ...(select ? { select } : {}) });
      return {
        section: formatReport([result], { listSkipped: options.listSkipped }),
        tally: tally(result.cases),
        junit: result.cases.map(scriptJUnitCase),
      };
    },
  },
  {
    description: 'promtool unit-test file (*.yml, *.yaml)',
    claims: (file) => /\.ya?ml$/.test(file),
    run(file, text, options) {
      const result = runUnitTestFile(file, text, options.run ? { run: options.run } : {});
      const counts = tallyUnitTestFile(result);
      return {
        section: [`== ${file}`, ...unitTestFileLines(result), formatTally(counts), ''].join('\n'),
        tally: counts,
        junit: unitTestJUnitCases(result),
      };
    },
  },
];

function scriptJUnitCase(c: CaseResult): JUnitCase {
  const name = `${c.file}:${c.line}: ${c.expr}`;
  if (c.status === 'failed') return { name, failures: [formatFailure(c)] };
  if (c.status === 'skipped') return { name, failures: [], skipped: c.skip.detail };
  return { name, failures: [] };
}

const HELP = `Usage: klaxon test [options] FILE...

Runs test files and prints each failure, then per file and in total
"N passed, N failed" (and ", N skipped" when some were). Exits with 1 when any
case or test fails.

Test files:
${TEST_FILE_KINDS.map((k) => `  ${k.description}`).join('\n')}

Options:
  --run REGEX           Run only the promqltest cases whose expression or FILE:LINE
                        matches REGEX, and the unit tests whose name matches it
                        (repeatable: any of the patterns)
  --junit FILE          Also write the results as a JUnit XML report to FILE
  --skip-experimental   Also skip cases using features Prometheus marks experimental
                        (by default they run when Klaxon supports them)
  --list-skipped        List every skipped promqltest case with its reason
  -h, --help            Show this help
`;

export const testCommand: Subcommand = {
  name: 'test',
  summary: 'Run promqltest scripts (*.test) and promtool unit-test files (*.yml) and report the results',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(args, {
      run: { type: 'string', multiple: true },
      junit: { type: 'string' },
      'skip-experimental': { type: 'boolean' },
      'list-skipped': { type: 'boolean' },
    });
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const { values, positionals } = parsed;
    if (positionals.length === 0) throw new UsageError('no test files given');
    const options: TestRunOptions = { skipExperimental: values['skip-experimental'] ?? false, listSkipped: values['list-skipped'] ?? false };
    if (values.run !== undefined) options.run = runPattern(values.run);

    const jobs = positionals.map((file) => {
      const kind = TEST_FILE_KINDS.find((k) => k.claims(file));
      if (!kind) throw new UsageError(`${file}: not a test file Klaxon can run (expected ${TEST_FILE_KINDS.map((k) => k.description).join(' or ')})`);
      return { file, kind };
    });
    const outcomes: TestFileOutcome[] = [];
    const suites: JUnitSuite[] = [];
    for (const { file, kind } of jobs) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
      const timestamp = new Date(wallClock.now()).toISOString().slice(0, 19);
      const outcome = kind.run(file, text, options);
      outcomes.push(outcome);
      suites.push({ name: file, timestamp, cases: outcome.junit });
    }
    const total = sumTallies(outcomes.map((o) => o.tally));
    io.stdout(outcomes.map((o) => o.section).join('\n'));
    if (outcomes.length > 1) {
      const reasons = formatSkipReasons(total);
      io.stdout(['', `== total over ${outcomes.length} files`, ...(reasons ? [reasons] : []), formatTally(total), ''].join('\n'));
    }
    if (values.junit !== undefined) {
      try {
        await writeFile(values.junit, formatJUnit(suites));
      } catch (e) {
        io.stderr(`klaxon test: cannot write the JUnit report: ${(e as Error).message}\n`);
        return 1;
      }
    }
    return total.failed > 0 ? 1 : 0;
  },
};

/** Several --run patterns match when any does, as promtool joins them with `|`. */
function runPattern(patterns: string[]): RegExp {
  try {
    return new RegExp(patterns.join('|'));
  } catch (e) {
    throw new UsageError(`invalid --run pattern: ${(e as Error).message}`);
  }
}

function sumTallies(tallies: readonly Tally[]): Tally {
  const total = tally([]);
  for (const t of tallies) {
    total.passed += t.passed;
    total.failed += t.failed;
    total.skipped += t.skipped;
    for (const reason of Object.keys(t.skippedByReason) as (keyof Tally['skippedByReason'])[]) total.skippedByReason[reason] += t.skippedByReason[reason];
  }
  return total;
}
