// Simulation benchmark: a day of 1,000 rules (900 alerting, 100 recording, in 100 groups) over
// 10,000 series at 1-minute resolution, evaluated every minute. Goal: under 30 s.
// `node bench/simulate.mjs [--quick]` after `npm run build`; --quick runs a tenth of the day.
import { Labels, MemoryStore, loadRuleFile, simulateGroups } from '../dist/index.js';
import { generateAlertExpressions, seededRandom } from './generate.mjs';

const quick = process.argv.includes('--quick');
const MINUTE = 60_000;
const DAY_MS = (quick ? 0.1 : 1) * 86_400_000;
const ALERTS = 900;
const RECORDS = 100;
const GROUPS = 100;

const JOBS = ['api', 'web', 'worker', 'db', 'cache', 'ingest', 'billing', 'auth'];
const INSTANCES_PER_JOB = 28;

/**
 * The series of one instance: the metric families the generated rules read, with the label
 * cardinalities exporters give them (about 48 series an instance).
 */
function instanceSeries(job, i) {
  const base = { job, instance: `${job}-${i}:9100`, namespace: `${job}-${i % 3}`, pod: `${job}-${i}`, service: job, cluster: `c${i % 2}`, region: `r${i % 3}` };
  const out = [];
  const add = (name, kind, extra = {}) => out.push({ labels: { __name__: name, ...base, ...extra }, kind });
  for (const code of ['200', '404', '500']) for (const method of ['GET', 'POST']) add('http_requests_total', 'counter', { code, method });
  for (const le of ['0.1', '0.5', '1', '+Inf']) add('http_request_duration_seconds_bucket', 'counter', { le });
  for (const code of ['OK', 'Unavailable', 'Internal']) add('grpc_server_handled_total', 'counter', { code });
  for (const code of ['200', '429', '500']) add('apiserver_request_total', 'counter', { code });
  for (const cpu of ['0', '1']) for (const mode of ['idle', 'user', 'system', 'iowait']) add('node_cpu_seconds_total', mode === 'idle' ? 'idle' : 'counter', { cpu, mode });
  for (const container of ['app', 'sidecar']) {
    add('kube_pod_container_status_restarts_total', 'restarts', { container });
    add('container_memory_working_set_bytes', 'gauge', { container });
  }
  for (const partition of ['0', '1', '2']) add('kafka_consumer_lag', 'gauge', { partition });
  for (const [mountpoint, fstype] of [['/', 'ext4'], ['/data', 'xfs'], ['/run', 'tmpfs']]) {
    add('node_filesystem_avail_bytes', 'filesystem', { mountpoint, fstype });
    add('node_filesystem_size_bytes', 'constant', { mountpoint, fstype });
  }
  add('up', 'up');
  add('probe_success', 'up');
  for (const name of ['process_resident_memory_bytes', 'queue_depth', 'job_duration_seconds', 'maintenance_mode', 'job_last_success_timestamp_seconds']) add(name, 'gauge');
  add('kube_pod_info', 'constant', { node: `n${i % 20}` });
  return out;
}

/**
 * About 10,000 series over a day at 1m. Values stay below most alert thresholds (as in a healthy
 * system), with occasional spikes and outages, so that some alerts fire and resolve.
 */
function generateStore(rnd) {
  const store = new MemoryStore();
  const steps = DAY_MS / MINUTE;
  for (const job of JOBS) {
    for (let i = 0; i < INSTANCES_PER_JOB; i++) {
      for (const { labels, kind } of instanceSeries(job, i)) {
        const series = Labels.from(labels);
        const scale = rnd() * (kind === 'constant' ? 1e9 : 1);
        const incidentAt = rnd() < 0.05 ? Math.floor(rnd() * steps) : -1;
        const inIncident = (k) => incidentAt >= 0 && k >= incidentAt && k < incidentAt + 20;
        let v = kind === 'counter' ? 0 : kind === 'filesystem' ? 1e9 * (0.2 + rnd()) : scale;
        for (let t = 0, k = 0; t <= DAY_MS; t += MINUTE, k++) {
          if (kind === 'counter') v += rnd() * scale * (inIncident(k) ? 200 : 1);
          else if (kind === 'idle') v += 60 * (inIncident(k) ? 0.02 : 0.97 + rnd() * 0.03);
          else if (kind === 'restarts') v += inIncident(k) && k % 4 === 0 ? 1 : 0;
          else if (kind === 'up') v = inIncident(k) ? 0 : 1;
          else if (kind === 'filesystem') v = Math.max(0, v - rnd() * 1e5 * (inIncident(k) ? 1e3 : 1));
          else if (kind === 'gauge') v = inIncident(k) ? scale * 150 : Math.max(0, scale * (1 + (rnd() - 0.5) * 0.2));
          store.append(series, t, v);
        }
      }
    }
  }
  return store;
}

/**
 * 900 alert expressions from the parse benchmark's generator, keeping at most two that differ
 * only in their numbers (a warning and a critical threshold), as real rule files do.
 */
function alertExpressions() {
  const out = [];
  const seen = new Map();
  for (const expr of generateAlertExpressions(50_000, 7)) {
    const shape = expr.replace(/\b\d+(\.\d+)?\b/g, 'N');
    const count = seen.get(shape) ?? 0;
    if (count >= 2) continue;
    seen.set(shape, count + 1);
    out.push(expr);
    if (out.length === ALERTS) return out;
  }
  throw new Error('the generator gave too few distinct expressions');
}

function generateRuleFile(rnd) {
  const expressions = alertExpressions();
  const perGroup = (ALERTS + RECORDS) / GROUPS;
  const lines = ['groups:'];
  let alert = 0;
  let record = 0;
  for (let g = 0; g < GROUPS; g++) {
    lines.push(`  - name: group-${g}`, '    rules:');
    for (let r = 0; r < perGroup; r++) {
      if (r === 0) {
        const job = JOBS[record % JOBS.length];
        lines.push(`      - record: job:http_requests:rate5m_${record++}`, `        expr: sum by (job, code) (rate(http_requests_total{job="${job}"}[5m]))`);
      } else {
        lines.push(`      - alert: Alert${alert}`, `        expr: ${JSON.stringify(expressions[alert++])}`, `        for: ${Math.floor(rnd() * 10)}m`,
          '        labels: {severity: warning}', '        annotations: {summary: "value is {{ $value }} for {{ $labels.job }}"}');
      }
    }
  }
  return lines.join('\n') + '\n';
}

const rnd = seededRandom(1);
let t0 = process.hrtime.bigint();
const store = generateStore(rnd);
const inputSeries = store.seriesCount;
const inputSamples = store.samplesCount;
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
const rules = loadRuleFile(generateRuleFile(rnd), 'bench-rules.yml');
const errors = rules.problems.filter((p) => p.severity === 'error');
if (errors.length > 0) throw new Error(`generated rules have errors: ${errors[0].message}`);

t0 = process.hrtime.bigint();
const cpu0 = process.cpuUsage();
const result = simulateGroups(rules.groups, store, { startMs: 0, endMs: DAY_MS, defaultIntervalMs: MINUTE });
const simulateMs = Number(process.hrtime.bigint() - t0) / 1e6;
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000;
const alertSamples = store.samplesCount - inputSamples - RECORDS * 0;
const fired = result.transitions.filter((t) => t.transition.to === 'firing').length;
const evaluatedRules = (ALERTS + RECORDS) * (DAY_MS / MINUTE + 1);

console.log(`## Simulation: ${ALERTS + RECORDS} rules in ${GROUPS} groups over ${inputSeries.toLocaleString('en')} series, ${(DAY_MS / 3_600_000).toFixed(1)} hours at 1m`);
console.log(`store: ${store.samplesCount.toLocaleString('en')} samples generated in ${(loadMs / 1000).toFixed(1)} s`);
console.log(`simulate: ${(simulateMs / 1000).toFixed(1)} s wall, ${(cpuMs / 1000).toFixed(1)} s CPU (all threads, GC included) for ${result.evaluations.toLocaleString('en')} group evaluations ` +
  `(${evaluatedRules.toLocaleString('en')} rule evaluations, ${Math.round(evaluatedRules / (simulateMs / 1000)).toLocaleString('en')}/s); ` +
  `${result.transitions.length} transitions, ${fired} firings, ${result.errors.length} rule errors`);
console.log(`alert series written: ${(alertSamples / 2 / (DAY_MS / MINUTE + 1)).toFixed(0)} pending or firing alerts at a time on average`);
if (!quick) console.log(`goal < 30 s: ${simulateMs < 30_000 ? 'met' : 'NOT met'}`);
console.log(`peak memory (max RSS of the process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log('');
