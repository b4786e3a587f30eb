/**
 * A seeded generator of promtool unit-test files for the interop suite: random input series,
 * alerting and recording rules (with `for`, `keep_firing_for`, labels and annotations), and
 * alert_rule_test and promql_expr_test expectations — most of them right, some deliberately
 * wrong, and a few files broken on purpose.
 *
 * Right expectations come from running Klaxon itself on the file with empty expectations; the
 * interop suite then checks that promtool agrees with Klaxon's verdict on the final file.
 *
 * The oracle is promtool 2.42, whose range selectors include samples exactly at the window's
 * start while Prometheus 3 (and Klaxon) exclude them. Generated files avoid every such
 * coincidence: samples and rule evaluations sit on multiples of the interval, evaluation times
 * on multiples of half of it, and every range is a whole number of intervals plus a third of
 * one, so no window ever starts exactly at a sample. The 5m lookback of instant selectors is a
 * whole number of intervals, so it could start exactly at a sample only when no newer sample
 * exists within it: series therefore cover the whole test span and never miss more than two
 * consecutive samples.
 *
 * promtool 2.42 also extrapolates rate() and increase() differently where a counter's
 * extrapolated zero point falls just before the first sample of a window that starts well before
 * the series (2.42 clamps to the zero point before deciding how far to extrapolate, Prometheus 3
 * after). Counters therefore start high, at 100 or more with increments of at most 12 a step,
 * and have no gaps, so that their zero point is always far away.
 *
 * Sums run only over whole numbers: promtool adds series up in a random
 * order (its test storage creates them in map order), so sums of fractions may differ from run to
 * run in the last bit. Features 2.42 lacks (fuzzy_compare, query_offset, native histograms,
 * a test `interval` defaulting to evaluation_interval) are not generated: `interval` is always set.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { runUnitTestFile, type Check } from '../../src/testing/promtool/run-unit-tests.js';

export interface GeneratedCase {
  name: string;
  /** The test file's path. */
  testFile: string;
  /** The rules file's name, next to the test file. */
  rulesFile: string;
  rulesText: string;
  testText: string;
  /** What the case is meant to exercise, for failure messages. */
  intent: string;
}

/** mulberry32: small, fast and good enough for test data. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

const JOBS = ['api', 'db', 'web'];
const INSTANCES = ['a:9090', 'b:9090', 'c:9090'];

interface Settings {
  intervalS: number;
  /** Number of intervals the test spans. */
  steps: number;
}

/** A range that never starts exactly at a sample or an evaluation: k intervals plus a third. */
function range(r: Random, s: Settings): string {
  return `${r.int(1, 5) * s.intervalS + s.intervalS / 3}s`;
}

function duration(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60}m` : `${seconds}s`;
}

/** The values of a series over the test span, of the given kind. */
function seriesValues(r: Random, kind: 'counter' | 'gauge' | 'up', steps: number): string {
  const items: string[] = [];
  let count = 0;
  let counter = r.int(100, 400);
  let gap = 0;
  while (count < steps + 1) {
    const left = steps + 1 - count;
    const roll = r.next();
    if (roll < 0.08 && gap < 2 && count > 0 && kind !== 'counter') {
      items.push('_');
      count++;
      gap++;
      continue;
    }
    gap = 0;
    if (roll < 0.1 && count > 0 && kind !== 'counter') {
      items.push('stale');
      count++;
      continue;
    }
    const n = Math.min(left, r.int(1, 8));
    if (kind === 'counter') {
      if (count > 0 && r.chance(0.1)) counter = r.int(0, 5);
      const step = r.int(0, 12);
      items.push(n === 1 ? `${counter}` : `${counter}+${step}x${n - 1}`);
      counter += step * (n - 1) + step;
    } else if (kind === 'up') {
      items.push(`${r.chance(0.6) ? 1 : 0}x${n - 1}`);
    } else {
      const value = r.int(0, 100);
      items.push(n === 1 ? `${value}` : r.chance(0.5) ? `${value}x${n - 1}` : `${value}-${r.int(0, 3)}x${n - 1}`);
    }
    count += n;
  }
  return items.join(' ');
}

interface Model {
  series: { series: string; values: string }[];
  recorded: string[];
  alerts: string[];
}

function inputSeries(r: Random, s: Settings): Model['series'] {
  const out: Model['series'] = [];
  for (const job of JOBS.slice(0, r.int(1, 3))) {
    for (const instance of INSTANCES.slice(0, r.int(1, 3))) {
      const labels = `{job="${job}", instance="${instance}"}`;
      if (r.chance(0.8)) out.push({ series: `up${labels}`, values: seriesValues(r, 'up', s.steps) });
      if (r.chance(0.7)) out.push({ series: `http_requests_total${labels}`, values: seriesValues(r, 'counter', s.steps) });
      if (r.chance(0.7)) out.push({ series: `queue_depth${labels}`, values: seriesValues(r, 'gauge', s.steps) });
    }
  }
  if (out.length === 0) out.push({ series: 'up{job="api", instance="a:9090"}', values: seriesValues(r, 'up', s.steps) });
  return out;
}

const RECORDING_RULES: readonly ((r: Random, s: Settings) => { record: string; expr: string })[] = [
  () => ({ record: 'job:queue_depth:sum', expr: 'sum by (job) (queue_depth)' }),
  (r, s) => ({ record: 'instance:http_requests:rate', expr: `rate(http_requests_total[${range(r, s)}])` }),
  () => ({ record: 'job:up:count_down', expr: 'count by (job) (up == 0)' }),
  (r, s) => ({ record: 'job:http_requests:max_increase', expr: `max by (job) (increase(http_requests_total[${range(r, s)}]))` }),
  (r, s) => ({ record: 'instance:queue_depth:max', expr: `max_over_time(queue_depth[${range(r, s)}])` }),
];

function alertExpr(r: Random, s: Settings, recorded: readonly string[]): string {
  const threshold = r.int(10, 90);
  const choices: (() => string)[] = [
    () => 'up == 0',
    () => `queue_depth > ${threshold}`,
    () => `queue_depth{job="${r.pick(JOBS)}"} < ${threshold}`,
    () => `rate(http_requests_total[${range(r, s)}]) > ${r.pick([0.01, 0.05, 0.1])}`,
    () => `sum by (job) (queue_depth) > ${threshold * 2}`,
    () => `absent(up{job="${r.pick(JOBS)}"})`,
    () => `changes(queue_depth[${range(r, s)}]) > ${r.int(0, 2)}`,
    () => `increase(http_requests_total[${range(r, s)}]) > ${r.int(5, 40)}`,
    () => `min_over_time(up[${range(r, s)}]) == 0`,
    () => `count by (job) (up == 0) >= 1`,
    () => `queue_depth offset ${duration(s.intervalS * r.int(1, 3))} > ${threshold}`,
    () => `timestamp(up) < time() - ${s.intervalS * 2}`,
  ];
  if (recorded.includes('job:queue_depth:sum')) choices.push(() => `job:queue_depth:sum > ${threshold}`);
  if (recorded.includes('instance:http_requests:rate')) choices.push(() => `instance:http_requests:rate > 0.05`);
  if (recorded.includes('job:up:count_down')) choices.push(() => 'job:up:count_down > 0');
  return r.pick(choices)();
}

const ANNOTATIONS: readonly string[] = [
  'Something is wrong',
  '{{ $labels.instance }} of {{ $labels.job }} is in trouble',
  'Value is {{ $value }}',
  'Value is {{ humanize $value }} on {{ $labels.instance }}',
  '{{ $labels.job }}: {{ printf "%.2f" $value }}',
];

function rulesFile(r: Random, s: Settings): { text: string; model: Pick<Model, 'recorded' | 'alerts'>; groupNames: string[] } {
  const recorded: string[] = [];
  const alerts: string[] = [];
  const groups = [];
  const groupCount = r.int(1, 3);
  for (let g = 0; g < groupCount; g++) {
    const rules: Record<string, unknown>[] = [];
    for (let i = r.int(1, 4); i > 0; i--) {
      if (r.chance(0.3)) {
        const rule = r.pick(RECORDING_RULES)(r, s);
        if (recorded.includes(rule.record)) continue;
        recorded.push(rule.record);
        rules.push(rule);
        continue;
      }
      const name = `Alert${alerts.length}${r.pick(['High', 'Down', 'Stuck'])}`;
      alerts.push(name);
      const rule: Record<string, unknown> = { alert: name, expr: alertExpr(r, s, recorded) };
      if (r.chance(0.7)) rule['for'] = duration(s.intervalS * r.pick([1, 2, 3, 5]));
      if (r.chance(0.2)) rule['keep_firing_for'] = duration(s.intervalS * r.pick([1, 2, 4]));
      if (r.chance(0.6)) rule['labels'] = { severity: r.pick(['warning', 'critical', 'page']) };
      if (r.chance(0.2)) rule['labels'] = { ...(rule['labels'] as object), team: 'team-{{ $labels.job }}' };
      if (r.chance(0.7)) rule['annotations'] = { summary: r.pick(ANNOTATIONS) };
      rules.push(rule);
    }
    groups.push({ name: `group${g}`, rules });
  }
  return { text: stringify({ groups }, { lineWidth: 0 }), model: { recorded, alerts }, groupNames: groups.map((g) => g.name) };
}

function exprTests(r: Random, s: Settings, model: Model): { expr: string; eval_time: string }[] {
  const names = ['up', 'queue_depth', 'http_requests_total', ...model.recorded];
  const whole = names.filter((n) => !/rate|increase|max/.test(n));
  const choices: (() => string)[] = [
    () => r.pick(names),
    () => `sum by (job) (${r.pick(whole)})`,
    () => `max by (job) (${r.pick(names)})`,
    () => `count(ALERTS) by (alertname, alertstate)`,
    () => 'ALERTS',
    () => `rate(http_requests_total[${range(r, s)}])`,
    () => `max_over_time(queue_depth[${range(r, s)}])`,
    () => `queue_depth > ${r.int(20, 80)}`,
    () => `timestamp(${r.pick(names)})`,
    () => `count_over_time(up[${range(r, s)}])`,
    () => `scalar(sum(up))`,
  ];
  const out = [];
  for (let i = r.int(0, 3); i > 0; i--) out.push({ expr: r.pick(choices)(), eval_time: evalTime(r, s) });
  return out;
}

/** A multiple of half the interval within the test span. */
function evalTime(r: Random, s: Settings): string {
  const halves = r.int(0, s.steps * 2);
  const seconds = (halves * s.intervalS) / 2;
  return duration(seconds);
}

interface Draft {
  rules: ReturnType<typeof rulesFile>;
  test: Record<string, unknown>;
}

function draftCase(r: Random, rulesFileName: string): Draft {
  const s: Settings = { intervalS: r.pick([30, 60, 60, 60]), steps: r.int(6, 40) };
  const rules = rulesFile(r, s);
  const tests = [];
  for (let t = r.int(1, 3); t > 0; t--) {
    const series = inputSeries(r, s);
    const model: Model = { series, ...rules.model };
    const alertTests = [];
    for (let a = r.int(0, 4); a > 0; a--) {
      const alertname = model.alerts.length > 0 && r.chance(0.9) ? r.pick(model.alerts) : 'NoSuchAlert';
      alertTests.push({ eval_time: evalTime(r, s), alertname, exp_alerts: [] });
    }
    const test: Record<string, unknown> = { name: `test ${tests.length}`, interval: duration(s.intervalS), input_series: series };
    if (r.chance(0.2)) test['external_labels'] = { cluster: 'eu-1' };
    if (alertTests.length > 0) test['alert_rule_test'] = alertTests;
    const promql = exprTests(r, s, model);
    if (promql.length > 0) test['promql_expr_test'] = promql.map((p) => ({ ...p, exp_samples: [] }));
    tests.push(test);
  }
  const file: Record<string, unknown> = { rule_files: [rulesFileName], evaluation_interval: duration(s.intervalS) };
  // Without an order promtool evaluates groups in random (map) order; rules that read another
  // group's recordings would then see this or the previous evaluation's value by chance.
  if (rules.groupNames.length > 1) file['group_eval_order'] = r.chance(0.5) ? [...rules.groupNames].reverse() : rules.groupNames;
  file['tests'] = tests;
  return { rules, test: file };
}

/** Fills each check's expectations with what Klaxon got, or with a deliberate mistake. */
function fillExpectations(r: Random, draft: Draft, checks: Check[][], wrongChance: number): string[] {
  const intents: string[] = [];
  const tests = draft.test['tests'] as Record<string, unknown>[];
  tests.forEach((test, t) => {
    const alertTests = (test['alert_rule_test'] as Record<string, unknown>[] | undefined) ?? [];
    const exprTests = (test['promql_expr_test'] as Record<string, unknown>[] | undefined) ?? [];
    const alertChecks = checks[t]!.filter((c) => c.kind === 'alerts');
    const exprChecks = checks[t]!.filter((c) => c.kind === 'expr');
    // Checks run in time order, not file order; match them up by alert name and time.
    const byTime = [...alertTests.keys()].sort((a, b) => timeOf(alertTests[a]!) - timeOf(alertTests[b]!));
    byTime.forEach((index, k) => {
      const check = alertChecks[k];
      if (!check) return;
      let alerts = check.got.map((a) => ({
        exp_labels: Object.fromEntries(a.labels.filter(([n]) => n !== 'alertname')),
        ...(a.annotations.length > 0 ? { exp_annotations: Object.fromEntries(a.annotations) } : {}),
      }));
      if (r.chance(wrongChance)) {
        const mistake = alertMistake(r, alerts);
        alerts = mistake.alerts;
        intents.push(`wrong alert_rule_test (${mistake.what}) for ${check.alertname} at ${alertTests[index]!['eval_time']}`);
      }
      alertTests[index]!['exp_alerts'] = alerts;
    });
    exprTests.forEach((exprTest, k) => {
      const check = exprChecks[k];
      if (!check) return;
      let samples = check.got.map((g) => ({ labels: g.labels.size === 0 ? '' : g.labels.toString(), value: g.value }));
      if (r.chance(wrongChance)) {
        const mistake = sampleMistake(r, samples);
        samples = mistake.samples;
        intents.push(`wrong promql_expr_test (${mistake.what}) for ${check.exprText} at ${exprTest['eval_time']}`);
      }
      exprTest['exp_samples'] = samples;
    });
  });
  return intents;
}

function timeOf(alertTest: Record<string, unknown>): number {
  const text = String(alertTest['eval_time']);
  return text.endsWith('m') ? Number(text.slice(0, -1)) * 60 : Number(text.slice(0, -1));
}

type ExpAlert = { exp_labels: Record<string, string>; exp_annotations?: Record<string, string> };

function alertMistake(r: Random, alerts: ExpAlert[]): { alerts: ExpAlert[]; what: string } {
  if (alerts.length > 0 && r.chance(0.3)) return { alerts: alerts.slice(1), what: 'one alert missing' };
  if (alerts.length > 0 && r.chance(0.4)) {
    const [first, ...rest] = alerts;
    const labels = { ...first!.exp_labels, severity: 'nonsense' };
    return { alerts: [{ ...first!, exp_labels: labels }, ...rest], what: 'label changed' };
  }
  if (alerts.length > 0 && r.chance(0.5)) {
    const [first, ...rest] = alerts;
    return { alerts: [{ ...first!, exp_annotations: { summary: 'not what it says' } }, ...rest], what: 'annotation changed' };
  }
  return { alerts: [...alerts, { exp_labels: { instance: 'z:9090', job: 'nope' } }], what: 'extra alert' };
}

type ExpSample = { labels: string; value: number };

function sampleMistake(r: Random, samples: ExpSample[]): { samples: ExpSample[]; what: string } {
  if (samples.length > 0 && r.chance(0.5)) {
    const i = r.int(0, samples.length - 1);
    const copy = [...samples];
    copy[i] = { ...copy[i]!, value: Number.isFinite(copy[i]!.value) ? copy[i]!.value + 1 : 0 };
    return { samples: copy, what: 'value changed' };
  }
  if (samples.length > 0 && r.chance(0.5)) return { samples: samples.slice(0, -1), what: 'sample missing' };
  return { samples: [...samples, { labels: '{job="nope"}', value: 1 }], what: 'extra sample' };
}

/** Files that are wrong on purpose: every test in them must fail, in both tools. */
const BROKEN: readonly { intent: string; rules?: string; test: (rulesFile: string) => string }[] = [
  {
    intent: 'rule expression does not parse',
    rules: 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    input_series:\n      - series: x\n        values: 1x5\n`,
  },
  {
    intent: 'input series do not parse',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    input_series:\n      - series: 'x{a="b"'\n        values: 1x5\n`,
  },
  {
    intent: 'alert_rule_test without alertname',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    alert_rule_test:\n      - eval_time: 1m\n        exp_alerts: []\n`,
  },
  {
    intent: 'unknown field in the test file',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    inputseries: []\n`,
  },
  {
    intent: 'rule fails to evaluate (many-to-many matching)',
    rules: 'groups:\n  - name: g\n    rules:\n      - record: joined\n        expr: a + on(k) b\n',
    test: (f) =>
      `rule_files: [${f}]\ntests:\n  - interval: 1m\n    input_series:\n      - series: 'a{k="1", x="1"}'\n        values: 1x3\n      - series: 'b{k="1", y="1"}'\n        values: 1x3\n      - series: 'b{k="1", y="2"}'\n        values: 1x3\n    promql_expr_test:\n      - expr: a\n        eval_time: 1m\n        exp_samples: [{labels: 'a{k="1", x="1"}', value: 1}]\n`,
  },
  {
    intent: 'promql_expr_test expression does not parse',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    promql_expr_test:\n      - expr: 'sum(up'\n        eval_time: 0m\n`,
  },
  {
    intent: 'bad duration',
    test: (f) => `rule_files: [${f}]\nevaluation_interval: 1 minute\ntests: []\n`,
  },
  {
    intent: 'expected NaN never equals NaN',
    test: (f) => `rule_files: [${f}]\ntests:\n  - interval: 1m\n    input_series:\n      - series: n\n        values: NaN\n    promql_expr_test:\n      - expr: n\n        eval_time: 0m\n        exp_samples: [{labels: n, value: .nan}]\n`,
  },
];

const EMPTY_RULES = 'groups: []\n';

/**
 * Writes the `index`th case for `seed` into `dir` (a rules file and a test file) and returns it.
 * About one in twenty is a broken file; the others are random, their expectations filled in
 * from a first Klaxon run on the file with empty expectations.
 */
export function generateCase(seed: number, index: number, dir: string): GeneratedCase {
  const r = new Random(seed * 100_003 + index);
  const name = `case-${String(index).padStart(4, '0')}`;
  const rulesFile = `${name}-rules.yml`;
  const testFile = join(dir, `${name}.yml`);
  if (index % 20 === 7) {
    const broken = BROKEN[Math.floor(index / 20) % BROKEN.length]!;
    return write(dir, { name, testFile, rulesFile, rulesText: broken.rules ?? EMPTY_RULES, testText: broken.test(rulesFile), intent: `broken: ${broken.intent}` });
  }
  const draft = draftCase(r, rulesFile);
  write(dir, { name, testFile, rulesFile, rulesText: draft.rules.text, testText: stringify(draft.test, { lineWidth: 0 }), intent: '' });
  const result = runUnitTestFile(testFile, readFileSync(testFile, 'utf8'));
  if (result.problems.length > 0) throw new Error(`${testFile} does not load: ${result.problems.map((p) => p.message).join('; ')}`);
  const intents = fillExpectations(r, draft, result.tests.map((t) => t.checks), 0.07);
  return write(dir, {
    name,
    testFile,
    rulesFile,
    rulesText: draft.rules.text,
    testText: stringify(draft.test, { lineWidth: 0 }),
    intent: intents.length > 0 ? intents.join('; ') : 'all expectations right',
  });
}

function write(dir: string, c: GeneratedCase): GeneratedCase {
  writeFileSync(join(dir, c.rulesFile), c.rulesText);
  writeFileSync(c.testFile, c.testText);
  return c;
}
