import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { generateRuleFiles, HAND_WRITTEN_CASES } from './rule-file-cases.js';
import { requireTool } from './tool-path.js';

let promtool: string;
const dir = mkdtempSync(join(tmpdir(), 'klaxon-check-'));

beforeAll(() => {
  promtool = requireTool('promtool');
});

interface Verdicts {
  name: string;
  promtool: boolean;
  klaxon: boolean;
  promtoolSays: string;
  klaxonSays: string[];
}

/**
 * promtool's verdict and Klaxon's on the same text. promtool 2.42 validates names with the legacy
 * scheme, so Klaxon runs with it here; its default is Prometheus 3's UTF-8 names.
 */
function verdicts(name: string, text: string): Verdicts {
  const file = join(dir, `${name}.yml`);
  writeFileSync(file, text);
  const run = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
  const errors = loadRuleFile(text, file, { nameValidation: 'legacy' }).problems.filter((p) => p.severity === 'error');
  return {
    name,
    promtool: run.status === 0,
    klaxon: errors.length === 0,
    promtoolSays: (run.stderr || run.stdout).replaceAll(dir, '').trim(),
    klaxonSays: errors.map((e) => e.message),
  };
}

function disagreements(cases: Iterable<[string, string]>): Verdicts[] {
  const out: Verdicts[] = [];
  for (const [name, text] of cases) {
    const v = verdicts(name, text);
    if (v.promtool !== v.klaxon) out.push(v);
  }
  return out;
}

describe('klaxon and promtool check rules agree', () => {
  it.each(Object.entries(HAND_WRITTEN_CASES))('%s', (name, text) => {
    const v = verdicts(name, text);
    expect({ name, valid: v.klaxon, klaxonSays: v.klaxonSays }).toEqual({ name, valid: v.promtool, klaxonSays: v.promtool ? [] : expect.anything() });
  });

  it('on generated rule files with templates', () => {
    const cases = generateRuleFiles(150, 1, { templates: true });
    expect(disagreements(cases.map((c) => [c.name, c.text]))).toEqual([]);
  });

  it('on generated rule files without templates', () => {
    const cases = generateRuleFiles(150, 2, { templates: false });
    const verdictsByTool = cases.map((c) => verdicts(c.name, c.text));
    expect(verdictsByTool.filter((v) => v.promtool !== v.klaxon)).toEqual([]);
    // The generator must exercise both verdicts, or agreement would prove little.
    expect(verdictsByTool.filter((v) => v.promtool).length).toBeGreaterThan(30);
    expect(verdictsByTool.filter((v) => !v.promtool).length).toBeGreaterThan(30);
  });
});
