// `klaxon test` against `promtool test rules` on one heavy generated unit test: hundreds of rules
// over thousands of series, a simulated day evaluated every minute. Both are timed as whole
// processes, side by side in one run; both must pass the test. Goal: Klaxon no slower.
// `node bench/unittest.mjs [--quick]` after `npm run build`; --quick simulates a tenth of the day.
// The expectations come from a first Klaxon run through the API, so a full run takes twice Klaxon's
// time plus promtool's (some 6 minutes on 2 cores).
// Ranges are whole minutes plus 20s so that promtool 2.42's closed range windows and Klaxon's
// (Prometheus 3's) left-open ones select the same samples.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { runUnitTestFile } from '../dist/testing/promtool/run-unit-tests.js';
import { seededRandom } from './generate.mjs';

const quick = process.argv.includes('--quick');
const MINUTES = quick ? 144 : 1440;
const JOBS = Array.from({ length: 20 }, (_, i) => `job${i}`);
const INSTANCES_PER_JOB = 25;
const CODES = ['200', '500'];
const GROUPS = 20;
const RULES_PER_GROUP = 12;

const rnd = seededRandom(7);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
/**
 * A threshold for sums of rates with odd digits: promtool adds series up in a random order, so
 * a sum landing exactly on a round threshold could flip from one run to the next.
 */
const threshold = (lo, hi) => (lo + rnd() * (hi - lo) + 0.000_37).toFixed(5);

/** Values over the day as a few runs of the expanding notation. */
function values(kind) {
  const runs = [];
  let left = MINUTES + 1;
  let counter = 0;
  while (left > 0) {
    const n = Math.min(left, int(30, 400));
    if (kind === 'counter') {
      const step = int(0, 20);
      runs.push(`${counter}+${step}x${n - 1}`);
      counter = rnd() < 0.1 ? 0 : counter + step * n;
    } else if (kind === 'up') {
      runs.push(`${rnd() < 0.9 ? 1 : 0}x${n - 1}`);
    } else {
      runs.push(`${int(0, 100)}x${n - 1}`);
    }
    left -= n;
  }
  return runs.join(' ');
}

function inputSeries() {
  const series = [];
  for (const job of JOBS) {
    for (let i = 0; i < INSTANCES_PER_JOB; i++) {
      const instance = `${job}-${i}:9100`;
      series.push({ series: `up{job="${job}", instance="${instance}"}`, values: values('up') });
      series.push({ series: `queue_depth{job="${job}", instance="${instance}"}`, values: values('gauge') });
      for (const code of CODES) series.push({ series: `http_requests_total{job="${job}", instance="${instance}", code="${code}"}`, values: values('counter') });
    }
  }
  return series;
}

function rules() {
  const groups = [];
  const alerts = [];
  for (let g = 0; g < GROUPS; g++) {
    const job = JOBS[g % JOBS.length];
    const list = [{ record: `job:http_requests:rate5m_${g}`, expr: `sum by (job, code) (rate(http_requests_total{job="${job}"}[5m20s]))` }];
    for (let r = 1; r < RULES_PER_GROUP; r++) {
      const name = `Alert${g}_${r}`;
      alerts.push(name);
      const expr = pick([
        () => `up{job="${pick(JOBS)}"} == 0`,
        () => `queue_depth{job="${pick(JOBS)}"} > ${int(60, 95)}`,
        () => `sum by (job) (rate(http_requests_total{job="${pick(JOBS)}", code="500"}[5m20s])) > ${threshold(0.1, 0.5)}`,
        () => `job:http_requests:rate5m_${g}{code="500"} > ${threshold(1, 5)}`,
        () => `max_over_time(queue_depth{job="${pick(JOBS)}"}[10m20s]) > ${int(80, 99)}`,
        () => `increase(http_requests_total{job="${pick(JOBS)}"}[15m20s]) > ${int(100, 200)}`,
      ])();
      list.push({ alert: name, expr, for: `${int(0, 10)}m`, labels: { severity: pick(['warning', 'critical']) }, annotations: { summary: `{{ $labels.job }} is in trouble` } });
    }
    groups.push({ name: `group-${g}`, rules: list });
  }
  return { text: stringify({ groups }, { lineWidth: 0 }), alerts };
}

function testFile(alerts, series) {
  const times = quick ? ['1h', '2h', '144m'] : ['6h', '12h', '1d'];
  return {
    rule_files: ['rules.yml'],
    evaluation_interval: '1m',
    tests: [
      {
        name: 'a day of rules',
        interval: '1m',
        input_series: series,
        alert_rule_test: times.flatMap((eval_time) => alerts.filter((_, i) => i % 15 === 0).map((alertname) => ({ eval_time, alertname, exp_alerts: [] }))),
        promql_expr_test: times.map((eval_time) => ({ expr: 'count by (alertstate) (ALERTS)', eval_time, exp_samples: [] })),
      },
    ],
  };
}

/** Fills the expectations with what Klaxon's runner got, so that the test passes. */
function fillExpectations(test, path) {
  const result = runUnitTestFile(path, readFileSync(path, 'utf8'));
  if (result.problems.length > 0) throw new Error(`generated test does not load: ${result.problems[0].message}`);
  const [group] = result.tests;
  if (group.problems.length > 0) throw new Error(`generated test fails: ${group.problems[0].message}`);
  const spec = test.tests[0];
  const alertChecks = group.checks.filter((c) => c.kind === 'alerts');
  const byTime = [...spec.alert_rule_test].sort((a, b) => toMinutes(a.eval_time) - toMinutes(b.eval_time));
  byTime.forEach((alertTest, i) => {
    alertTest.exp_alerts = alertChecks[i].got.map((a) => ({
      exp_labels: Object.fromEntries(a.labels.filter(([n]) => n !== 'alertname')),
      exp_annotations: Object.fromEntries(a.annotations),
    }));
  });
  group.checks.filter((c) => c.kind === 'expr').forEach((check, i) => {
    spec.promql_expr_test[i].exp_samples = check.got.map((s) => ({ labels: s.labels.toString(), value: s.value }));
  });
}

function toMinutes(d) {
  if (d.endsWith('d')) return Number(d.slice(0, -1)) * 1440;
  if (d.endsWith('h')) return Number(d.slice(0, -1)) * 60;
  return Number(d.slice(0, -1));
}

function timeProcess(command, args, cwd) {
  const t0 = process.hrtime.bigint();
  const run = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (run.error) throw run.error;
  return { ms, status: run.status, output: `${run.stdout}${run.stderr}` };
}

const dir = mkdtempSync(join(tmpdir(), 'klaxon-bench-unittest-'));
const { text: rulesText, alerts } = rules();
writeFileSync(join(dir, 'rules.yml'), rulesText);
const series = inputSeries();
const test = testFile(alerts, series);
const testPath = join(dir, 'test.yml');
writeFileSync(testPath, stringify(test, { lineWidth: 0 }));
fillExpectations(test, testPath);
writeFileSync(testPath, stringify(test, { lineWidth: 0 }));
const bytes = readFileSync(testPath).length + rulesText.length;

const klaxonBin = fileURLToPath(new URL('../dist/bin/klaxon.cjs', import.meta.url));
const klaxon = timeProcess(process.execPath, [klaxonBin, 'test', 'test.yml'], dir);
const hasPromtool = spawnSync('sh', ['-c', 'command -v promtool']).status === 0;
const promtool = hasPromtool ? timeProcess('promtool', ['test', 'rules', 'test.yml'], dir) : undefined;

const ruleCount = GROUPS * RULES_PER_GROUP;
console.log(`## Unit test: ${ruleCount} rules in ${GROUPS} groups over ${series.length.toLocaleString('en')} series, ${quick ? '2.4 hours' : 'one day'} at 1m`);
console.log(`input: ${(bytes / 1e6).toFixed(2)} MB of test and rule files, ${MINUTES + 1} evaluations, ${alerts.length} alerting rules`);
console.log(`klaxon test: ${(klaxon.ms / 1000).toFixed(1)} s, exit ${klaxon.status}`);
if (!promtool) console.log('promtool test rules: promtool not installed (Debian package prometheus), not compared');
else {
  console.log(`promtool test rules: ${(promtool.ms / 1000).toFixed(1)} s, exit ${promtool.status}`);
  console.log(`ratio klaxon/promtool: ${(klaxon.ms / promtool.ms).toFixed(2)}x the time; goal <= 1x: ${klaxon.ms <= promtool.ms ? 'met' : 'NOT met'}`);
  if (klaxon.status !== 0 || promtool.status !== 0) {
    console.log(`verdicts differ or the test fails (files kept in ${dir}):\n${klaxon.output}\n${promtool.output}`);
    process.exitCode = 1;
  }
}
if (process.exitCode !== 1) rmSync(dir, { recursive: true, force: true });
console.log('');
