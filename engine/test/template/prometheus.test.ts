import { describe, expect, it } from 'vitest';
import { Labels } from '../../src/labels/labels.js';
import {
  ALERT_TEMPLATE_HEADER, expandAlertTemplate, expandAlertTemplateDetailed, parseAlertTemplate, type AlertTemplateOptions,
} from '../../src/template/expand.js';

const DATA = {
  labels: { __name__: 'up', instance: 'db-1:9100', job: 'node' },
  value: 0.25,
  externalLabels: { region: 'eu' },
  externalURL: 'https://prom.example.com/sub/path',
};

const expand = (text: string, options: AlertTemplateOptions = {}) => expandAlertTemplate(text, DATA, { alertName: 'Down', ...options });

describe('alert templates', () => {
  it('define $labels, $value, $externalLabels and $externalURL, and the same fields on dot', () => {
    expect(expand('{{ $labels.instance }} {{ $value }} {{ $externalLabels.region }} {{ $externalURL }}')).toBe(
      'db-1:9100 0.25 eu https://prom.example.com/sub/path',
    );
    expect(expand('{{ .Labels.job }} {{ .Value }} {{ .ExternalLabels }} {{ .ExternalURL }}')).toBe(
      'node 0.25 map[region:eu] https://prom.example.com/sub/path',
    );
    expect(expand('{{ . }}')).toBe(
      '{map[__name__:up instance:db-1:9100 job:node] map[region:eu] https://prom.example.com/sub/path 0.25}',
    );
  });

  it('read missing labels as empty strings (missingkey=zero on string maps)', () => {
    expect(expand('[{{ $labels.nope }}][{{ index $labels "nope" }}]')).toBe('[][]');
  });

  it('turn errors into Prometheus\'s text, naming the rule', () => {
    expect(expand('{{ .Foo }}')).toBe(
      '<error expanding template: error executing template __alert_Down: template: __alert_Down:1:115: executing "__alert_Down" at <.Foo>: ' +
        "can't evaluate field Foo in type struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }>",
    );
    expect(expand('{{ if }}')).toBe(
      '<error expanding template: error parsing template __alert_Down: template: __alert_Down:1: missing value for if>',
    );
    expect(expand('{{ printf "%d" $value }} {{ eq $value 1 }}')).toContain('error calling eq: incompatible types for comparison');
  });

  it('report errors with ranges in the text as written, without the header', () => {
    const { output, error } = expandAlertTemplateDetailed('ok {{ .Foo }}', DATA);
    expect(output).toMatch(/^<error expanding template: /);
    expect(error!.range).toEqual({ start: 6, end: 10 });
    const parse = expandAlertTemplateDetailed('ok {{ nope }}', DATA);
    expect(parse.error).toEqual({
      message: 'error parsing template __alert_: template: __alert_:1: function "nope" not defined',
      range: { start: 6, end: 10 },
    });
  });

  it('are checked when rules load, with ranges in the annotation text', () => {
    expect(parseAlertTemplate('{{ humanize $value }}', 'A')).toEqual([]);
    expect(parseAlertTemplate('a\n{{ $nope }}', 'A')).toEqual([
      { severity: 'error', message: 'template: __alert_A:2: undefined variable "$nope"', range: { start: 5, end: 10 }, source: 'template' },
    ]);
  });

  it('start with Prometheus\'s header', () => {
    expect(ALERT_TEMPLATE_HEADER).toBe('{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}');
  });
});

describe('Prometheus template functions', () => {
  it.each([
    ['{{ humanize 0 }}:{{ humanize 1 }}:{{ humanize 1234567 }}:{{ humanize .12 }}:', '0:1:1.235M:120m:'],
    ['{{ humanize1024 1048576 }}:{{ humanize1024 1234567 }}', '1Mi:1.177Mi'],
    [
      '{{ humanizeDuration 0 }}:{{ humanizeDuration 1 }}:{{ humanizeDuration 60 }}:{{ humanizeDuration 3600 }}:{{ humanizeDuration 86400 }}:' +
        '{{ humanizeDuration 90000 }}:{{ humanizeDuration -183845 }}:{{ humanizeDuration 899.99 }}:',
      '0s:1s:1m 0s:1h 0m 0s:1d 0h 0m 0s:1d 1h 0m 0s:-2d 3h 4m 5s:14m 59s:',
    ],
    ['{{ humanizeDuration .1 }} {{ humanizeDuration .0001 }} {{ humanizeDuration 1.2345 }}', '100ms 100us 1.234s'],
    ['{{ humanizePercentage -0.22222 }}:{{ humanizePercentage 0 }}:{{ humanizePercentage 0.1234567 }}:{{ humanizePercentage 1.23456 }}:', '-22.22%:0%:12.35%:123.5%:'],
    [
      '{{ humanize "+Inf" }}:{{ humanize1024 "-Inf" }}:{{ humanizePercentage "NaN" }}:{{ humanizeDuration "+Inf" }}:{{ humanizeTimestamp "-Inf" }}',
      '+Inf:-Inf:NaN%:+Inf:-Inf',
    ],
    ['{{ humanizeTimestamp 1435065584.128 }}|{{ toTime 1435065584.128 }}|{{ humanizeTimestamp "NaN" }}',
      '2015-06-23 13:19:44.128 +0000 UTC|2015-06-23 13:19:44.128 +0000 UTC|NaN'],
    ['{{ humanize "1e3" }} {{ humanize 2048 }} {{ humanize 1e-30 }} {{ humanize1024 0.5 }}', '1k 2.048k 1e-06y 0.5'],
    ['{{ title "hello o\'neil foo_bar 3rd" }} {{ toUpper "straße" }} {{ toLower "İSTANBUL ΣΑΣ" }}', "Hello O'Neil Foo_bar 3rd STRAßE istanbul σασ"],
    ['{{ stripPort "foo:123" }} {{ stripPort "[::1]:80" }} {{ stripPort "foo" }} {{ stripDomain "foo.bar.com:80" }} {{ stripDomain "10.0.0.1:5" }} {{ stripDomain "foo.bar" }}',
      'foo ::1 foo foo:80 10.0.0.1:5 foo'],
    ['{{ reReplaceAll "a*" "<$0>" "baaac" }} {{ reReplaceAll "(?P<x>b)" "${x}$1$2x$$" "abc" }} {{ reReplaceAll "^(\\\\w+):(\\\\d+)$" "$2/$1" "host:80" }}',
      '<>b<aaa>c<> abb$c 80/host'],
    ['{{ match "b" "abc" }} {{ match "^b" "abc" }}', 'true false'],
    ['{{ graphLink "up == 0" }} {{ tableLink "rate(x[5m])" }} {{ safeHtml "<b>" }} {{ urlQueryEscape "a b&" }}',
      '/graph?g0.expr=up+%3D%3D+0&g0.tab=0 /graph?g0.expr=rate%28x%5B5m%5D%29&g0.tab=1 <b> a+b%26'],
    ['{{ parseDuration "1h30m" }} {{ parseDuration "1d" }} {{ parseDuration "500ms" }}', '5400 86400 0.5'],
    ['{{ define "t" }}{{ .arg0 }}/{{ .arg1 }}{{ end }}{{ template "t" (args 1 "b") }}', '1/b'],
    ['{{ externalURL }} {{ pathPrefix }}', 'https://prom.example.com/sub/path /sub/path'],
    ['{{ now }} {{ toDuration 90.5 }} {{ (toDuration 3600).Hours }} {{ humanizeDuration (toDuration 90) }}', '1.7000000005e+09 1m30.5s 1 1m 30s'],
  ])('%s', (text, expected) => {
    expect(expand(text, { timeMs: 1_700_000_000_500 })).toBe(expected);
  });

  it('report argument errors as Prometheus does', () => {
    expect(expand('{{ humanize "abc" }}')).toContain('error calling humanize: strconv.ParseFloat: parsing "abc": invalid syntax');
    expect(expand('{{ humanize true }}')).toContain("error calling humanize: can't convert bool to float");
    expect(expand('{{ humanizeTimestamp 1e20 }}')).toContain(
      'error calling humanizeTimestamp: 1e+20 cannot be represented as a nanoseconds timestamp since it overflows int64',
    );
    expect(expand('{{ toTime "NaN" }}')).toContain('error calling toTime: value is NaN or Inf');
    expect(expand('{{ reReplaceAll "(" "x" "y" }}')).toContain('error calling reReplaceAll: regexp: Compile(`(`): error parsing regexp: missing closing ): `(`');
    expect(expand('{{ match "(" "y" }}')).toContain('error calling match: error parsing regexp: missing closing ): `(`');
    expect(expand('{{ parseDuration "1x" }}')).toContain('error calling parseDuration: unknown unit "x" in duration "1x"');
  });
});

describe('query, first, label, value, sortByLabel', () => {
  const query = (q: string, timeMs: number) => {
    if (q === 'fail') throw new Error('1:5: parse error: unexpected end of input');
    if (q !== 'up') return [];
    return [
      { labels: Labels.from({ __name__: 'up', instance: 'b', __value__: 'str' }), value: 1 },
      { labels: { __name__: 'up', instance: 'a' }, value: timeMs / 1000 },
    ];
  };
  const run = (text: string) => expand(text, { query, timeMs: 42_000 });

  it('query at the evaluation time and hand samples to the helpers', () => {
    expect(run('{{ range query "up" }}{{ .Labels.instance }}={{ .Value }} {{ end }}')).toBe('b=1 a=42 ');
    expect(run('{{ range query "up" | sortByLabel "instance" }}{{ .Labels.instance }} {{ end }}')).toBe('a b ');
    expect(run('{{ with query "up" }}{{ . | first | value }} {{ . | first | label "instance" }} {{ . | first | strvalue }}{{ end }}')).toBe('1 b str');
    expect(run('{{ query "up" | first }}')).toBe('{map[__name__:up __value__:str instance:b] 1}');
    expect(run('{{ printf "%T %T" (query "up") (query "up" | first) }}')).toBe('template.queryResult *template.sample');
  });

  it('fail as Prometheus does', () => {
    expect(run('{{ query "none" | first }}')).toContain('error calling first: first() called on vector with no elements');
    expect(run('{{ query "fail" }}')).toContain('error calling query: 1:5: parse error: unexpected end of input');
    expect(run('{{ label "x" nil }}')).toContain('error calling label: runtime error: invalid memory address or nil pointer dereference');
    expect(run('{{ first 1 }}')).toContain("can't handle 1 for arg of type template.queryResult");
    expect(run('{{ value .Labels }}')).toContain('wrong type for value; expected *template.sample; got map[string]string');
    expect(expand('{{ query "up" }}')).toContain('error calling query: no query function was given to the template');
  });
});
