import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

function run(args: string[]) {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t) };
  return main(args, io).then((status) => ({ status, ...out }));
}

describe('klaxon export --alertmanager', () => {
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-export-'));
  const config = join(dir, 'alertmanager.yml');

  it('writes the configuration without Klaxon keys', async () => {
    writeFileSync(config, 'route: {receiver: r}  # root\nseverities: {aliases: {info: [fyi]}}\nreceivers: [{name: r}]\n');
    const out = join(dir, 'out.yml');
    const result = await run(['export', '--alertmanager', out, config]);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(readFileSync(out, 'utf8')).toBe('route: {receiver: r}  # root\nreceivers: [{name: r}]\n');
    expect((await run(['export', '--alertmanager', '-', config])).stdout).toBe('route: {receiver: r}  # root\nreceivers: [{name: r}]\n');
  });

  it('refuses a configuration with errors, printing them located', async () => {
    writeFileSync(config, 'route: {receiver: nobody}\nreceivers: [{name: r}]\n');
    const result = await run(['export', '--alertmanager', '-', config]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${config}:1:19: error: undefined receiver "nobody" used in route\n`);
  });

  it('needs --alertmanager and one file', async () => {
    expect((await run(['export', config])).status).toBe(2);
    expect((await run(['export', '--alertmanager', '-'])).status).toBe(2);
  });
});
