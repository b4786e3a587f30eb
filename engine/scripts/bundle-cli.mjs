// Builds the `klaxon` command into dist/bin: the CLI as one CommonJS bundle (cli.cjs), the
// executable that runs it (klaxon.cjs, from src/cli/bin.ts; CommonJS, which Node.js starts a few
// milliseconds sooner than a module), the same as the script of check's worker threads
// (check-worker.js, a module, as the library's worker script is), and V8's code cache for the
// bundle (cli.cache), written by a sample `klaxon check`. Loading one
// bundle with its code cached takes a fraction of the time that resolving and compiling the
// hundreds of modules of dist/ and its dependencies does. The library (dist/index.js, with its
// types) stays tsc's output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { COMMONJS_FROM_MODULES } from './commonjs-bundle.mjs';

const outdir = 'dist/bin';
rmSync(outdir, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/cli/bundle.ts'],
  outfile: join(outdir, 'cli.cjs'),
  format: 'cjs',
  // node-sqlite3-wasm loads its .wasm file from its own directory, so it stays in node_modules.
  external: ['node-sqlite3-wasm'],
  // check-in-parallel finds its worker script next to the module it is in: here, the bundle.
  ...COMMONJS_FROM_MODULES,
});
await build({ ...common, ...COMMONJS_FROM_MODULES, entryPoints: ['src/cli/bin.ts'], outfile: join(outdir, 'klaxon.cjs'), format: 'cjs' });
await build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: join(outdir, 'check-worker.js'), format: 'esm' });

// Rules of the common kinds, so that the sample run compiles what checking rule files runs.
const SAMPLE_RULES = `groups:
  - name: sample
    interval: 1m
    rules:
      - record: job:http_requests:rate5m
        expr: sum by (job) (rate(http_requests_total{code=~"5..", job!="test"}[5m]))
      - alert: HighErrorRate
        expr: |
          sum by (job) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m])) > 0.05
        for: 10m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.job }}: {{ $value | humanizePercentage }} errors"
          description: 'Error rate of {{ $labels.instance }} is {{ printf "%.2f" $value }}'
      - alert: Latency
        expr: "histogram_quantile(0.99, sum without (instance) (rate(http_request_duration_seconds_bucket[10m]))) > 1"
        labels: {severity: warning}
        annotations: {summary: "{{ $labels.job }} is slow", description: "{{ humanizeDuration $value }}"}
      - alert: Down
        expr: up{job=~"api|web"} == 0 or absent(up{job="api"}) unless on (job) maintenance{job!=""} offset 1h
        for: 5m
        labels:
          severity: page
        annotations:
          summary: "{{ if eq $value 0.0 }}down{{ else }}up{{ end }}"
      - alert: Restarts
        expr: max_over_time(increase(kube_pod_container_status_restarts_total[1h])[1d:5m]) > 3 * 2 and time() - process_start_time_seconds < 600
        annotations:
          summary: "{{ with $labels.pod }}{{ . }}{{ end }}"
      - alert: Memory
        expr: node_memory_used_bytes / on (instance) group_left (node) node_memory_total_bytes * 100 >= 90
        labels:
          severity: info
`;

const sampleDir = mkdtempSync(join(tmpdir(), 'klaxon-build-'));
try {
  const sample = join(sampleDir, 'rules.yml');
  writeFileSync(sample, SAMPLE_RULES);
  const checkSample = (env) => spawnSync(process.execPath, [join(outdir, 'klaxon.cjs'), 'check', '--no-config', sample], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const written = checkSample({ KLAXON_WRITE_CODE_CACHE: '1' });
  if (written.status !== 0 && written.status !== 1) throw new Error(`the sample klaxon check failed (${written.status}): ${written.stderr}`);
  // The cache must fit the bundle as bin.ts loads it, under the V8 flags bin.ts sets.
  const verified = checkSample({ KLAXON_VERIFY_CODE_CACHE: '1' });
  if (verified.status !== 0 && verified.status !== 1) throw new Error(`the code cache was not used (${verified.status}): ${verified.stderr}`);
} finally {
  rmSync(sampleDir, { recursive: true, force: true });
}
