/** Starts Debian's prometheus-alertmanager (0.25) on a free local port with a temporary storage path. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireTool } from './tool-path.js';

export interface RunningAlertmanager {
  url: string;
  storagePath: string;
  /** Stops it with SIGTERM (it writes its snapshots then) and waits for the exit. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startAlertmanager(configYaml: string, extraFlags: string[] = []): Promise<RunningAlertmanager> {
  const binary = requireTool('prometheus-alertmanager');
  const dir = mkdtempSync(join(tmpdir(), 'klaxon-am-'));
  const configFile = join(dir, 'alertmanager.yml');
  const storagePath = join(dir, 'data');
  writeFileSync(configFile, configYaml);
  const port = await freePort();
  const child = spawn(binary, [
    `--config.file=${configFile}`,
    `--storage.path=${storagePath}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--cluster.listen-address=',
    ...extraFlags,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child, () => output.slice(-2000));
  return { url, storagePath, stop: () => stop(child) };
}

async function waitUntilReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (child.exitCode !== null) throw new Error(`alertmanager exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`alertmanager was not ready within 30 s: ${log()}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
