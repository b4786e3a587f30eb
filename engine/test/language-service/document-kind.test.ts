import { describe, expect, it } from 'vitest';
import { detectDocumentKind } from '../../src/language-service/documents/document-kind.js';
import { matchesGlob } from '../../src/language-service/documents/glob-match.js';
import { ALERTMANAGER, RULES, UNIT_TEST } from './service-helpers.js';

describe('document kinds', () => {
  const kind = (uri: string, text: string, settings = {}) => detectDocumentKind(uri, text, settings, ['/ws']);

  it('tells YAML files apart by their top-level keys', () => {
    expect(kind('file:///ws/a.yml', RULES)).toBe('rules');
    expect(kind('file:///ws/b.yaml', UNIT_TEST)).toBe('unit-test');
    expect(kind('file:///ws/c.yml', ALERTMANAGER)).toBe('alertmanager');
  });

  it('ignores other YAML, even with keys that only hint at a kind', () => {
    expect(kind('file:///ws/values.yml', 'global:\n  image: nginx\n')).toBeUndefined();
    expect(kind('file:///ws/ci.yml', 'jobs:\n  build: {}\n')).toBeUndefined();
    expect(kind('file:///ws/empty.yml', '')).toBeUndefined();
  });

  it('knows promqltest scripts and templates by extension, and nothing else that is not YAML', () => {
    expect(kind('file:///ws/x.test', 'load 5m\n')).toBe('promql-test');
    expect(kind('file:///ws/t/chat.tmpl', '{{ define "x" }}{{ end }}')).toBe('template');
    expect(kind('file:///ws/notes.txt', RULES)).toBeUndefined();
  });

  it('lets settings globs pin a kind whatever the content', () => {
    const settings = { fileKinds: { rules: ['rules/**/*.yml'], alertmanager: ['*.am.yml'] } };
    expect(kind('file:///ws/rules/x/empty.yml', '', settings)).toBe('rules');
    expect(kind('file:///elsewhere/conf.am.yml', 'x: 1', settings)).toBe('alertmanager');
    expect(kind('file:///ws/other/empty.yml', '', settings)).toBeUndefined();
  });

  it('matches globs with **, alternatives and classes', () => {
    expect(matchesGlob('/ws/a/b/c.yml', '**/*.yml', ['/ws'])).toBe(true);
    expect(matchesGlob('/ws/a.yaml', '*.{yml,yaml}', [])).toBe(true);
    expect(matchesGlob('/ws/r1.yml', 'r[0-9].yml', [])).toBe(true);
    expect(matchesGlob('/ws/rx.yml', 'r[0-9].yml', [])).toBe(false);
    expect(matchesGlob('/ws/a/b.yml', 'a/*.yml', ['/ws'])).toBe(true);
    expect(matchesGlob('/ws/c/a/b.yml', 'a/*.yml', ['/ws'])).toBe(false);
  });
});
