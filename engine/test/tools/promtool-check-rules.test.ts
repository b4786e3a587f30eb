import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { requireTool } from './tool-path.js';

let promtool: string;
const dir = mkdtempSync(join(tmpdir(), 'klaxon-check-'));

beforeAll(() => {
  promtool = requireTool('promtool');
});

/** promtool's verdict and Klaxon's on the same rule file text. */
function verdicts(name: string, text: string): { promtool: boolean; klaxon: boolean; output: string } {
  const file = join(dir, `${name}.yml`);
  writeFileSync(file, text);
  const run = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
  const klaxonOk = !loadRuleFile(text, file).problems.some((p) => p.severity === 'error');
  return { promtool: run.status === 0, klaxon: klaxonOk, output: run.stdout + run.stderr };
}

const rule = (body: string) => `groups:\n  - name: g\n    rules:\n${body}`;

const CASES: Record<string, string> = {
  valid: rule('      - alert: A\n        expr: up == 0\n        for: 5m\n        labels: {severity: page}\n'),
  validRecording: rule('      - record: job:up:sum\n        expr: sum by (job) (up)\n'),
  syntaxError: rule('      - alert: A\n        expr: sum(rate(x[5m])\n'),
  typeError: rule('      - alert: A\n        expr: rate(x)\n'),
  bothAlertAndRecord: rule('      - alert: A\n        record: b\n        expr: up\n'),
  neither: rule('      - expr: up\n'),
  missingExpr: rule('      - alert: A\n'),
  forOnRecording: rule('      - record: r\n        expr: up\n        for: 5m\n'),
  badDuration: rule('      - alert: A\n        expr: up\n        for: five\n'),
  unknownRuleField: rule('      - alert: A\n        expr: up\n        sevrity: x\n'),
  duplicateGroup: 'groups:\n  - name: g\n    rules: []\n  - name: g\n    rules: []\n',
  yamlError: 'groups:\n  - name: [\n',
};

describe('klaxon and promtool check rules agree', () => {
  it.each(Object.entries(CASES))('%s', (name, text) => {
    const v = verdicts(name, text);
    expect({ name, klaxon: v.klaxon }, v.output).toEqual({ name, klaxon: v.promtool });
  });
});
