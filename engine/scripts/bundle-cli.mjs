// Builds the `klaxon` command into dist/bin: the CLI as one CommonJS bundle (klaxon.cjs), the
// executable that runs it (klaxon.js, from src/cli/bin.ts, also the script of check's worker
// threads), and V8's code cache for the bundle, written by a sample `klaxon check`. Loading one
// bundle with its code cached takes a fraction of the time that resolving and compiling the
// hundreds of modules of dist/ and its dependencies does. The library (dist/index.js, with its
// types) stays tsc's output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { build } from 'esbuild';

const outdir = 'dist/bin';
rmSync(outdir, { recursive: true, force: true });

const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/cli/bundle.ts'],
  outfile: join(outdir, 'klaxon.cjs'),
  format: 'cjs',
  // node-sqlite3-wasm loads its .wasm file from its own directory, so it stays in node_modules.
  external: ['node-sqlite3-wasm'],
  // check-in-parallel finds its worker script next to the module it is in: here, the bundle.
  define: { 'import.meta.url': '__klaxonBundleUrl' },
  banner: { js: "var __klaxonBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { klaxon: 'src/cli/bin.ts', 'check-worker': 'src/cli/bin.ts' },
  outdir,
  format: 'esm',
});

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
  const run = spawnSync(process.execPath, [join(outdir, 'klaxon.js'), 'check', '--no-config', sample], {
    env: { ...process.env, KLAXON_WRITE_CODE_CACHE: '1' },
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`the sample klaxon check failed (${run.status}): ${run.stderr}`);
} finally {
  rmSync(sampleDir, { recursive: true, force: true });
}

// The cache must fit the bundle as bin.ts loads it.
const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(join(outdir, 'klaxon.cjs'), 'utf8')}\n})`;
const script = new Script(source, { filename: join(outdir, 'klaxon.cjs'), cachedData: readFileSync(join(outdir, 'klaxon.cache')) });
if (script.cachedDataRejected) throw new Error('V8 rejected the code cache just written for dist/bin/klaxon.cjs');
