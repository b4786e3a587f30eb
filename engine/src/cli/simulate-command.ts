/**
 * `klaxon simulate RULE_FILE... --series FILE | --prometheus URL`: evaluates rule groups over
 * series, on the groups' intervals, and prints when each alert went pending, fired and resolved,
 * with values and rendered annotations, then a summary per alerting rule. With
 * `--alertmanager.config`, the alerts go through the alert manager and the notifications it would
 * send are listed too.
 */
import { readFile } from 'node:fs/promises';
import { ConfigLoadError } from '../alertmanager/alert-manager.js';
import { wallClock } from '../clock.js';
import { formatFileProblem, type FileProblem } from '../file-problem.js';
import type { RuleGroup } from '../rules/rule.js';
import { loadRuleFile } from '../rules/load-rule-file.js';
import { simulateGroups, type SimulationOptions } from '../rules/simulate.js';
import { NotificationSimulation } from '../simulate/notification-simulation.js';
import { simulateWithNotifications } from '../simulate/simulate-notifications.js';
import type { LoadedSeries } from '../series/loaded-series.js';
import { PrometheusApi, PrometheusApiError } from '../series/prometheus/api-client.js';
import { loadFromPrometheus } from '../series/prometheus/prometheus-source.js';
import { loadSeriesFile } from '../series/series-file.js';
import { LineIndex } from '../text/line-index.js';
import { noProgress, progressBar, type ProgressBar } from './progress-bar.js';
import { simulationJson } from './simulation-json.js';
import { formatTimeline } from './timeline-format.js';
import { durationMs, parseTimeOption } from './time-option.js';
import { parseCommandArgs } from './parse-command-args.js';
import { UsageError, type CliIO, type Subcommand } from './subcommand.js';

const OPTIONS = `Options:
  --series FILE             Series to evaluate over: promtool YAML (.yml, .yaml), series
                            notation (.txt), CSV (.csv) or query API JSON (.json)
  --prometheus URL          Instead, fetch the series the rules read from a Prometheus-compatible
                            query API (Prometheus, Thanos, Mimir) and backtest the rules on them
  --start TIME              Start (default: the first sample; with --prometheus: now-1h)
  --end TIME                End (default: the last sample; with --prometheus: now)
  --step DURATION           Evaluation interval of groups that set none (default 1m)
  --format text|json        Output format (default text)
  --alertmanager.config FILE
                            An Alertmanager configuration: the alerts the rules send (as
                            Prometheus sends them) go through its routes, grouping, inhibition
                            and time intervals, and the notifications that would go out are
                            listed, with their receiver and reason; nothing is sent
  --rules.alert.resend-delay DURATION
                            How long Prometheus waits before sending a firing alert again
                            (default 1m)
  --external-url URL        Prometheus's external URL, for generatorURL and $externalURL
  --external-label NAME=VALUE
                            An external label, for $externalLabels (repeatable)
  --header 'NAME: VALUE'    A request header for --prometheus, e.g. Authorization (repeatable)
  --max-series N            Refuse to fetch more series than this from --prometheus (default 100000)
  -h, --help                Show this help

TIME is an RFC 3339 date, Unix seconds, now, now-DURATION, or a duration counted from the
first sample of --series. Groups are evaluated at the start and then every interval; groups
due at the same time in file order.

With --alertmanager.config, the alerts an evaluation sends reach the alert manager just after
its timers due at that time; the alert manager runs to the end of the simulation. Series counted
from 0 start at 1970-01-01T00:00:00Z, which is the time mute and active time intervals see.

Series files:
  .yml, .yaml  promtool's input shape: interval: 1m, input_series: [{series: 'up{job="a"}', values: '1x30 0x9'}]
  .txt         series notation, one series a line from time 0: up{job="a"} 1x30 0x9 _ stale
               (a line 'load 30s' sets the interval of the lines after it; default 1m)
  .csv         a header naming the columns, one sample a row: timestamp,__name__,job,value
               (Unix seconds or RFC 3339; value may be NaN, +Inf, -Inf or stale)
  .json        a query API result: {"data": {"result": [{"metric": {...}, "values": [[t, "v"], ...]}]}}
`;

function help(name: string): string {
  return `Usage: klaxon ${name} [options] (--series FILE | --prometheus URL) RULE_FILE...

Evaluates Prometheus rule files over series as Prometheus would have: rule groups in order at
their intervals, recording rules feeding later rules, alerts through the pending, firing and
resolved states. Prints each alert's transitions with values and annotations, then a summary
per alerting rule (times fired, time firing, flaps). Given an Alertmanager configuration, also
the notifications Alertmanager would have sent, and how many per receiver. Exits with 1 when a
file has errors.

${OPTIONS}`;
}

export function simulationCommand(name: string, summary: string): Subcommand {
  return {
    name,
    summary,
    help: help(name),
    run: (args, io) => runSimulation(name, args, io),
  };
}

export const simulateCommand = simulationCommand('simulate', 'Simulate rule files over series or a Prometheus server and show what would have fired');

async function runSimulation(name: string, args: string[], io: CliIO): Promise<number> {
  const parsed = parseCommandArgs(args, {
    series: { type: 'string' },
    prometheus: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    step: { type: 'string' },
    interval: { type: 'string' },
    format: { type: 'string' },
    'alertmanager.config': { type: 'string' },
    'rules.alert.resend-delay': { type: 'string' },
    'external-url': { type: 'string' },
    'external-label': { type: 'string', multiple: true },
    header: { type: 'string', multiple: true },
    'max-series': { type: 'string' },
  });
  if (parsed === 'help') {
    io.stdout(help(name));
    return 0;
  }
  const { values, positionals } = parsed;
  if (!values.series && !values.prometheus) throw new UsageError('--series FILE is required (or --prometheus URL)');
  if (values.series && values.prometheus) throw new UsageError('give either --series or --prometheus, not both');
  if (positionals.length === 0) throw new UsageError('no rule files given');
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`);
  const defaultIntervalMs = durationMs(values.step ?? values.interval ?? '1m', values.step ? '--step' : '--interval');
  if (defaultIntervalMs <= 0) throw new UsageError('--step must be positive');
  const externalLabels = keyValues(values['external-label'] ?? [], '=', '--external-label');
  const headers = keyValues(values.header ?? [], ':', '--header');
  const externalURL = values['external-url'] ?? '';
  const resendDelayMs = durationMs(values['rules.alert.resend-delay'] ?? '1m', '--rules.alert.resend-delay');
  if (resendDelayMs <= 0) throw new UsageError('--rules.alert.resend-delay must be positive');

  const problems: { problem: FileProblem; index: LineIndex }[] = [];
  const groups: RuleGroup[] = [];
  for (const file of positionals) {
    const text = await readText(file);
    const loaded = loadRuleFile(text, file);
    const index = new LineIndex(text);
    problems.push(...loaded.problems.map((problem) => ({ problem, index })));
    groups.push(...loaded.groups);
  }
  let series: LoadedSeries | undefined;
  if (values.series) {
    const text = await readText(values.series);
    series = loadSeriesFile(text, values.series);
    const index = new LineIndex(text);
    problems.push(...series.problems.map((problem) => ({ problem, index })));
  }
  const nowMs = wallClock.now();
  const bases = { nowMs, dataStartMs: series?.firstMs };
  const startMs = values.start ? parseTimeOption(values.start, '--start', bases) : (series?.firstMs ?? nowMs - 3_600_000);
  const endMs = values.end ? parseTimeOption(values.end, '--end', bases) : (series?.lastMs ?? nowMs);
  if (endMs < startMs) throw new UsageError('--end must not be before --start');

  const configFile = values['alertmanager.config'];
  const alertmanager = configFile === undefined ? undefined : await startAlertmanager(configFile, startMs);
  for (const { problem, index } of problems) io.stderr(formatFileProblem(problem, index) + '\n');
  if (alertmanager instanceof ConfigLoadError) {
    io.stderr(alertmanager.message + '\n');
    return 1;
  }
  if (problems.some(({ problem }) => problem.severity === 'error')) {
    await alertmanager?.close();
    return 1;
  }

  const progress: ProgressBar = io.stderrIsTTY ? progressBar(io.stderr, 'simulating') : noProgress;
  if (!series) {
    const api = new PrometheusApi(values.prometheus!, { headers });
    const fetching: ProgressBar = io.stderrIsTTY ? progressBar(io.stderr, `fetching from ${values.prometheus}`) : noProgress;
    try {
      series = await loadFromPrometheus(api, groups, {
        startMs,
        endMs,
        defaultIntervalMs,
        maxSeries: values['max-series'] ? positiveInteger(values['max-series'], '--max-series') : undefined,
        onProgress: (done, total) => fetching.update(done / total),
      });
    } catch (e) {
      if (!(e instanceof PrometheusApiError)) throw e;
      fetching.done();
      io.stderr(`klaxon ${name}: ${e.message}\n`);
      await alertmanager?.close();
      return 1;
    }
    fetching.done();
  }
  const span = { startMs, endMs, seriesCount: series.store.seriesCount, times: series.times };
  const options: SimulationOptions = {
    startMs,
    endMs,
    defaultIntervalMs,
    externalLabels,
    externalURL,
    resendDelayMs,
    onProgress: (atMs) => progress.update(endMs === startMs ? 1 : (atMs - startMs) / (endMs - startMs)),
  };
  const { result, notifications } = alertmanager
    ? await simulateWithNotifications(groups, series.store, options, alertmanager)
    : { result: simulateGroups(groups, series.store, options), notifications: undefined };
  progress.done();
  for (const warning of notifications?.warnings ?? []) io.stderr(warning + '\n');
  io.stdout(format === 'json' ? simulationJson(groups, result, span, notifications) : formatTimeline(groups, result, span, notifications));
  return 0;
}

/** The simulated alert manager for the configuration file, or the error that refuses the file. */
async function startAlertmanager(configFile: string, startMs: number): Promise<NotificationSimulation | ConfigLoadError> {
  const configText = await readText(configFile);
  try {
    return await NotificationSimulation.start({ configFile, configText, startMs });
  } catch (e) {
    if (e instanceof ConfigLoadError) return e;
    throw e;
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

function keyValues(items: readonly string[], separator: string, flag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const at = item.indexOf(separator);
    if (at <= 0) throw new UsageError(`${flag}: expected NAME${separator}VALUE, got ${JSON.stringify(item)}`);
    out[item.slice(0, at).trim()] = item.slice(at + 1).trim();
  }
  return out;
}

function positiveInteger(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag}: expected a positive integer, got ${JSON.stringify(text)}`);
  return n;
}
