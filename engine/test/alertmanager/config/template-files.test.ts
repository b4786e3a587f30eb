import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glob, globError, globMatch } from '../../../src/files/go-glob.js';
import { loadAlertmanagerConfig } from '../../../src/alertmanager/config/load-config.js';
import { checkTemplateFiles } from '../../../src/alertmanager/config/template-files.js';

describe('Go glob matching', () => {
  it.each([
    ['*.tmpl', 'a.tmpl', true],
    ['*.tmpl', 'dir/a.tmpl', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['\\*', '*', true],
    ['*', '.hidden', true],
    ['a*b*c', 'axxbyyc', true],
  ])('%s ~ %s', (pattern, name, expected) => {
    expect(globMatch(pattern, name)).toBe(expected);
  });

  it.each(['[', '[]', 'a[z-', '\\', 'x*[b-'])('rejects %j as Go does', (pattern) => {
    expect(globError(pattern)).toBe('syntax error in pattern');
  });

  it('expands directory wildcards too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-glob-'));
    for (const d of ['one', 'two']) {
      mkdirSync(join(dir, d));
      writeFileSync(join(dir, d, 'a.tmpl'), '');
    }
    expect(glob(join(dir, '*', '*.tmpl'))).toEqual([join(dir, 'one', 'a.tmpl'), join(dir, 'two', 'a.tmpl')]);
    expect(glob(join(dir, 'three', '*.tmpl'))).toEqual([]);
  });
});

describe('checkTemplateFiles', () => {
  it('parses the matched files with Alertmanager functions, relative to the config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'klaxon-templates-'));
    mkdirSync(join(dir, 'templates'));
    writeFileSync(join(dir, 'templates', 'ok.tmpl'), '{{ define "t" }}{{ .Status | toUpper }}{{ end }}');
    writeFileSync(join(dir, 'templates', 'bad.tmpl'), '{{ define "t" }}{{ humanize 1 }}{{ end }}');
    const configFile = join(dir, 'alertmanager.yml');
    const text = 'route: {receiver: r}\nreceivers: [{name: r}]\ntemplates: [templates/ok.tmpl, "templates/*.tmpl"]\n';
    const { config } = loadAlertmanagerConfig(text, configFile);
    const problems = checkTemplateFiles(config!, configFile);
    expect(problems.map((p) => [p.message, text.slice(p.range.start, p.range.end)])).toEqual([
      [`${join(dir, 'templates', 'bad.tmpl')}: template: bad.tmpl:1: function "humanize" not defined`, '"templates/*.tmpl"'],
    ]);
  });
});
