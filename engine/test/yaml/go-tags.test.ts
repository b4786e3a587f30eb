import { describe, expect, it } from 'vitest';
import { loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { loadRuleFile } from '../../src/rules/load-rule-file.js';
import { goTagEffect } from '../../src/yaml/go-tags.js';
import { readYamlTree } from '../../src/yaml/read-tree.js';
import type { YamlMap, YamlScalar } from '../../src/yaml/tree.js';

const tag = (kind: string) => `tag:yaml.org,2002:${kind}`;

describe('goTagEffect', () => {
  it('decodes !!binary as base64 with padding, ignoring line breaks', () => {
    expect(goTagEffect(tag('binary'), 'cg==', 'yaml.v3')).toEqual({ text: 'r' });
    expect(goTagEffect(tag('binary'), 'aGVs\nbG8=\n', 'yaml.v3')).toEqual({ text: 'hello' });
    expect(goTagEffect(tag('binary'), '', 'yaml.v3')).toEqual({ text: '' });
    for (const bad of ['cg', 'cg=', 'c===', 'cg==x', 'c g==', '*A==']) {
      expect(goTagEffect(tag('binary'), bad, 'yaml.v3'), bad).toEqual({ error: '!!binary value contains invalid base64 data' });
    }
  });

  it('accepts text that resolves to the tag, integers as floats too', () => {
    const fits: [string, string][] = [
      ['int', '5'], ['int', '-0x1F'], ['int', '0o17'], ['int', '0b101'], ['int', '1_000'], ['int', '18446744073709551615'],
      ['float', '5'], ['float', '1.5e3'], ['float', '.5'], ['float', '-.inf'], ['float', '.NaN'],
      ['bool', 'true'], ['bool', 'FALSE'], ['bool', 'yes'], ['bool', 'off'],
      ['null', ''], ['null', '~'], ['null', 'Null'],
      ['timestamp', '2001-12-14'], ['timestamp', '2001-12-14T21:59:43.10Z'], ['timestamp', '2001-2-3 4:05:06'],
    ];
    for (const [kind, text] of fits) expect(goTagEffect(tag(kind), text, 'yaml.v2'), `!!${kind} ${text}`).toBeUndefined();
  });

  it('rejects text that resolves to something else, naming what it is', () => {
    const misfits: [string, string, string][] = [
      ['int', 'r', '!!str `r` as a !!int'],
      ['int', '1.5', '!!float `1.5` as a !!int'],
      ['int', '08', '!!float `08` as a !!int'],
      ['int', 'true', '!!bool `true` as a !!int'],
      ['int', '2001-12-14', '!!str `2001-12-14` as a !!int'],
      ['float', '5m', '!!str `5m` as a !!float'],
      ['float', '1e999', '!!str `1e999` as a !!float'],
      ['bool', '1', '!!int `1` as a !!bool'],
      ['null', 'x', '!!str `x` as a !!null'],
      ['timestamp', '2001-13-01', '!!str `2001-13-01` as a !!timestamp'],
      ['timestamp', '2001-02-29', '!!str `2001-02-29` as a !!timestamp'],
    ];
    for (const [kind, text, message] of misfits) expect(goTagEffect(tag(kind), text, 'yaml.v2'), `!!${kind} ${text}`).toEqual({ error: `cannot decode ${message}` });
  });

  it("reads yaml.v2's YAML 1.1 booleans (yes, on, y...) as booleans, and yaml.v3's as strings", () => {
    for (const word of ['yes', 'Yes', 'YES', 'on', 'ON', 'y', 'N', 'no', 'off', 'Off']) {
      expect(goTagEffect(tag('bool'), word, 'yaml.v2'), word).toBeUndefined();
      expect(goTagEffect(tag('bool'), word, 'yaml.v3'), word).toEqual({ error: `cannot decode !!str \`${word}\` as a !!bool` });
    }
    for (const word of ['true', 'True', 'FALSE']) expect(goTagEffect(tag('bool'), word, 'yaml.v3'), word).toBeUndefined();
    expect(goTagEffect(tag('int'), 'yes', 'yaml.v2')).toEqual({ error: 'cannot decode !!bool `yes` as a !!int' });
    expect(goTagEffect(tag('int'), 'yes', 'yaml.v3')).toEqual({ error: 'cannot decode !!str `yes` as a !!int' });
  });

  it('leaves strings, the non-specific tag and unknown tags alone', () => {
    for (const t of [tag('str'), '!', '!custom', tag('map')]) expect(goTagEffect(t, 'x', 'yaml.v3'), t).toBeUndefined();
  });
});

describe('reading tagged scalars', () => {
  const valueOf = (text: string) => (readYamlTree(text, 'yaml.v3').root as YamlMap).pairs[0]!.value as YamlScalar;

  it('gives a !!binary scalar its decoded text, in every style', () => {
    expect(valueOf('a: !!binary cg==\n').text).toBe('r');
    expect(valueOf('a: !!binary "cg=="\n').text).toBe('r');
    expect(valueOf('a: !!binary |\n  aGVs\n  bG8=\n').text).toBe('hello');
  });

  it('reports a tag its text does not fit as an error at the scalar, instead of the yaml package’s warning', () => {
    const text = 'a: !!int r\nb: !<tag:yaml.org,2002:float> 5m\nc: !!binary cg\nd: !!int "5"\n';
    const { problems } = readYamlTree(text, 'yaml.v3');
    expect(problems.map((p) => [p.message, p.severity, p.source, text.slice(p.range.start, p.range.end)])).toEqual([
      ['cannot decode !!str `r` as a !!int', 'error', 'yaml', 'r'],
      ['cannot decode !!str `5m` as a !!float', 'error', 'yaml', '5m'],
      ['!!binary value contains invalid base64 data', 'error', 'yaml', 'cg'],
    ]);
  });

  it('keeps the yaml package’s warning for tags Go does not know', () => {
    expect(readYamlTree('a: !custom x\n', 'yaml.v3').problems.map((p) => p.message)).toEqual(['Unresolved tag: !custom']);
  });
});

describe('tags in the files Klaxon loads, as promtool and amtool decode them', () => {
  const rules = (name: string, alert: string, forValue: string) => `groups:\n  - name: ${name}\n    rules:\n      - alert: ${alert}\n        expr: up\n        for: ${forValue}\n`;

  it('reads rule files as Prometheus does', () => {
    const binary = loadRuleFile(rules('g', '!!binary cg==', '!!binary NW0='), 'r.yml');
    expect(binary.problems).toEqual([]);
    expect(binary.groups[0]!.rules[0]).toMatchObject({ name: 'r', forMs: 300_000 });
    expect(loadRuleFile(rules('!!str 5', '!!str 5', '!!str 5m'), 'r.yml').problems).toEqual([]);
    expect(loadRuleFile(rules('!!int r', 'A', '5m'), 'r.yml').problems.map((p) => p.message)).toEqual(['cannot decode !!str `r` as a !!int']);
    expect(loadRuleFile(rules('g', 'A', '!!float 5m'), 'r.yml').problems.map((p) => p.message)).toEqual(['cannot decode !!str `5m` as a !!float']);
    expect(loadRuleFile(rules('g', 'A', '!!float 5'), 'r.yml').problems.map((p) => p.message)).toEqual(['invalid duration in `for`: not a valid duration string: "5"']);
    const quotedInt = loadRuleFile('groups:\n  - name: g\n    limit: !!int "5"\n    rules: []\n', 'r.yml');
    expect([quotedInt.problems, quotedInt.groups[0]!.limit]).toEqual([[], 5]);
    const labels = (value: string) => loadRuleFile(`groups:\n  - name: g\n    rules:\n      - alert: A\n        expr: up\n        labels: {x: ${value}}\n`, 'r.yml').problems.map((p) => p.message);
    expect(labels('!!bool yes')).toEqual(['cannot decode !!str `yes` as a !!bool']);
    expect(labels('!!bool True')).toEqual([]);
  });

  it('reads Alertmanager configs as amtool 0.25 does', () => {
    const config = (receiver: string, name: string) => `route:\n  receiver: ${receiver}\nreceivers:\n  - name: ${name}\n`;
    const errors = (text: string) => loadAlertmanagerConfig(text, 'am.yml').problems.filter((p) => p.severity === 'error').map((p) => p.message);
    expect(errors(config('!!binary cg==', 'r'))).toEqual([]);
    expect(errors(config('!!binary cg==', 'cg=='))).toEqual(['undefined receiver "r" used in route']);
    expect(errors(config('r', '!!int r'))).toEqual(['cannot decode !!str `r` as a !!int']);
    expect(errors(config('!!str 5', '!!str 5'))).toEqual([]);
    expect(errors(config('!!bool yes', 'yes'))).toEqual([]);
  });
});
