/**
 * loadAlertmanagerConfig against `amtool check-config` (Debian's Alertmanager 0.25): on
 * Klaxon's config fixtures (test/fixtures/alertmanager/configs) and on generated configs, amtool accepts a file exactly when
 * Klaxon reports no error (warnings allowed). What `exportAlertmanagerConfig` writes for a config
 * with Klaxon's keys must be accepted too.
 *
 * Left out by design: integrations that came after 0.25 (msteams, jira, ...), which Klaxon accepts
 * with a warning and 0.25 rejects (checked separately below), and Klaxon's own top-level keys,
 * which amtool sees only after export.
 *
 * Without amtool on PATH the suite fails, unless KLAXON_SKIP_INTEROP=1 says to skip it.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAlertmanagerConfig } from '../../src/alertmanager/config/export-config.js';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { checkTemplateFiles } from '../../src/alertmanager/config/template-files.js';
import { CONFIG_FIXTURES_DIR, readFixtures } from '../fixtures/alertmanager/fixtures.js';
import { ConfigGenerator, klaxonKeys, renderConfig } from './am-config-cases.js';
import { Random } from './am-routes-cases.js';
import { requireTool } from './tool-path.js';

const GENERATED = Number(process.env.KLAXON_AM_CONFIG_CASES ?? 400);
const EXPORTED = 60;
const FILES_PER_CALL = 40;

interface Verdict {
  accepted: boolean;
  /** amtool's FAILED lines, or Klaxon's errors. */
  messages: string[];
}

let amtool = '';
let dir = '';

function runAmtool(files: string[]): Promise<string> {
  return new Promise((resolvePromise) => {
    execFile(amtool, ['check-config', ...files], { encoding: 'utf8', maxBuffer: 64 << 20 }, (_error, stdout, stderr) => resolvePromise(`${stdout}\n${stderr}`));
  });
}

/** amtool's verdict for each file: one call for many files, one call each when amtool crashes on one. */
async function amtoolVerdicts(files: string[]): Promise<Map<string, Verdict>> {
  const verdicts = new Map<string, Verdict>();
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += FILES_PER_CALL) batches.push(files.slice(i, i + FILES_PER_CALL));
  const outputs = await Promise.all(batches.map(runAmtool));
  const retry: string[] = [];
  batches.forEach((batch, i) => {
    const blocks = splitBlocks(outputs[i]!);
    for (const file of batch) {
      const block = blocks.get(file);
      if (block === undefined || (/panic:/.test(outputs[i]!) && !/SUCCESS|FAILED/.test(block))) retry.push(file);
      else verdicts.set(file, verdictOf(block));
    }
  });
  for (const file of retry) {
    const output = await runAmtool([file]);
    verdicts.set(file, /panic:/.test(output) ? { accepted: false, messages: ['amtool crashed'] } : verdictOf(splitBlocks(output).get(file) ?? 'FAILED: no output'));
  }
  return verdicts;
}

function splitBlocks(output: string): Map<string, string> {
  const blocks = new Map<string, string>();
  const parts = output.split(/^Checking '/m).slice(1);
  for (const part of parts) {
    const end = part.indexOf("'");
    blocks.set(part.slice(0, end), part.slice(end + 1));
  }
  return blocks;
}

function verdictOf(block: string): Verdict {
  const failures = [...block.matchAll(/FAILED: (.*)/g)].map((m) => m[1]!);
  return { accepted: failures.length === 0 && block.includes('SUCCESS'), messages: failures };
}

/** The loader's verdict, and like amtool, the template files' when the config loads. */
function klaxonVerdict(text: string, file: string): Verdict {
  const { config, problems } = loadAlertmanagerConfig(text, file);
  const errors = problems.filter((p) => p.severity === 'error');
  if (config && errors.length === 0) errors.push(...checkTemplateFiles(config, file));
  return { accepted: errors.length === 0, messages: errors.map((p) => p.message) };
}

interface Case {
  file: string;
  text: string;
}

function writeCase(name: string, text: string): Case {
  const file = join(dir, name);
  writeFileSync(file, text);
  return { file, text };
}

async function disagreements(cases: Case[]) {
  const amtoolSays = await amtoolVerdicts(cases.map((c) => c.file));
  return cases.flatMap(({ file, text }) => {
    const amtool = amtoolSays.get(file)!;
    const klaxon = klaxonVerdict(text, file);
    return amtool.accepted === klaxon.accepted ? [] : [{ file, text, amtool, klaxon }];
  });
}

/** Klaxon's keys put before, between or after the Alertmanager keys of a generated config. */
function withKlaxonKeys(config: string, r: Random): string {
  const lines = config.split('\n');
  const topLevel = lines.flatMap((line, i) => (/^\S/.test(line) ? [i] : []));
  const at = r.pick([0, ...topLevel, lines.length - 1]);
  return [...lines.slice(0, at), klaxonKeys(r).trimEnd(), ...lines.slice(at)].join('\n');
}

const SKIP = process.env.KLAXON_SKIP_INTEROP === '1';
const TITLE = 'loadAlertmanagerConfig agrees with amtool check-config';
const suite = SKIP ? describe.skip : describe;

suite(SKIP ? `${TITLE}: skipped because KLAXON_SKIP_INTEROP=1` : TITLE, () => {
  beforeAll(() => {
    amtool = requireTool('amtool');
    dir = mkdtempSync(join(tmpdir(), 'klaxon-am-config-'));
  });

  it('on the config fixtures, accepting exactly those named good.*', async () => {
    const fixtures = readFixtures(CONFIG_FIXTURES_DIR);
    expect(fixtures.length).toBeGreaterThan(20);
    const cases = fixtures.map(({ name, text }) => writeCase(name, text));
    expect(await disagreements(cases)).toEqual([]);
    const good = fixtures.filter(({ name }) => name.startsWith('good.')).map(({ name }) => name);
    const accepted = cases.filter((c) => klaxonVerdict(c.text, c.file).accepted).map((c) => basename(c.file));
    expect(accepted).toEqual(good);
    expect(good.length).toBeGreaterThan(10);
    expect(fixtures.length - good.length).toBeGreaterThan(10);
  });

  it(`on ${GENERATED} generated configs, valid and invalid`, async () => {
    const cases = Array.from({ length: GENERATED }, (_, i) => writeCase(`generated-${i}.yml`, renderConfig(new ConfigGenerator(new Random(i + 1)).config())));
    const mismatches = await disagreements(cases);
    expect(mismatches).toEqual([]);
    // Both outcomes must be well represented for the agreement to mean something.
    const accepted = cases.filter((c) => klaxonVerdict(c.text, c.file).accepted).length;
    expect(accepted).toBeGreaterThan(GENERATED * 0.25);
    expect(accepted).toBeLessThan(GENERATED * 0.75);
  });

  it('on configs whose templates match files, good and bad', async () => {
    const templates = join(dir, 'templates');
    mkdirSync(join(templates, 'folder.tmpl'), { recursive: true });
    const files: Record<string, string> = {
      'good.tmpl': '{{ define "slack.title" }}{{ .Status | toUpper }} {{ join .GroupLabels.Values ", " }}{{ end }}',
      'good2.tmpl': '{{ define "x" }}{{ range .Alerts }}{{ reReplaceAll "a" "b" .Labels.job | title }}{{ end }}{{ end }}',
      'unclosed.tmpl': '{{ define "x" }}{{ .Status }',
      'prometheus-only.tmpl': '{{ define "x" }}{{ humanize 1 }}{{ end }}',
      'end.tmpl': '{{ end }}',
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(templates, name), text);
    const globs = ['templates/good.tmpl', 'templates/good*.tmpl', 'templates/*.tmpl', 'templates/[gu]*.tmpl', 'templates/unclosed.tmpl', 'templates/prometheus-only.tmpl', 'templates/end.tmpl', `${templates}/good?.tmpl`, 'templates/folder.tmpl', 'templates/none-*.tmpl', 'templates/[!a]*', 'templates/*/x'];
    const cases = globs.map((g, i) => writeCase(`templated-${i}.yml`, `route: {receiver: r}\nreceivers: [{name: r}]\ntemplates: [${JSON.stringify(g)}]\n`));
    const mismatches = await disagreements(cases);
    expect(mismatches).toEqual([]);
    expect(cases.filter((c) => klaxonVerdict(c.text, c.file).accepted).length).toBeGreaterThan(2);
    expect(cases.filter((c) => !klaxonVerdict(c.text, c.file).accepted).length).toBeGreaterThan(2);
  });

  it('accepts what exportAlertmanagerConfig writes for configs with Klaxon keys', async () => {
    const cases: Case[] = [];
    for (let seed = 1; cases.length < EXPORTED; seed++) {
      const r = new Random(10_000 + seed);
      const config = renderConfig(new ConfigGenerator(r).config());
      const text = withKlaxonKeys(config, r);
      if (!klaxonVerdict(text, 'with-keys.yml').accepted) continue;
      cases.push(writeCase(`exported-${seed}.yml`, exportAlertmanagerConfig(text)));
    }
    const verdicts = await amtoolVerdicts(cases.map((c) => c.file));
    const rejected = cases.filter((c) => !verdicts.get(c.file)!.accepted).map((c) => ({ ...c, amtool: verdicts.get(c.file) }));
    expect(rejected).toEqual([]);
  });

  it('disagrees by design on integrations that came after 0.25: amtool rejects, Klaxon warns', async () => {
    const configs = {
      msteams: 'msteams_configs: [{webhook_url: "https://example.com/hook"}]',
      msteamsv2: 'msteamsv2_configs: [{webhook_url: "https://example.com/hook"}]',
      jira: 'jira_configs: [{api_url: "https://example.atlassian.net", project: OPS, issue_type: Bug}]',
      rocketchat: 'rocketchat_configs: [{token: t, token_id: i}]',
      mattermost: 'mattermost_configs: [{webhook_url: "https://example.com/hook"}]',
      incidentio: 'incidentio_configs: [{url: "https://example.com/hook", alert_source_token: t}]',
    };
    const cases = Object.entries(configs).map(([type, line]) => writeCase(`newer-${type}.yml`, `route: {receiver: r}\nreceivers:\n- name: r\n  ${line}\n`));
    const verdicts = await amtoolVerdicts(cases.map((c) => c.file));
    for (const c of cases) {
      expect(verdicts.get(c.file)!.accepted, c.file).toBe(false);
      const problems = loadAlertmanagerConfig(c.text, c.file).problems;
      expect(problems.filter((p) => p.severity === 'error'), c.file).toEqual([]);
      expect(problems.some((p) => p.severity === 'warning' && p.message.includes('not supported by Alertmanager 0.25')), c.file).toBe(true);
    }
  });
});
