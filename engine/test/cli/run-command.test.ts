import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

async function klaxon(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { status, stdout, stderr };
}

const examples = join(import.meta.dirname, '../../../examples');

describe('klaxon run', () => {
  it('prints what the bundled example rules do over the example series', async () => {
    const { status, stdout } = await klaxon('run', join(examples, 'rules.yml'), '--series', join(examples, 'series.yml'));
    expect(status).toBe(0);
    expect(stdout).toMatch(/^34m\s+firing\s+InstanceDown\s+\{instance="api-1:9100", job="api", severity="warning"\}/m);
    expect(stdout).toMatch(/^41m\s+resolved\s+InstanceDown/m);
    expect(stdout).toContain('InstanceDown: fired 1 time(s), firing for 7m in total');
  });

  it('writes JSON on request', async () => {
    const { status, stdout } = await klaxon('run', '--format', 'json', join(examples, 'rules.yml'), '--series', join(examples, 'series.yml'));
    expect(status).toBe(0);
    const parsed = JSON.parse(stdout);
    expect(parsed.transitions.some((t: { alert: string; to: string }) => t.alert === 'HighErrorRate' && t.to === 'firing')).toBe(true);
  });

  it('reports file errors as file:line:col and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-run-'));
    writeFileSync(join(dir, 'r.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: sum(rate(x[5m])\n');
    writeFileSync(join(dir, 's.yml'), 'input_series: []\n');
    const { status, stderr } = await klaxon('run', join(dir, 'r.yml'), '--series', join(dir, 's.yml'));
    expect(status).toBe(1);
    expect(stderr).toMatch(/r\.yml:5:\d+: error: /);
  });

  it('rejects a missing --series with a usage error', async () => {
    const { status, stderr } = await klaxon('run', 'r.yml');
    expect(status).toBe(2);
    expect(stderr).toContain('--series FILE is required');
  });
});
