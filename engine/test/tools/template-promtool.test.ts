/**
 * Klaxon's alert annotation expansion against Prometheus's, as `promtool test rules` runs it: one
 * alerting rule with many annotations, a unit test expecting no alert, and the annotations
 * promtool reports it got, compared one by one with `expandAlertTemplate`.
 *
 * Debian's promtool is Prometheus 2.42; where 3.5 differs, the difference is spelled out below.
 * Without promtool on PATH the suite fails, unless KLAXON_SKIP_INTEROP=1 says to skip it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { expandAlertTemplate, parseAlertTemplate } from '../../src/template/expand.js';
import { goUnquote } from '../../src/text/go-quote.js';

const ANNOTATIONS: readonly string[] = [
  '{{ $labels }} {{ $value }} {{ $externalLabels }} {{ $externalURL }} {{ . }}',
  '{{ $labels.instance }} {{ $labels.nope }} {{ .Labels.job }} {{ $externalLabels.region }} {{ printf "%.2f" $value }}',
  '{{ humanize 0 }}:{{ humanize 1 }}:{{ humanize 1234567 }}:{{ humanize .12 }}:{{ humanize "1e3" }}:{{ humanize 1e-30 }}:{{ humanize -1234 }}:{{ humanize 1e30 }}',
  '{{ humanize1024 1048576 }}:{{ humanize1024 1234567 }}:{{ humanize1024 0.5 }}:{{ humanize1024 -2048 }}:{{ humanize1024 "NaN" }}',
  '{{ humanizeDuration 0 }}:{{ humanizeDuration 1 }}:{{ humanizeDuration 60 }}:{{ humanizeDuration 3600 }}:{{ humanizeDuration 86400 }}:{{ humanizeDuration 90000 }}:{{ humanizeDuration -183845 }}:{{ humanizeDuration 899.99 }}',
  '{{ humanizeDuration .1 }}:{{ humanizeDuration .0001 }}:{{ humanizeDuration 1.2345 }}:{{ humanizeDuration "Inf" }}:{{ humanizeDuration 1e-12 }}',
  '{{ humanizePercentage -0.22222 }}:{{ humanizePercentage 0 }}:{{ humanizePercentage 0.1234567 }}:{{ humanizePercentage 1.23456 }}:{{ humanizePercentage "-Inf" }}',
  '{{ humanizeTimestamp 1435065584.128 }}|{{ humanizeTimestamp 0 }}|{{ humanizeTimestamp -1.5 }}|{{ humanizeTimestamp "NaN" }}|{{ toTime 1435065584.1234567 }}',
  '{{ (toTime 1700000000).Unix }} {{ (toTime 1700000000).Format "2006-01-02" }}',
  '{{ humanize "abc" }}',
  '{{ humanize true }}',
  '{{ humanizeTimestamp 1e20 }}',
  '{{ toTime "NaN" }}',
  '{{ title "hello world" }}|{{ title "o\'neil foo_bar 3rd x1y a.b ǆemal ßa" }}|{{ toUpper "straße ǆ ﬁ" }}|{{ toLower "İSTANBUL ΣΑΣ" }}',
  '{{ stripPort "foo:123" }}|{{ stripPort "[::1]:80" }}|{{ stripPort "foo" }}|{{ stripPort "a:b:c" }}|{{ stripDomain "foo.bar.com:80" }}|{{ stripDomain "1.2.3.4:5" }}|{{ stripDomain "foo.bar" }}|{{ stripDomain "[::1]:80" }}|{{ stripDomain "::ffff:1.2.3.4" }}',
  '{{ reReplaceAll "a*" "<$0>" "baaac" }}|{{ reReplaceAll "(?P<x>b)" "${x}$1$2x$$" "abc" }}|{{ reReplaceAll "^(\\\\w+):(\\\\d+)$" "$2/$1" "host:80" }}|{{ reReplaceAll "" "-" "héllo" }}',
  '{{ match "b" "abc" }} {{ match "^b" "abc" }} {{ match "(?i)ABC" "xabcx" }}',
  '{{ reReplaceAll "^a" "x" "aaa" }}|{{ reReplaceAll "\\\\b" "|" "ab cd" }}|{{ reReplaceAll "(?m)^" ">" "a\\nb" }}|{{ reReplaceAll "" "-" "日😀" }}|{{ reReplaceAll "x*" "-" "axxb" }}|{{ reReplaceAll "a|" "-" "baab" }}',
  '{{ reReplaceAll "(" "x" "y" }}',
  '{{ match "(" "y" }}',
  '{{ graphLink "up == 0" }}|{{ tableLink "rate(x[5m]) > 1 & 2" }}|{{ safeHtml "<b>" }}',
  '{{ parseDuration "1h30m" }} {{ parseDuration "1d" }} {{ parseDuration "500ms" }} {{ parseDuration "0" }}',
  '{{ parseDuration "1h1h" }}',
  '{{ parseDuration "abc" }}',
  '{{ define "t" }}[{{ .arg0 }}|{{ .arg1 }}]{{ end }}{{ template "t" (args 1 "b") }}{{ args }}',
  '{{ with query "test_metric" }}{{ . | first | value }} {{ . | first | label "instance" }} {{ (first .).Labels.job }}{{ end }}',
  '{{ range query "test_metric" | sortByLabel "instance" }}{{ .Labels.instance }}={{ .Value }} {{ end }}{{ len (query "test_metric") }}',
  '{{ query "nothing" | first }}',
  '{{ with query "test_metric" }}{{ . | first | strvalue }}|{{ end }}',
  '{{ label "x" nil }}',
  '{{ first 1 }}',
  '{{ value 1.5 }}',
  '{{ humanize }}',
  '{{ if gt $value 1.0 }}high{{ else }}low{{ end }} {{ if eq $value 1.5 }}eq{{ end }}',
  '{{ if gt $value 1 }}x{{ end }}',
  '{{ $value | printf "%d" }}',
  '{{ .Foo }}',
  'plain {{/* c */}} text {{- " trimmed" -}} here',
];

/** Annotations Prometheus refuses when it loads the rules; `promtool check rules` lists them all. */
const PARSE_ERRORS: readonly string[] = [
  '{{ nope }}',
  '{{ if }}',
  '{{ $labels.x',
  'a\n{{ end }}',
  '{{ range $i, $x, $y := . }}{{ end }}',
  '{{ define "x" }}',
  '{{ $undefined }}',
  '{{ humanize 1 | 2 }}',
];

/** Where Prometheus 2.42 and 3.5 word the same thing differently. */
function as35(text: string): string {
  // 3.5's alert data holds the value as interface{} (it can be a native histogram).
  return text.replaceAll('Value float64 }', 'Value interface {} }');
}

const LABELS = { __name__: 'test_metric', instance: 'a:9100', job: 'j' };
const VALUE = 1.5;
const EXTERNAL_LABELS = { region: 'eu' };
const EXTERNAL_URL = 'http://prom.example:9090/sub/path';
const EVAL_TIME_MS = 5 * 60_000;

function ruleFile(): string {
  const annotations = ANNOTATIONS.map((a, i) => `      a${String(i).padStart(2, '0')}: ${JSON.stringify(a)}`).join('\n');
  return `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: test_metric\n    annotations:\n${annotations}\n`;
}

const TEST_FILE = `rule_files: [rules.yml]
evaluation_interval: 1m
tests:
- interval: 1m
  external_labels: {region: eu}
  external_url: ${EXTERNAL_URL}
  input_series:
  - series: 'test_metric{instance="a:9100",job="j"}'
    values: '1.5x10'
  alert_rule_test:
  - eval_time: 5m
    alertname: A
    exp_alerts: []
`;

/** The annotations promtool printed for the alert it got, by name. */
function promtoolAnnotations(output: string): Map<string, string> {
  const line = /Annotations:\{(.*)\}\s*$/m.exec(output);
  if (!line) throw new Error(`no annotations in promtool's output:\n${output}`);
  const out = new Map<string, string>();
  for (const m of line[1]!.matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) out.set(m[1]!, goUnquote(`"${m[2]}"`));
  return out;
}

function klaxonAnnotation(text: string): string {
  return expandAlertTemplate(text, { labels: LABELS, value: VALUE, externalLabels: EXTERNAL_LABELS, externalURL: EXTERNAL_URL }, {
    alertName: 'A',
    timeMs: EVAL_TIME_MS,
    query: (q) => (q === 'test_metric' ? [{ labels: LABELS, value: VALUE }] : []),
  });
}

const SKIP = process.env.KLAXON_SKIP_INTEROP === '1';
const TITLE = 'alert annotations expand as Prometheus expands them (promtool test rules)';
const suite = SKIP ? describe.skip : describe;

suite(SKIP ? `${TITLE}: skipped because KLAXON_SKIP_INTEROP=1` : TITLE, () => {
  let promtool = '';
  let dir = '';

  beforeAll(() => {
    try {
      promtool = execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim();
    } catch {
      throw new Error('promtool is not installed (Debian package prometheus; .ci/run installs it). Set KLAXON_SKIP_INTEROP=1 to skip this test.');
    }
    dir = mkdtempSync(join(tmpdir(), 'klaxon-annotations-'));
    writeFileSync(join(dir, 'rules.yml'), ruleFile());
    writeFileSync(join(dir, 'test.yml'), TEST_FILE);
  });

  it('every annotation', () => {
    const run = spawnSync(promtool, ['test', 'rules', join(dir, 'test.yml')], { encoding: 'utf8' });
    const got = promtoolAnnotations(run.stdout + run.stderr);
    expect(got.size).toBe(ANNOTATIONS.length);
    const differences = ANNOTATIONS.flatMap((text, i) => {
      const prometheus = as35(got.get(`a${String(i).padStart(2, '0')}`)!);
      const klaxon = klaxonAnnotation(text);
      return prometheus === klaxon ? [] : [{ text, prometheus, klaxon }];
    });
    expect(differences).toEqual([]);
  });

  it('annotations that do not parse', () => {
    const annotations = PARSE_ERRORS.map((a, i) => `      e${i}: ${JSON.stringify(a)}`).join('\n');
    const file = join(dir, 'bad.yml');
    writeFileSync(file, `groups:\n- name: g\n  rules:\n  - alert: A\n    expr: up\n    annotations:\n${annotations}\n`);
    const run = spawnSync(promtool, ['check', 'rules', file], { encoding: 'utf8' });
    const output = run.stdout + run.stderr;
    const differences = PARSE_ERRORS.flatMap((text, i) => {
      const prometheus = new RegExp(`annotation "e${i}": (.*)`).exec(output)?.[1];
      const klaxon = parseAlertTemplate(text, 'A')[0]?.message;
      return prometheus === klaxon ? [] : [{ text, prometheus, klaxon }];
    });
    expect(differences).toEqual([]);
  });
});
