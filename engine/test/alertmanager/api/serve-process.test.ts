/**
 * `klaxon serve` as a process: nothing it answered 200 for is lost when it is killed with
 * SIGKILL right after the answer; SIGTERM stops it cleanly; SIGHUP reloads its configuration; a
 * configuration with errors keeps it from starting.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDirectory } from '../../store/temp-directory.js';
import { BASIC_CONFIG } from './api-server.js';
import { bundleKlaxon, killAllServeProcesses, startServe, type KlaxonBundle } from './serve-process.js';

let bundle: KlaxonBundle;
beforeAll(async () => {
  bundle = await bundleKlaxon();
});
afterEach(() => killAllServeProcesses());
afterAll(() => bundle.remove());

function setup(config = BASIC_CONFIG): { directory: string; args: string[] } {
  const directory = tempDirectory();
  writeFileSync(join(directory, 'alertmanager.yml'), config);
  return { directory, args: [`--config.file=${join(directory, 'alertmanager.yml')}`, `--storage.path=${join(directory, 'data')}`] };
}

const endsAt = () => new Date(Date.now() + 3_600_000).toISOString();

function post(url: string, path: string, body: unknown): Promise<Response> {
  return fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function alertNames(url: string): Promise<string[]> {
  const alerts = (await (await fetch(`${url}/api/v2/alerts`)).json()) as { labels: Record<string, string> }[];
  return alerts.map((a) => a.labels['alertname']!).sort();
}

describe('klaxon serve', () => {
  it('keeps every acknowledged alert and silence when killed with SIGKILL right after the 200', async () => {
    const { args } = setup();
    const acknowledged: string[] = [];
    const silences: string[] = [];
    for (let round = 0; round < 5; round++) {
      const server = await startServe(bundle, args);
      // Several requests in flight; the first 200 kills the process at once.
      const requests = Array.from({ length: 4 }, (_, i) => {
        const name = `R${round}_${i}`;
        return post(server.url, '/api/v2/alerts', [{ labels: { alertname: name }, endsAt: endsAt() }]).then(
          (response) => {
            if (response.status !== 200) return;
            acknowledged.push(name);
            server.child.kill('SIGKILL');
          },
          () => undefined,
        );
      });
      const silence = post(server.url, '/api/v2/silences', {
        matchers: [{ name: 'alertname', value: `R${round}_0`, isRegex: false }],
        startsAt: new Date().toISOString(),
        endsAt: endsAt(),
        createdBy: 'crash-test',
        comment: `round ${round}`,
      }).then(
        async (response) => {
          if (response.status !== 200) return;
          silences.push(((await response.json()) as { silenceID: string }).silenceID);
          server.child.kill('SIGKILL');
        },
        () => undefined,
      );
      await Promise.all([...requests, silence]);
      expect((await server.exited).signal).toBe('SIGKILL');
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(5);

    const server = await startServe(bundle, args);
    const stored = await alertNames(server.url);
    expect(acknowledged.filter((name) => !stored.includes(name))).toEqual([]);
    const storedSilences = ((await (await fetch(`${server.url}/api/v2/silences`)).json()) as { id: string }[]).map((s) => s.id);
    expect(silences.filter((id) => !storedSilences.includes(id))).toEqual([]);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('stops cleanly on SIGTERM, keeping what it stored', async () => {
    const { args } = setup();
    const first = await startServe(bundle, args);
    expect((await post(first.url, '/api/v2/alerts', [{ labels: { alertname: 'Kept' }, endsAt: endsAt() }])).status).toBe(200);
    expect(await first.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.log()).toMatch(/msg="Received SIGTERM, exiting gracefully\.\.\."/);
    expect(first.log()).toMatch(/msg=Stopped/);

    const second = await startServe(bundle, args);
    expect(await alertNames(second.url)).toEqual(['Kept']);
    expect(await second.stop('SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('reloads its configuration on SIGHUP and keeps the old one when the new one is bad', async () => {
    const { directory, args } = setup();
    const server = await startServe(bundle, args);
    const receivers = async () => ((await (await fetch(`${server.url}/api/v2/receivers`)).json()) as { name: string }[]).map((r) => r.name);
    expect(await receivers()).toEqual(['default', 'db']);

    writeFileSync(join(directory, 'alertmanager.yml'), BASIC_CONFIG.replace(/\bdb\b/g, 'database'));
    server.child.kill('SIGHUP');
    while ((await receivers()).includes('db')) await new Promise((r) => setTimeout(r, 50));
    expect(await receivers()).toEqual(['default', 'database']);

    writeFileSync(join(directory, 'alertmanager.yml'), 'route: {}\n');
    server.child.kill('SIGHUP');
    while (!server.log().includes('Loading configuration file failed')) await new Promise((r) => setTimeout(r, 50));
    expect(await receivers()).toEqual(['default', 'database']);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
  });

  it('does not start with a configuration that has errors, and says why', async () => {
    const { args } = setup('route:\n  receiver: nobody\n');
    await expect(startServe(bundle, args)).rejects.toThrow(/exited \(code 1.*undefined receiver \\"nobody\\" used in route/s);
  });

  it('never logs its secrets', async () => {
    const { directory, args } = setup(`global:\n  slack_api_url: http://hooks.example/very-secret-hook\n${BASIC_CONFIG}`);
    writeFileSync(join(directory, 'token'), 's3cret-token\n');
    const server = await startServe(bundle, [...args, `--web.auth.bearer-token-file=${join(directory, 'token')}`, '--log.level=debug']);
    expect((await fetch(`${server.url}/api/v2/alerts`)).status).toBe(401);
    const authorized = await fetch(`${server.url}/api/v2/status`, { headers: { authorization: 'Bearer s3cret-token' } });
    expect(JSON.stringify(await authorized.json())).not.toContain('very-secret-hook');
    await server.stop();
    expect(server.log()).not.toContain('s3cret-token');
    expect(server.log()).not.toContain('very-secret-hook');
    expect(server.log()).toContain('auth=true');
  });
});
