/**
 * Klaxon's template engine against Go's text/template and fmt, as `amtool template render` runs
 * them (Alertmanager's data, `missingkey=zero`): hand-written corners and generated templates
 * must render the same text, or fail with the same message.
 *
 * Templates that render are checked many at a time, each wrapped in a `{{define}}` and called in
 * turn from one text; the others run one amtool call each.
 *
 * Without amtool on PATH the suite fails, unless KLAXON_SKIP_INTEROP=1 says to skip it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { executeTemplate, parseTemplate } from '../../src/template/expand.js';
import { GoTime } from '../../src/template/go-time.js';
import { GoMap, GoSlice, GoStruct, STRING } from '../../src/template/go-values.js';
import { generatedTemplates, HAND_WRITTEN, mutatedTemplates } from './template-cases.js';

const DATA = {
  receiver: 'team-x',
  status: 'firing',
  alerts: [
    {
      status: 'firing',
      labels: { alertname: 'HighLatency', instance: 'db-1:9100', severity: 'page' },
      annotations: { summary: 'p99 above 2s', value: '2.51' },
      startsAt: '2024-03-01T10:00:00Z',
      endsAt: '0001-01-01T00:00:00Z',
      generatorURL: 'http://prom/graph?g0.expr=x',
      fingerprint: 'a1b2',
    },
    {
      status: 'resolved',
      labels: { alertname: 'HighLatency', instance: 'db-2:9100', severity: 'page' },
      annotations: { summary: 'ok' },
      startsAt: '2024-03-01T09:00:00Z',
      endsAt: '2024-03-01T09:30:00Z',
      generatorURL: '',
      fingerprint: 'c3d4',
    },
  ],
  groupLabels: { alertname: 'HighLatency' },
  commonLabels: { alertname: 'HighLatency', severity: 'page' },
  commonAnnotations: {},
  externalURL: 'http://am:9093',
};

const kv = (entries: Record<string, string>) => new GoMap('template.KV', STRING, entries);
const time = (iso: string) => new GoTime(BigInt(Date.parse(iso)) * 1_000_000n);

/** The same data as Go's template.Data: struct and map types with Alertmanager's names. */
function goData(): GoStruct {
  const alerts = DATA.alerts.map((a) => new GoStruct('template.Alert', new Map<string, unknown>([
    ['Status', a.status],
    ['Labels', kv(a.labels)],
    ['Annotations', kv(a.annotations as Record<string, string>)],
    ['StartsAt', time(a.startsAt)],
    ['EndsAt', time(a.endsAt)],
    ['GeneratorURL', a.generatorURL],
    ['Fingerprint', a.fingerprint],
  ])));
  return new GoStruct('template.Data', new Map<string, unknown>([
    ['Receiver', DATA.receiver],
    ['Status', DATA.status],
    ['Alerts', new GoSlice('template.Alerts', alerts)],
    ['GroupLabels', kv(DATA.groupLabels)],
    ['CommonLabels', kv(DATA.commonLabels)],
    ['CommonAnnotations', kv(DATA.commonAnnotations)],
    ['ExternalURL', DATA.externalURL],
  ]));
}

type Outcome = { output: string } | { error: string };

function klaxonRender(text: string): Outcome {
  const { template, problems } = parseTemplate(text, '');
  if (!template) return { error: problems[0]!.message };
  try {
    return { output: executeTemplate(template, goData(), {}, { missingKey: 'zero' }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

const SKIP = process.env.KLAXON_SKIP_INTEROP === '1';
let amtool = '';
let dir = '';
let amtoolCalls = 0;

function amtoolRender(text: string): Outcome {
  amtoolCalls++;
  const run = spawnSync(amtool, [
    'template', 'render',
    `--template.glob=${join(dir, 'none.tmpl')}`,
    `--template.data=${join(dir, 'data.json')}`,
    `--template.text=${text}`,
  ], { encoding: 'utf8' });
  if (run.status === 0) return { output: run.stdout };
  return { error: run.stderr.replace(/\n+$/, '').replace(/^amtool: error: /, '') };
}

const marker = (i: number) => `\n@@CASE ${i}@@\n`;

/** Renders many templates that Klaxon renders without error in one amtool call; undefined when Go fails. */
function amtoolRenderBatch(texts: readonly string[]): string[] | undefined {
  const defines = texts.map((t, i) => `{{define "case${i}"}}${t}{{end}}`).join('');
  const calls = texts.map((_, i) => `${marker(i)}{{template "case${i}" .}}`).join('');
  const result = amtoolRender(defines + calls);
  if (!('output' in result)) return undefined;
  const parts = result.output.split(/\n@@CASE \d+@@\n/);
  return parts.length === texts.length + 1 ? parts.slice(1) : undefined;
}

type Case = { text: string; ours: Outcome };
type Mismatch = { text: string; klaxon: Outcome; go: Outcome };

/** Compares cases that Klaxon renders in as few amtool calls as it can, halving a batch that Go rejects. */
function compareRendered(cases: readonly Case[], mismatches: Mismatch[]): void {
  if (cases.length === 1) return compareOne(cases[0]!, mismatches);
  const outputs = amtoolRenderBatch(cases.map((c) => c.text));
  if (!outputs) {
    const half = Math.ceil(cases.length / 2);
    compareRendered(cases.slice(0, half), mismatches);
    compareRendered(cases.slice(half), mismatches);
    return;
  }
  cases.forEach((c, i) => {
    if ((c.ours as { output: string }).output !== outputs[i]) mismatches.push({ text: c.text, klaxon: c.ours, go: { output: outputs[i]! } });
  });
}

function compareOne(c: Case, mismatches: Mismatch[]): void {
  const go = amtoolRender(c.text);
  if (JSON.stringify(go) !== JSON.stringify(c.ours)) mismatches.push({ text: c.text, klaxon: c.ours, go });
}

/**
 * Differences Klaxon does not reproduce, each with its reason; mutated templates run into them.
 * Anything else that differs fails the test.
 */
const KNOWN_DIFFERENCES: ReadonlyArray<{ reason: string; explains(m: Mismatch): boolean }> = [
  {
    reason: "a verb other than %v/%s on a time.Time prints Go's private fields (wall, ext, loc), which Klaxon's time values do not have",
    explains: (m) => 'output' in m.go && m.go.output.includes('*time.Location='),
  },
  {
    reason: 'Go lets `slice` reach past a slice\'s length up to its capacity, which Go\'s allocator decides',
    explains: (m) => /slice \.Alerts/.test(m.text) && 'error' in m.klaxon && m.klaxon.error.includes('index out of range'),
  },
];

function unexplained(mismatches: Mismatch[]): Mismatch[] {
  return mismatches.filter((m) => !KNOWN_DIFFERENCES.some((d) => d.explains(m)));
}

/** Templates whose outcome differs between the engines, with both outcomes. */
function disagreements(texts: readonly string[]): Mismatch[] {
  const mismatches: Mismatch[] = [];
  const cases = texts.map((text) => ({ text, ours: klaxonRender(text) }));
  const batchable = cases.filter((c) => 'output' in c.ours && !/\{\{-?\s*(define|block|template)\b/.test(c.text));
  for (let start = 0; start < batchable.length; start += 64) compareRendered(batchable.slice(start, start + 64), mismatches);
  for (const c of cases.filter((c) => !batchable.includes(c))) compareOne(c, mismatches);
  return mismatches;
}

function findAmtool(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v amtool'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'amtool is not installed: this test compares templates with Go\'s via `amtool template render` ' +
      "(Debian package prometheus-alertmanager; .ci/run installs it). Set KLAXON_SKIP_INTEROP=1 to skip it.",
    );
  }
}

const TITLE = 'templates render as Go renders them (amtool template render)';
const suite = SKIP ? describe.skip : describe;

suite(SKIP ? `${TITLE}: skipped because KLAXON_SKIP_INTEROP=1` : TITLE, () => {
  beforeAll(() => {
    amtool = findAmtool();
    dir = mkdtempSync(join(tmpdir(), 'klaxon-template-'));
    writeFileSync(join(dir, 'none.tmpl'), '');
    writeFileSync(join(dir, 'data.json'), JSON.stringify(DATA));
  });

  beforeEach(() => {
    amtoolCalls = 0;
  });

  it('hand-written templates', () => {
    expect(disagreements(HAND_WRITTEN)).toEqual([]);
    // Templates that fail need a call each; the others share calls.
    expect(amtoolCalls).toBeLessThan(150);
  });

  it('generated printf formats and builtin calls', () => {
    const texts = generatedTemplates(Number(process.env.KLAXON_TEMPLATE_CASES ?? 400), Number(process.env.KLAXON_TEMPLATE_SEED ?? 20_240_301));
    const outcomes = texts.map(klaxonRender);
    // Both outcomes must be well represented, or agreement would prove little.
    expect(outcomes.filter((o) => 'output' in o).length).toBeGreaterThan(150);
    expect(outcomes.filter((o) => 'error' in o).length).toBeGreaterThan(20);
    expect(disagreements(texts)).toEqual([]);
    expect(amtoolCalls).toBeLessThan(texts.length / 4);
  });

  it('mutated hand-written templates (mostly syntax errors)', () => {
    const texts = mutatedTemplates(Number(process.env.KLAXON_TEMPLATE_MUTATIONS ?? 60), Number(process.env.KLAXON_TEMPLATE_SEED ?? 20_240_302));
    expect(unexplained(disagreements(texts))).toEqual([]);
  });
});
