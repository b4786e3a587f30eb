/**
 * `klaxon serve` as a real process: the CLI bundled from source with esbuild (as the store's
 * crash test bundles its child), started on a free port, its address read from its log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const engineDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface KlaxonBundle {
  script: string;
  remove(): void;
}

/** Bundles `klaxon` (src/cli/main.ts) into a temporary directory. */
export async function bundleKlaxon(): Promise<KlaxonBundle> {
  const directory = mkdtempSync(join(tmpdir(), 'klaxon-serve-bundle-'));
  const script = join(directory, 'klaxon.mjs');
  await build({
    entryPoints: [join(engineDirectory, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    banner: { js: "import { createRequire as __klaxonCreateRequire } from 'node:module'; const require = __klaxonCreateRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return { script, remove: () => rmSync(directory, { recursive: true, force: true }) };
}

/** The node_modules folder that holds node-sqlite3-wasm, which the bundle loads at run time. */
function sqliteModulesFolder(): string {
  const entry = createRequire(import.meta.url).resolve('node-sqlite3-wasm');
  return entry.slice(0, entry.lastIndexOf('node_modules') + 'node_modules'.length);
}

export interface ServeProcess {
  /** `http://127.0.0.1:<port>`, as the process logged it. */
  url: string;
  child: ChildProcess;
  /** Everything it logged so far. */
  log(): string;
  /** Resolves with how it ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after 10 s. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started = new Set<ChildProcess>();

/** Kills every process started here that is still running (for afterAll/afterEach). */
export function killAllServeProcesses(): void {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  started.clear();
}

/**
 * Starts `klaxon serve` with `args` (listening on 127.0.0.1:0 unless args say otherwise) and
 * resolves once it logs that it listens; rejects with its log if it exits first.
 */
export function startServe(bundle: KlaxonBundle, args: readonly string[], cwd?: string): Promise<ServeProcess> {
  const listen = args.some((a) => a.startsWith('--web.listen-address')) ? [] : ['--web.listen-address=127.0.0.1:0'];
  const child = spawn(process.execPath, [bundle.script, 'serve', ...listen, ...args], {
    cwd,
    env: { ...process.env, NODE_PATH: sqliteModulesFolder() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.add(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    child.on('close', (code, signal) => {
      started.delete(child);
      resolveExit({ code, signal });
    });
  });
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`klaxon serve did not listen within 30 s:\n${output}`));
    }, 30_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const address = /msg=Listening address=(http:\/\/\S+)/.exec(output)?.[1];
      if (!address) return;
      clearTimeout(timer);
      resolveStart({
        url: address,
        child,
        log: () => output,
        exited,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) {
            child.kill(signal);
            const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
            const result = await exited;
            clearTimeout(force);
            return result;
          }
          return exited;
        },
      });
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`klaxon serve exited (code ${code}, signal ${signal}) before listening:\n${output}`));
    });
  });
}
