/** `klaxon serve`'s flags: Alertmanager's names and defaults, and refusals of bad values (secrets never echoed). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BODY_BYTES, parseListenAddress, parseServeArgs, serveCommand } from '../../src/cli/serve-command.js';
import { UsageError } from '../../src/cli/subcommand.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function secretFile(content: string): string {
  const directory = mkdtempSync(join(tmpdir(), 'klaxon-serve-args-'));
  directories.push(directory);
  const file = join(directory, 'secret');
  writeFileSync(file, content);
  return file;
}

describe('parseServeArgs', () => {
  it("has Alertmanager's defaults, listening on 127.0.0.1", () => {
    expect(parseServeArgs([])).toEqual({
      configFile: 'alertmanager.yml',
      storagePath: 'data/',
      storageSync: 'normal',
      host: '127.0.0.1',
      port: 9093,
      externalURL: undefined,
      retention: 120 * 3_600_000,
      auth: {},
      maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
      logLevel: 'info',
    });
    expect(parseServeArgs(['--help'])).toBe('help');
  });

  it('reads every flag, in both --flag=value and --flag value forms', () => {
    const token = secretFile('t0ken\n');
    const password = secretFile('pa55');
    const options = parseServeArgs([
      '--config.file=am.yml',
      '--storage.path',
      '/var/lib/klaxon',
      '--storage.sync=full',
      '--web.listen-address=[::1]:9999',
      '--web.external-url=https://alerts.example/am/',
      '--data.retention=36h30m',
      `--web.auth.bearer-token-file=${token}`,
      '--web.auth.basic-user=ops',
      `--web.auth.basic-password-file=${password}`,
      '--web.max-body-bytes=1000',
      '--log.level=debug',
    ]);
    expect(options).toEqual({
      configFile: 'am.yml',
      storagePath: '/var/lib/klaxon',
      storageSync: 'full',
      host: '::1',
      port: 9999,
      externalURL: 'https://alerts.example/am/',
      retention: 36.5 * 3_600_000,
      auth: { bearerToken: 't0ken', basic: { user: 'ops', password: 'pa55' } },
      maxBodyBytes: 1000,
      logLevel: 'debug',
    });
  });

  it('refuses bad values with usage errors that never show a secret', () => {
    const refused = (args: string[]) => {
      try {
        parseServeArgs(args);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      throw new Error(`accepted ${args.join(' ')}`);
    };
    expect(refused(['--web.listen-address=localhost'])).toMatch(/invalid --web.listen-address "localhost"/);
    expect(refused(['--web.external-url=ftp://x/'])).toMatch(/only 'http' and 'https'/);
    expect(refused(['--data.retention=5 days'])).toMatch(/invalid --data.retention: time: /);
    expect(refused(['--web.max-body-bytes=0'])).toMatch(/positive number of bytes/);
    expect(refused(['--storage.sync=off'])).toMatch(/--storage.sync must be normal or full/);
    expect(refused(['--log.level=loud'])).toMatch(/--log.level must be one of/);
    expect(refused(['--web.auth.basic-user=ops'])).toMatch(/go together/);
    expect(refused(['--web.auth.bearer-token-file=/nonexistent/token'])).toMatch(/cannot read --web.auth.bearer-token-file \/nonexistent\/token: ENOENT/);
    expect(refused([`--web.auth.bearer-token-file=${secretFile('\n')}`])).toMatch(/is empty/);
  });

  it('reads listen addresses as Go splits them; an empty host means every interface', () => {
    expect(parseListenAddress(':9093')).toEqual({ host: '0.0.0.0', port: 9093 });
    expect(parseListenAddress('127.0.0.1:0')).toEqual({ host: '127.0.0.1', port: 0 });
    expect(() => parseListenAddress('127.0.0.1:70000')).toThrow(UsageError);
  });
});

describe('klaxon serve', () => {
  it('prints its help, and exits with 1 when the configuration cannot be read', async () => {
    let out = '';
    expect(await serveCommand.run(['--help'], { stdout: (t) => (out += t), stderr: () => {} })).toBe(0);
    expect(out).toContain('--web.listen-address');
    let err = '';
    const directory = mkdtempSync(join(tmpdir(), 'klaxon-serve-'));
    directories.push(directory);
    const status = await serveCommand.run([`--config.file=${join(directory, 'missing.yml')}`, `--storage.path=${join(directory, 'data')}`, '--web.listen-address=127.0.0.1:0'], {
      stdout: () => {},
      stderr: (t) => (err += t),
    });
    expect(status).toBe(1);
    expect(err).toMatch(/level=error msg="Failed to start" err=".*missing\.yml: ENOENT"/);
  });
});
