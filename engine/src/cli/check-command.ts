/**
 * `klaxon check FILE...`: validates rule files as `promtool check rules` does and unit-test files
 * as promtool reads them, with every problem located, then runs the lints. Exits 1 on errors.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CHECK_CONFIG, CONFIG_FILE_NAME, readCheckConfig, withLintsOff, type CheckConfig } from '../check/check-config.js';
import type { CheckedFile } from '../check/check-files.js';
import { checkFilesInParallel } from '../check/check-in-parallel.js';
import { LINT_NAMES, LINTS } from '../check/lints/all-lints.js';
import { formatFileProblem, inFile, type FileProblem } from '../file-problem.js';
import { problem } from '../errors.js';
import { closestWord } from '../text/closest-word.js';
import { LineIndex } from '../text/line-index.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

const HELP = `Usage: klaxon check [options] FILE...

Checks Prometheus rule files and promtool unit-test files; a file's kind is told by its top-level
keys (groups: rule file; tests or rule_files: unit-test file). A rule file that promtool check
rules accepts has no errors here. Lints then report likely mistakes as warnings. Rule files that
a unit-test file names are checked too. Exits with 1 when a file has errors.

Output: one line per problem, file:line:col: error|warning: message [check]

Options:
  --format text|json         Output format (default text)
  --disable LINT[,LINT...]   Turn lints off (may be repeated)
  --config FILE              Configuration (default: ${CONFIG_FILE_NAME} in this directory or above)
  --no-config                Do not read ${CONFIG_FILE_NAME}
  --name-validation utf8|legacy
                             Valid metric and label names: Prometheus 3's (utf8, the default)
                             or Prometheus 2's (legacy)
  --jobs N                   Check with up to N threads (default: one for every two
                             cores); small inputs are checked on one
  --list-lints               List the lints and exit
  -h, --help                 Show this help

A lint is turned off for one rule by a comment on or above it, for a file by a comment anywhere:
  # klaxon-disable rate-non-counter
  # klaxon-disable-file missing-annotation
and everywhere in ${CONFIG_FILE_NAME}:
  lints: {rate-non-counter: off, missing-annotation: error}
`;

export const checkCommand: Subcommand = {
  name: 'check',
  summary: 'Validate rule and unit-test files as promtool does, and lint the rules',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCommandArgs(args, {
      format: { type: 'string' },
      disable: { type: 'string', multiple: true },
      config: { type: 'string' },
      'no-config': { type: 'boolean' },
      'name-validation': { type: 'string' },
      'list-lints': { type: 'boolean' },
      jobs: { type: 'string' },
    });
    if (parsed === 'help') {
      io.stdout(HELP);
      return 0;
    }
    const { values, positionals } = parsed;
    if (values['list-lints']) {
      const width = Math.max(...LINTS.map((l) => l.name.length));
      io.stdout(LINTS.map((l) => `${l.name.padEnd(width)}  ${l.summary}\n`).join(''));
      return 0;
    }
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
    if (positionals.length === 0) throw new UsageError('no files given');

    const configProblems: { problem: FileProblem; text: string }[] = [];
    let config = values['no-config'] ? DEFAULT_CHECK_CONFIG : loadConfig(values.config, configProblems);
    const disabled = (values.disable ?? []).flatMap((d) => d.split(',')).map((d) => d.trim()).filter((d) => d !== '');
    for (const name of disabled) {
      if (LINT_NAMES.includes(name)) continue;
      const suggestion = closestWord(name, LINT_NAMES);
      throw new UsageError(`--disable: unknown lint ${JSON.stringify(name)}${suggestion ? `; did you mean ${JSON.stringify(suggestion)}?` : ''}`);
    }
    config = withLintsOff(config, disabled);
    const nameValidation = values['name-validation'];
    if (nameValidation !== undefined) {
      if (nameValidation !== 'utf8' && nameValidation !== 'legacy') throw new UsageError(`--name-validation must be utf8 or legacy, got ${JSON.stringify(nameValidation)}`);
      config = { ...config, nameValidation };
    }

    const unreadable: FileProblem[] = [];
    const inputs = positionals.flatMap((file) => {
      try {
        return [{ file, text: readFileSync(file, 'utf8') }];
      } catch (e) {
        unreadable.push(inFile(file, problem(`cannot read file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { start: 0, end: 0 }, 'check')));
        return [];
      }
    });
    const checked = await checkFilesInParallel(inputs, config, (path) => readFileSync(path, 'utf8'), { threads: threadsFor(values.jobs) });
    const all = allProblems(configProblems, unreadable, checked);
    const errors = countOf(all, 'error');
    const warnings = countOf(all, 'warning');
    if (format === 'json') io.stdout(toJson(checked, configProblems, unreadable, errors, warnings));
    else {
      const indexes = new Map<string, LineIndex>();
      const indexOf = (text: string) => indexes.get(text) ?? indexes.set(text, new LineIndex(text)).get(text)!;
      io.stdout(all.map(({ problem: p, text }) => `${formatFileProblem(p, indexOf(text))} [${p.source}]\n`).join(''));
      io.stderr(`${checked.length + unreadable.length} ${checked.length + unreadable.length === 1 ? 'file' : 'files'} checked: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};

/**
 * A thread for every two cores: each thread warms up V8's optimizing compiler on its own, whose
 * work takes about another core. On two cores one thread is the fastest (bench/check.mjs --jobs 2).
 */
function defaultThreads(): number {
  return Math.max(1, Math.floor(availableParallelism() / 2));
}

function threadsFor(jobs: string | undefined): number {
  if (jobs === undefined) return defaultThreads();
  const n = Number(jobs);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--jobs must be a positive integer, got ${JSON.stringify(jobs)}`);
  return n;
}

/** Every problem with the text its offsets are in: the configuration's, the unreadable files', then each checked file's. */
function allProblems(configProblems: readonly { problem: FileProblem; text: string }[], unreadable: readonly FileProblem[], checked: readonly CheckedFile[]): { problem: FileProblem; text: string }[] {
  const all = configProblems.slice();
  for (let i = 0; i < unreadable.length; i++) all.push({ problem: unreadable[i]!, text: '' });
  for (let i = 0; i < checked.length; i++) {
    const { problems, text } = checked[i]!;
    for (let j = 0; j < problems.length; j++) all.push({ problem: problems[j]!, text });
  }
  return all;
}

function countOf(problems: readonly { problem: FileProblem }[], severity: FileProblem['severity']): number {
  let n = 0;
  for (let i = 0; i < problems.length; i++) if (problems[i]!.problem.severity === severity) n++;
  return n;
}

function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/** The configuration from `path`, or from the nearest .klaxon.yml; defaults when there is none. */
function loadConfig(path: string | undefined, problems: { problem: FileProblem; text: string }[]): CheckConfig {
  const file = path ?? findConfigFile(process.cwd());
  if (!file) return DEFAULT_CHECK_CONFIG;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const read = readCheckConfig(text, LINT_NAMES);
  problems.push(...read.problems.map((p) => ({ problem: inFile(file, p), text })));
  return read.config;
}

function findConfigFile(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

function toJson(checked: CheckedFile[], configProblems: { problem: FileProblem; text: string }[], unreadable: FileProblem[], errors: number, warnings: number): string {
  const describe = (p: FileProblem, index: LineIndex) => {
    const start = index.position(p.range.start);
    const end = index.position(p.range.end);
    return {
      severity: p.severity,
      message: p.message,
      check: p.source,
      line: start.line + 1,
      column: start.column + 1,
      endLine: end.line + 1,
      endColumn: end.column + 1,
      offset: p.range.start,
      length: p.range.end - p.range.start,
    };
  };
  const files = [
    ...groupByFile(configProblems).map(({ file, text, problems }) => ({ file, kind: 'config', problems: problems.map((p) => describe(p, new LineIndex(text))) })),
    ...unreadable.map((p) => ({ file: p.file, kind: 'unreadable', problems: [describe(p, new LineIndex(''))] })),
    ...checked.map((f) => {
      const index = new LineIndex(f.text);
      return { file: f.file, kind: f.kind, problems: f.problems.map((p) => describe(p, index)) };
    }),
  ];
  return JSON.stringify({ errors, warnings, files }, null, 2) + '\n';
}

function groupByFile(problems: { problem: FileProblem; text: string }[]): { file: string; text: string; problems: FileProblem[] }[] {
  const byFile = new Map<string, { file: string; text: string; problems: FileProblem[] }>();
  for (const { problem: p, text } of problems) {
    const entry = byFile.get(p.file) ?? { file: p.file, text, problems: [] };
    entry.problems.push(p);
    byFile.set(p.file, entry);
  }
  return [...byFile.values()];
}
