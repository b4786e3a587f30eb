/**
 * `klaxon run RULE_FILE... --series FILE`: evaluates the rule groups over the series, on the
 * groups' intervals, and prints when each alert went pending, fired and resolved.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatFileProblem, type FileProblem } from '../file-problem.js';
import { tryParseDuration } from '../promql/duration.js';
import type { RuleGroup } from '../rules/rule.js';
import { loadRuleFile } from '../rules/load-rule-file.js';
import { simulateGroups, type SimulationResult } from '../rules/simulate.js';
import { loadInputSeriesFile } from '../series/input-series-file.js';
import { LineIndex } from '../text/line-index.js';
import { formatTimeline } from './timeline-format.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

const HELP = `Usage: klaxon run [options] --series FILE RULE_FILE...

Evaluates Prometheus rule files over the series in FILE and prints, in time order, when each
alert became pending, fired and resolved, then a summary per alerting rule. Recording rules
feed later rules, as in Prometheus. Exits with 1 when a file has errors.

FILE is YAML in promtool's input shape:
  interval: 1m
  input_series:
    - series: 'up{job="api"}'
      values: '1x30 0x10 1x20'

Options:
  --series FILE        The series to evaluate over (required)
  --start DURATION     Start of the evaluation, from the first sample (default 0s)
  --end DURATION       End of the evaluation, from the first sample (default: the last sample)
  --interval DURATION  Evaluation interval of groups that set none (default 1m)
  --format text|json   Output format (default text)
  -h, --help           Show this help
`;

export const runCommand: Subcommand = {
  name: 'run',
  summary: 'Evaluate rule files over series and print what would have fired',
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: {
        series: { type: 'string' },
        start: { type: 'string' },
        end: { type: 'string' },
        interval: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.stdout(HELP);
      return 0;
    }
    if (!values.series) throw new UsageError('--series FILE is required');
    if (positionals.length === 0) throw new UsageError('no rule files given');
    const format = values.format ?? 'text';
    if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);

    const problems: { problem: FileProblem; index: LineIndex }[] = [];
    const groups: RuleGroup[] = [];
    for (const file of positionals) {
      const text = await readText(file);
      const loaded = loadRuleFile(text, file);
      const index = new LineIndex(text);
      problems.push(...loaded.problems.map((problem) => ({ problem, index })));
      groups.push(...loaded.groups);
    }
    const seriesText = await readText(values.series);
    const series = loadInputSeriesFile(seriesText, values.series);
    const seriesIndex = new LineIndex(seriesText);
    problems.push(...series.problems.map((problem) => ({ problem, index: seriesIndex })));
    for (const { problem, index } of problems) io.stderr(formatFileProblem(problem, index) + '\n');
    if (problems.some(({ problem }) => problem.severity === 'error')) return 1;

    const startMs = durationOption(values.start, '--start') ?? 0;
    const endMs = durationOption(values.end, '--end') ?? series.endMs;
    const defaultIntervalMs = durationOption(values.interval, '--interval') ?? 60_000;
    if (endMs < startMs) throw new UsageError('--end must not be before --start');
    const seriesCount = series.store.seriesCount;
    const result = simulateGroups(groups, series.store, { startMs, endMs, defaultIntervalMs });
    io.stdout(format === 'json' ? toJson(result) : formatTimeline(groups, result, { startMs, endMs, seriesCount }));
    return 0;
  },
};

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function durationOption(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const parsed = tryParseDuration(text);
  if (parsed.error !== undefined) throw new UsageError(`${flag}: ${parsed.error}`);
  return parsed.ms;
}

function toJson(result: SimulationResult): string {
  const transitions = result.transitions.map(({ rule, group, transition }) => ({
    group: group.name,
    alert: rule.name,
    labels: transition.labels.toObject(),
    from: transition.from,
    to: transition.to,
    atMs: transition.atMs,
    value: transition.value,
  }));
  const errors = result.errors.map((e) => ({ rule: e.rule.name, atMs: e.atMs, message: e.message }));
  return JSON.stringify({ evaluations: result.evaluations, transitions, errors }, null, 2) + '\n';
}
