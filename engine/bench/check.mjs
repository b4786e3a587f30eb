// `klaxon check` against `promtool check rules`, whole processes, on a generated rule file of
// 10,000 alerting rules (about 3.6 MB), measured side by side in the same run.
//
//   node engine/bench/check.mjs [--runs N] [--keep FILE] [--klaxon PATH] [--jobs N]
//
// Runs the package's `klaxon` bin, so needs engine/dist (npm run build), or the klaxon script
// given with --klaxon; and promtool on PATH (Debian's prometheus package).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateAlertExpressions, seededRandom } from './generate.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const packageJson = JSON.parse(readFileSync(join(here, '..', 'package.json'), 'utf8'));
const klaxonBin = option('--klaxon') ?? join(here, '..', packageJson.bin.klaxon);
const runs = Number(option('--runs')) || 5;
const keep = option('--keep');
/** Passed on to `klaxon check --jobs`, to compare thread counts; klaxon's default otherwise. */
const jobs = option('--jobs');
const klaxonArgs = (file) => [klaxonBin, 'check', '--no-config', ...(jobs ? ['--jobs', jobs] : []), file];

/** 10,000 alerting rules in 100 groups, shaped like real ones: labels, templated annotations. */
export function generateRuleFile(ruleCount = 10_000, seed = 42) {
  const expressions = generateAlertExpressions(ruleCount, seed);
  const rnd = seededRandom(seed + 1);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const severities = ['critical', 'warning', 'info'];
  const lines = ['groups:'];
  const perGroup = 100;
  for (let g = 0; g < ruleCount / perGroup; g++) {
    lines.push(`  - name: service-${g}`, '    interval: 1m', '    rules:');
    for (let i = 0; i < perGroup; i++) {
      const n = g * perGroup + i;
      lines.push(
        `      - alert: Alert${n}`,
        `        expr: ${JSON.stringify(expressions[n])}`,
        `        for: ${pick(['1m', '5m', '10m', '15m'])}`,
        '        labels:',
        `          severity: ${pick(severities)}`,
        '        annotations:',
        `          summary: "{{ $labels.job }}: alert ${n}"`,
        `          description: "Value {{ $value | humanize }} for {{ $labels.job }}"`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

function time(command, commandArgs) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error) throw run.error;
  return { ms, status: run.status, stderr: run.stderr };
}

function median(xs) {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function main() {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-bench-check-'));
  const file = keep ?? join(dir, 'rules.yml');
  const text = generateRuleFile();
  writeFileSync(file, text);
  const promtoolPath = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).stdout.trim();
  if (!promtoolPath) throw new Error('promtool is not installed (Debian package prometheus)');

  // One untimed run of each, so that both read the file from the page cache.
  const warmKlaxon = time(process.execPath, klaxonArgs(file));
  const warmPromtool = time(promtoolPath, ['check', 'rules', file]);
  if (warmKlaxon.status !== 0) throw new Error(`klaxon check failed (${warmKlaxon.status}): ${warmKlaxon.stderr}`);
  if (warmPromtool.status !== 0) throw new Error(`promtool check rules failed (${warmPromtool.status}): ${warmPromtool.stderr}`);

  const loadBefore = loadavg()[0];
  const klaxon = [];
  const promtool = [];
  for (let i = 0; i < runs; i++) {
    klaxon.push(time(process.execPath, klaxonArgs(file)).ms);
    promtool.push(time(promtoolPath, ['check', 'rules', file]).ms);
  }
  const k = median(klaxon);
  const p = median(promtool);
  console.log(`## klaxon check${jobs ? ` --jobs ${jobs}` : ''} vs promtool check rules: 10,000 generated alerting rules`);
  console.log(`input: ${(Buffer.byteLength(text) / 1e6).toFixed(2)} MB, ${runs} runs each, whole process; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`);
  console.log(`klaxon check:          ${k.toFixed(0)} ms median (best ${Math.min(...klaxon).toFixed(0)} ms)`);
  console.log(`promtool check rules:  ${p.toFixed(0)} ms median (best ${Math.min(...promtool).toFixed(0)} ms)`);
  console.log(`ratio: klaxon is ${(p / k).toFixed(2)}x as fast as promtool; goal >= 3x: ${p / k >= 3 ? 'met' : 'NOT met'}`);
  console.log('');
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
