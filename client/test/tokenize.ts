/**
 * Tokenizes text with the extension's grammars over VS Code 1.100.3's own YAML grammar, as the
 * editor does: vscode-textmate with the oniguruma regex engine compiled to WebAssembly.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar, type StateStack } from 'vscode-textmate';

const require = createRequire(import.meta.url);
const repoRoot = resolve(import.meta.dirname, '../..');
const yamlGrammarDir = join(import.meta.dirname, 'fixtures/vscode-yaml-grammar');

interface GrammarContribution {
  scopeName: string;
  path: string;
  injectTo?: string[];
}

export interface Token {
  text: string;
  scopes: string[];
}

/** Scope name → grammar file: VS Code's YAML grammars and every grammar the manifest contributes. */
async function grammarFiles(): Promise<{ files: Map<string, string>; injections: Map<string, string[]> }> {
  const manifest = JSON.parse(await readFile(join(repoRoot, 'package.json'), 'utf8'));
  const contributed: GrammarContribution[] = manifest.contributes.grammars;
  const files = new Map<string, string>([
    ['source.yaml', join(yamlGrammarDir, 'yaml.tmLanguage.json')],
    ['source.yaml.embedded', join(yamlGrammarDir, 'yaml-embedded.tmLanguage.json')],
    ...['1.0', '1.1', '1.2', '1.3'].map((v): [string, string] => [`source.yaml.${v}`, join(yamlGrammarDir, `yaml-${v}.tmLanguage.json`)]),
  ]);
  const injections = new Map<string, string[]>();
  for (const g of contributed) {
    files.set(g.scopeName, join(repoRoot, g.path));
    for (const target of g.injectTo ?? []) injections.set(target, [...(injections.get(target) ?? []), g.scopeName]);
  }
  return { files, injections };
}

let registry: Promise<Registry> | undefined;

async function createRegistry(): Promise<Registry> {
  const wasm = await readFile(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const { files, injections } = await grammarFiles();
  return new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      return file === undefined ? null : parseRawGrammar(await readFile(file, 'utf8'), file);
    },
    getInjections: (scopeName) => injections.get(scopeName),
  });
}

export async function loadGrammar(scopeName: string): Promise<IGrammar> {
  registry ??= createRegistry();
  const grammar = await (await registry).loadGrammar(scopeName);
  if (grammar === null) throw new Error(`no grammar for ${scopeName}`);
  return grammar;
}

/** The tokens of each line of `text`, tokenized in order as the editor does. */
export async function tokenizeLines(scopeName: string, text: string): Promise<Token[][]> {
  const grammar = await loadGrammar(scopeName);
  let state: StateStack = INITIAL;
  return text.split('\n').map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the first token on `line` whose text is exactly `text`. */
export function scopesOf(line: Token[], text: string): string[] {
  const token = line.find((t) => t.text === text);
  if (token === undefined) throw new Error(`no token "${text}" in ${JSON.stringify(line.map((t) => t.text))}`);
  return token.scopes;
}
