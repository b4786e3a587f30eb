/**
 * `klaxon test [--run REGEX] FILE...`: runs test files and reports per file and in total.
 * Prometheus promqltest scripts (`*.test`) are supported; promtool unit test files (YAML) come
 * later and plug into TEST_FILE_KINDS.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatReport, tally } from '../testing/promqltest/report.js';
import { runScript, type FileResult } from '../testing/promqltest/run.js';
import { parseScript } from '../testing/promqltest/script.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

interface TestRunOptions {
  select?: (evalCase: { file: string; line: number; expr: string }) => boolean;
  skipExperimental: boolean;
}

/** A kind of test file: which files it claims and how it runs one. */
interface TestFileKind {
  description: string;
  claims(file: string): boolean;
  run(file: string, text: string, options: TestRunOptions): FileResult;
}

const TEST_FILE_KINDS: readonly TestFileKind[] = [
  {
    description: 'Prometheus promqltest script (*.test)',
    claims: (file) => file.endsWith('.test'),
    run: (file, text, options) => runScript(file, parseScript(text), options),
  },
  // promtool unit test files (rule_files / tests: YAML) go here.
];

const HELP = `Usage: klaxon test [options] FILE...

Runs test files and prints each failure, then per file and in total
"N passed, N failed, N skipped". Exits with 1 when any case fails.

Test files:
${TEST_FILE_KINDS.map((k) => `  ${k.description}`).join('\n')}

Options:
  --run REGEX           Run only the cases whose expression or FILE:LINE matches REGEX
  --skip-experimental   Also skip cases using features Prometheus marks experimental
                        (by default they run when Klaxon supports them)
  --list-skipped        List every skipped case with its reason
  -h, --help            Show this help
`;

export const testCommand: Subcommand = {
  name: 'test',
  summary: 'Run promqltest scripts (*.test) and report passed, failed and skipped cases',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        run: { type: 'string' },
        'skip-experimental': { type: 'boolean' },
        'list-skipped': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (positionals.length === 0) throw new UsageError('no test files given');
    const options: TestRunOptions = { skipExperimental: values['skip-experimental'] ?? false };
    if (values.run !== undefined) options.select = caseFilter(values.run);

    const jobs = positionals.map((file) => {
      const kind = TEST_FILE_KINDS.find((k) => k.claims(file));
      if (!kind) throw new UsageError(`${file}: not a test file Klaxon can run (expected ${TEST_FILE_KINDS.map((k) => k.description).join(' or ')})`);
      return { file, kind };
    });
    const results: FileResult[] = [];
    for (const { file, kind } of jobs) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
      }
      results.push(kind.run(file, text, options));
    }
    io.stdout(formatReport(results, { listSkipped: values['list-skipped'] ?? false }));
    return tally(results.flatMap((r) => r.cases)).failed > 0 ? 1 : 0;
  },
};

function caseFilter(pattern: string): NonNullable<TestRunOptions['select']> {
  let regex: RegExp;
  try {
    regex = new RegExp(pattern);
  } catch (e) {
    throw new UsageError(`invalid --run pattern: ${(e as Error).message}`);
  }
  return ({ file, line, expr }) => regex.test(expr) || regex.test(`${file}:${line}`);
}
