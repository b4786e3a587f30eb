/**
 * Runs code-server 4.100.3 (VS Code 1.100.3 for the browser) the way code-server's own end-to-end
 * harness does: its own config file, a fresh user-data and extensions directory, no auth, a free
 * port, and the listening URL read from its output.
 */
import { spawn, execFile } from 'node:child_process';
import { mkdir, writeFile, access } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The code-server that scripts/setup-code-server.sh installs (into $KLAXON_CODE_SERVER_DIR if set, else the user's cache). */
export async function findCodeServer() {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const dir = process.env.KLAXON_CODE_SERVER_DIR ?? join(cache, 'klaxon/code-server');
  const bin = join(dir, 'node_modules/.bin/code-server');
  try {
    await access(bin);
  } catch {
    throw new Error(`code-server not found at ${bin}: run scripts/setup-code-server.sh first`);
  }
  return bin;
}

/** Creates a profile directory whose settings keep VS Code's welcome pages and prompts away. */
export async function createProfile(dir, settings = {}) {
  await mkdir(join(dir, 'user-data/User'), { recursive: true });
  await writeFile(join(dir, 'config.yaml'), '');
  await writeFile(
    join(dir, 'user-data/User/settings.json'),
    JSON.stringify({ 'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, ...settings }, null, 2),
  );
  return {
    dir,
    args: ['--config', join(dir, 'config.yaml'), '--user-data-dir', join(dir, 'user-data'), '--extensions-dir', join(dir, 'extensions')],
  };
}

export async function installExtension(bin, profile, vsix) {
  const { stdout } = await run(bin, [...profile.args, '--install-extension', vsix, '--force']);
  if (!/successfully installed/.test(stdout)) throw new Error(`installing ${vsix} failed:\n${stdout}`);
  return stdout.trim();
}

/**
 * Starts code-server; `url` resolves once it serves, `pid` is the process started (the ancestor of
 * its extension hosts), `stop()` ends it and what it started.
 */
export function startCodeServer(bin, profile, { log = () => {} } = {}) {
  const child = spawn(
    bin,
    [
      ...profile.args,
      '--auth', 'none',
      '--bind-addr', '127.0.0.1:0',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
    ],
    { env: { ...process.env, EXTENSIONS_GALLERY: '{}' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  const url = new Promise((resolveUrl, reject) => {
    let output = '';
    const onData = (chunk) => {
      const text = chunk.toString();
      log(text);
      output += text;
      const match = /HTTP server listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) resolveUrl(match[1].replace(/\/$/, ''));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`code-server exited with ${code} before listening:\n${output}`)));
  });
  return { url, stop, pid: child.pid };
}
