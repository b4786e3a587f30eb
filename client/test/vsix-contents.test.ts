import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repoRoot = resolve(import.meta.dirname, '../..');

/** What `vsce package` would put in the .vsix, as `vsce ls` lists it from .vscodeignore. */
function packagedFiles(): string[] {
  const vsce = join(repoRoot, 'node_modules/.bin/vsce');
  const out = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' });
  return out.split('\n').map((l) => l.trim()).filter((l) => l !== '').sort();
}

describe('the .vsix', () => {
  it('holds only what runs: the two bundles, the grammars, the manifest, README and LICENSE', () => {
    const syntaxes = readdirSync(join(repoRoot, 'syntaxes')).map((f) => `syntaxes/${f}`);
    expect(packagedFiles()).toEqual(
      ['LICENSE', 'README.md', 'client/out/extension.js', 'package.json', 'server/out/server.js', ...syntaxes].sort(),
    );
  });

  it('needs no runtime asset besides the bundles: no SQLite store (a .wasm) and no worker script', () => {
    const server = readFileSync(join(repoRoot, 'server/out/server.js'), 'utf8');
    expect(server).not.toContain('node-sqlite3-wasm');
    expect(server).not.toMatch(/\.wasm\b/);
    expect(server).not.toMatch(/new Worker\(/);
  });

  it('bundles its dependencies: the only modules left to require are Node built-ins and vscode', () => {
    for (const bundle of ['client/out/extension.js', 'server/out/server.js']) {
      const text = readFileSync(join(repoRoot, bundle), 'utf8');
      const required = [...text.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]!);
      const external = required.filter((m) => m !== 'vscode' && !m.startsWith('node:') && !isBuiltin(m));
      expect(external, bundle).toEqual([]);
    }
  });
});

function isBuiltin(name: string): boolean {
  return BUILTINS.has(name.split('/')[0]!);
}

const BUILTINS = new Set(builtinModules);
