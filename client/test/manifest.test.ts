import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINTS } from '../../engine/src/check/lints/all-lints.js';
import { COMMAND_IDS } from '../src/command-ids.js';
import { DOCUMENT_SELECTOR } from '../src/documents.js';

const repoRoot = resolve(import.meta.dirname, '../..');
const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const settings: Record<string, { enum?: string[]; items?: { enum?: string[]; enumDescriptions?: string[] } }> =
  contributes.configuration.properties;

describe('the extension manifest', () => {
  it('declares exactly the commands the extension registers', () => {
    expect(contributes.commands.map((c: { command: string }) => c.command).sort()).toEqual([...COMMAND_IDS].sort());
  });

  it('offers every lint of klaxon check, and only those, in klaxon.lint.disabled', () => {
    const lintSetting = settings['klaxon.lint.disabled']!.items!;
    expect(lintSetting.enum).toEqual(LINTS.map((l) => l.name));
    expect(lintSetting.enumDescriptions).toEqual(LINTS.map((l) => l.summary));
  });

  it('contributes the settings the server reads', () => {
    expect(Object.keys(settings).sort()).toEqual(
      [
        'klaxon.files.alertmanagerConfigs',
        'klaxon.files.ruleFiles',
        'klaxon.files.unitTests',
        'klaxon.lint.disabled',
        'klaxon.prometheus.url',
        'klaxon.trace.server',
      ].sort(),
    );
    expect(settings['klaxon.trace.server']!.enum).toEqual(['off', 'messages', 'verbose']);
  });

  it('points at grammar and language-configuration files that exist', () => {
    const paths = [
      ...contributes.grammars.map((g: { path: string }) => g.path),
      ...contributes.languages.map((l: { configuration: string }) => l.configuration),
    ];
    for (const path of paths) expect(existsSync(join(repoRoot, path)), path).toBe(true);
  });

  it('activates on, and hands the server, YAML and the promqltest language it contributes', () => {
    const languages = DOCUMENT_SELECTOR.map((f) => (typeof f === 'string' ? f : f.language));
    const contributed = contributes.languages.map((l: { id: string }) => l.id);
    for (const language of new Set(languages)) {
      expect(language === 'yaml' || contributed.includes(language), String(language)).toBe(true);
      expect(manifest.activationEvents).toContain(`onLanguage:${language}`);
    }
    expect(contributes.languages.find((l: { id: string }) => l.id === 'promqltest').extensions).toEqual(['.test']);
  });

  it('injects the expression grammar into YAML', () => {
    const injection = contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo !== undefined);
    expect(injection.injectTo).toEqual(['source.yaml']);
    expect(Object.values(injection.embeddedLanguages)).toEqual(['promql']);
  });

  it('runs on the VS Code that code-server 4.100.3 is', () => {
    expect(manifest.engines.vscode).toBe('^1.100.0');
    expect(manifest.main).toBe('./client/out/extension.js');
  });
});
