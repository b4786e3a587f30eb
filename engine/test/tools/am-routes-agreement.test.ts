/**
 * `klaxon routes show|test` against `amtool config routes show|test --config.file` (Debian's
 * Alertmanager 0.25): the same standard output and exit status, with and without `--tree` and
 * `--verify.receivers`, on Klaxon's routing fixtures (test/fixtures/alertmanager/routing) and on
 * generated configs and label sets.
 * amtool runs a few calls at a time; klaxon runs in this process.
 *
 * Without amtool on PATH the suite fails, unless KLAXON_SKIP_INTEROP=1 says to skip it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { parseMatcher } from '../../src/alertmanager/matchers/parse.js';
import { Route } from '../../src/alertmanager/routing/route.js';
import { routesCommand } from '../../src/cli/routes-command.js';
import { UsageError } from '../../src/cli/subcommand.js';
import { Labels } from '../../src/labels/labels.js';
import { readFixtures, ROUTING_FIXTURES_DIR } from '../fixtures/alertmanager/fixtures.js';
import { generatedConfig, generatedLabels, Random } from './am-routes-cases.js';
import { requireTool } from './tool-path.js';

const GENERATED_CONFIGS = 300;
const LABEL_SETS_PER_CONFIG = 2;
const PARALLEL_CALLS = 4;

interface Outcome {
  stdout: string;
  status: number;
}

interface Call {
  file: string;
  /** The arguments after `routes`, the same for amtool (after `config routes`) and klaxon. */
  args: string[];
}

interface Mismatch {
  call: Call;
  config: string;
  amtool: Outcome;
  klaxon: Outcome;
}

let amtool = '';
let dir = '';

function runAmtool(call: Call): Promise<Outcome> {
  const [action, ...rest] = call.args;
  return new Promise((resolvePromise) => {
    execFile(amtool, ['config', 'routes', action!, `--config.file=${call.file}`, ...rest], { encoding: 'utf8' }, (error, stdout) => {
      resolvePromise({ stdout, status: error ? (typeof error.code === 'number' ? error.code : -1) : 0 });
    });
  });
}

async function runKlaxon(call: Call): Promise<Outcome> {
  const [action, ...rest] = call.args;
  let stdout = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: () => undefined };
  try {
    const status = await routesCommand.run([action!, '--config.file', call.file, ...rest], io);
    return { stdout, status };
  } catch (e) {
    if (e instanceof UsageError) return { stdout, status: 2 };
    throw e;
  }
}

async function disagreements(calls: readonly Call[], configs: ReadonlyMap<string, string>): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const call = calls[next++]!;
      const [theirs, ours] = await Promise.all([runAmtool(call), runKlaxon(call)]);
      if (theirs.stdout !== ours.stdout || theirs.status !== ours.status) {
        mismatches.push({ call, config: configs.get(call.file) ?? '', amtool: theirs, klaxon: ours });
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_CALLS }, worker));
  return mismatches.slice(0, 5);
}

/** The receivers klaxon routes the labels to, and a wrong list: values for --verify.receivers. */
async function verifyValues(r: Random, file: string, labelArgs: string[]): Promise<{ right: string; wrong: string }> {
  const right = (await runKlaxon({ file, args: ['test', ...labelArgs] })).stdout.trim();
  const wrong = r.pick(['default', 'pager,slack', 'test1,test2', `${right},${right}`].filter((w) => w !== right));
  return { right, wrong };
}

/** Every way of calling `routes test` with these labels: plain, --tree, --verify.receivers right and wrong. */
async function allTestCalls(r: Random, file: string, labelArgs: string[]): Promise<Call[]> {
  const { right, wrong } = await verifyValues(r, file, labelArgs);
  return [[], ['--tree'], [`--verify.receivers=${right}`], [`--verify.receivers=${wrong}`], ['--tree', `--verify.receivers=${wrong}`]].map(
    (flags) => ({ file, args: ['test', ...flags, ...labelArgs] }),
  );
}

/**
 * One call of `routes test` with these labels and flags drawn at random: amtool takes a call per
 * label set, so the generated cases share the flags out rather than multiply them.
 */
async function randomTestCall(r: Random, file: string, labelArgs: string[]): Promise<Call> {
  const { right, wrong } = await verifyValues(r, file, labelArgs);
  const flags = [
    ...(r.chance(0.6) ? ['--tree'] : []),
    ...r.pick([[], [`--verify.receivers=${right}`], [`--verify.receivers=${wrong}`]]),
  ];
  return { file, args: ['test', ...flags, ...labelArgs] };
}

/** Label sets for `routes test` on the routing fixtures, quoted values and a repeated name among them. */
const FIXTURE_LABEL_SETS = [
  [],
  ['service=web'],
  ['service=api', 'severity=page'],
  ['service="web"', 'severity=warning', 'env=prod'],
  ['service=web', 'severity=page', 'team=platform'],
  ['team=platform', 'region=eu'],
  ['team=platform', 'region=us', 'env=staging'],
  ['team=platform', 'region=eu-west', 'env=prod', 'severity=page', 'service=api'],
  ['team=platform', 'region=eu-west', 'env=staging', 'severity=info'],
  ['service=db', 'env=dev'],
  ['service='],
  ['service=db', 'service=web', 'severity=page'],
];

const SKIP = process.env.KLAXON_SKIP_INTEROP === '1';
const TITLE = 'klaxon routes agrees with amtool config routes';
const suite = SKIP ? describe.skip : describe;

suite(SKIP ? `${TITLE}: skipped because KLAXON_SKIP_INTEROP=1` : TITLE, () => {
  beforeAll(() => {
    amtool = requireTool('amtool');
    dir = mkdtempSync(join(tmpdir(), 'klaxon-routes-'));
  });

  it('on the routing fixtures', async () => {
    const r = new Random(7);
    const fixtures = readFixtures(ROUTING_FIXTURES_DIR);
    expect(fixtures.length).toBeGreaterThanOrEqual(2);
    const calls: Call[] = [];
    for (const { path: file } of fixtures) {
      calls.push({ file, args: ['show'] });
      for (const labels of FIXTURE_LABEL_SETS) calls.push(...(await allTestCalls(r, file, labels)));
      // Arguments that are not name=value pairs fail in both.
      calls.push({ file, args: ['test', 'service!=api'] }, { file, args: ['test', 'not a label'] });
    }
    expect(await disagreements(calls, new Map(fixtures.map((f) => [f.path, f.text])))).toEqual([]);
    // In every fixture some label sets stay at the root and some reach several receivers.
    for (const { path: file } of fixtures) {
      const receivers = await Promise.all(FIXTURE_LABEL_SETS.map(async (labels) => (await runKlaxon({ file, args: ['test', ...labels] })).stdout.trim()));
      expect(receivers, file).toContain('fallback');
      expect(receivers.some((list) => list.includes(',')), file).toBe(true);
    }
  });

  it(`on ${GENERATED_CONFIGS} generated configs`, async () => {
    const r = new Random(20240601);
    const configs = new Map<string, string>();
    const calls: Call[] = [];
    const routed = { pastRoot: 0, toSeveral: 0 };
    for (let i = 0; i < GENERATED_CONFIGS; i++) {
      const config = generatedConfig(r);
      const file = join(dir, `config-${i}.yml`);
      writeFileSync(file, config);
      configs.set(file, config);
      const loaded = loadAlertmanagerConfig(config, file);
      // Valid configs only: on those the two must print the same, not merely both fail.
      expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const root = Route.fromConfig(loaded.config!.route);
      calls.push({ file, args: ['show'] });
      for (let j = 0; j < LABEL_SETS_PER_CONFIG; j++) {
        const labelArgs = generatedLabels(r);
        calls.push(await randomTestCall(r, file, labelArgs));
        const routes = root.match(Labels.from(labelArgs.map((arg) => parseMatcher(arg, 'classic')).map((m) => [m.name, m.value] as const)));
        if (routes[0] !== root) routed.pastRoot++;
        if (routes.length > 1) routed.toSeveral++;
      }
    }
    expect(await disagreements(calls, configs)).toEqual([]);
    // Alerts go past the root, and to several receivers, often enough for the comparison to mean something.
    const labelSets = GENERATED_CONFIGS * LABEL_SETS_PER_CONFIG;
    expect(routed.pastRoot).toBeGreaterThan(labelSets / 2);
    expect(routed.toSeveral).toBeGreaterThan(labelSets / 10);
  });
});
