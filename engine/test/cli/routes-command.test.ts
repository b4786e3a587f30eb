import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routesCommand } from '../../src/cli/routes-command.js';
import { TWO_ROUTES_TREE } from '../alertmanager/routing/two-routes-tree.js';

const CONFIG = `route:
  receiver: default
  routes:
    - match_re:
        test: ^[12]$
      receiver: test1
      continue: true
    - matchers: ['test="2"']
      receiver: test2
receivers:
  - name: default
  - name: test1
  - name: test2
`;

const dir = mkdtempSync(join(tmpdir(), 'klaxon-routes-command-'));
const file = join(dir, 'alertmanager.yml');
writeFileSync(file, CONFIG);

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const status = await routesCommand.run(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { stdout, stderr, status };
}

describe('klaxon routes', () => {
  it('test prints the receivers in match order', async () => {
    expect(await run('test', '--config.file', file, 'test=2')).toEqual({ stdout: 'test1,test2\n', stderr: '', status: 0 });
    expect(await run('test', '--config.file', file, 'test=3')).toMatchObject({ stdout: 'default\n', status: 0 });
    expect(await run('test', `--config.file=${file}`, 'test="1"', 'other=x')).toMatchObject({ stdout: 'test1\n', status: 0 });
  });

  it('a repeated label keeps its last value', async () => {
    expect(await run('test', '--config.file', file, 'test=2', 'test=3')).toMatchObject({ stdout: 'default\n' });
  });

  it('test --tree prints the matching routes first', async () => {
    const { stdout } = await run('test', '--config.file', file, '--tree', 'test=1');
    expect(stdout).toBe('Matching routes:\n.\n└── default-route\n    └── {test=~"^(?:^[12]$)$"}  receiver: test1\n\n\ntest1\n');
  });

  it('--verify.receivers exits 1 with a warning when the receivers differ', async () => {
    expect(await run('test', '--config.file', file, '--verify.receivers=test1,test2', 'test=2')).toMatchObject({ status: 0, stdout: 'test1,test2\n' });
    expect(await run('test', '--config.file', file, '--verify.receivers=test1', 'test=2')).toMatchObject({
      status: 1,
      stdout: 'test1,test2\nWARNING: Expected receivers did not match resolved receivers.\n',
    });
  });

  it('rejects labels that are not name=value pairs', async () => {
    expect(await run('test', '--config.file', file, 'test!=2')).toMatchObject({ status: 1, stdout: '', stderr: 'klaxon routes: labels must be specified as key=value pairs\n' });
    const bad = await run('test', '--config.file', file, 'not a label');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/^klaxon routes: Failed to parse labels: /);
  });

  it('show prints the whole tree, and is what routes does without an action', async () => {
    expect(await run('show', '--config.file', file)).toEqual({ stdout: TWO_ROUTES_TREE, stderr: '', status: 0 });
    expect(await run('--config.file', file)).toEqual({ stdout: TWO_ROUTES_TREE, stderr: '', status: 0 });
  });

  it('prints the problems of a bad config with their places and exits 1', async () => {
    const badFile = join(dir, 'bad.yml');
    writeFileSync(badFile, 'route:\n  receiver: nobody\nreceivers:\n  - name: default\n');
    const { stdout, stderr, status } = await run('test', '--config.file', badFile, 'a=b');
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^${badFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: error: .*nobody`));
  });

  it('requires --config.file', async () => {
    await expect(run('test', 'a=b')).rejects.toThrow('--config.file FILE is required');
  });
});
