import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { templateFactsSource } from '../../src/check/template-facts.js';
import { writeActionSpans } from '../../src/template/action-spans.js';

/** Facts from a parse of this text alone. */
const alone = (text: string) => templateFactsSource()(text);

const ACTIONS = [
  '{{ $labels.job }}', '{{ .Labels.instance }}', '{{ $value | humanize }}', '{{ index $labels "a}}b" }}', '{{- $labels.x -}}',
  '{{ if $labels.env }}', '{{ else }}', '{{ end }}', '{{ with $labels.pod }}{{ . }}{{ end }}', '{{ printf "%.2f" $value }}',
  '{{ range $i, $v := $labels }}', '{{ $x := 1 }}', '{{/* a }} comment */}}', '{{ define "t" }}', '{{ template "t" }}', '{{ `raw}}` }}',
  "{{ '}' }}", '{{ nosuchfn }}', '{{ (', '{{', '}}', '{{ .Value }}', '{{ $labels.a }}{{ $labels.b }}', '{{ "unclosed }}',
];
const TEXTS = ['', ' ', 'disk ', ' is full on ', '\n', '  ', 'x}}y', '{', '}', '-', 'é'];
const template = fc.array(fc.tuple(fc.constantFrom(...TEXTS), fc.constantFrom(...ACTIONS)), { maxLength: 5 });

describe('templateFactsSource', () => {
  it('gives every template the facts of its own parse, however many share their actions', () => {
    fc.assert(
      fc.property(template, fc.array(fc.constantFrom(...TEXTS), { minLength: 6, maxLength: 6 }), fc.constantFrom(...TEXTS), (parts, otherTexts, tail) => {
        const first = parts.map(([t, a]) => t + a).join('') + tail;
        const second = parts.map(([, a], i) => otherTexts[i]! + a).join('') + otherTexts[5]!;
        const source = templateFactsSource();
        for (const text of [first, second, first]) expect(source(text), JSON.stringify(text)).toEqual(alone(text));
      }),
      { numRuns: 1500 },
    );
  });

  it('shares a parse between templates that differ only outside their actions', () => {
    const source = templateFactsSource();
    const a = source('{{ $labels.job }}: disk 1 full');
    const b = source('On {{ $labels.job }}: disk 22 full');
    expect(a.labels).toEqual([{ label: 'job', range: { start: 3, end: 14 } }]);
    expect(b.labels).toEqual([{ label: 'job', range: { start: 6, end: 17 } }]);
  });

  it('parses each template that defines templates, as a repeated definition is an error only when both have content', () => {
    const source = templateFactsSource();
    expect(source('{{define "t"}} {{end}}{{define "t"}}x{{end}}').parses).toBe(true);
    expect(source('{{define "t"}}a{{end}}{{define "t"}}x{{end}}').parses).toBe(false);
  });
});

/** The spans writeActionSpans writes into a fresh array; undefined when it is unsure. */
function actionSpans(text: string): number[] | undefined {
  const spans: number[] = [];
  const count = writeActionSpans(text, spans);
  return count < 0 ? undefined : spans.slice(0, count);
}

describe('writeActionSpans', () => {
  it('finds each action, past closing braces in quotes', () => {
    expect(actionSpans('a {{ $labels.job }} b {{ "}}" }}')).toEqual([2, 19, 22, 32]);
    expect(actionSpans('{{ `}}` }}{{x}}')).toEqual([0, 10, 10, 15]);
  });

  it('writes the spans into an array that is reused, leaving the entries past them', () => {
    const spans = [9, 9, 9, 9, 9, 9];
    expect(writeActionSpans('a {{ x }} b {{ y }}', spans)).toBe(4);
    expect(spans).toEqual([2, 9, 12, 19, 9, 9]);
    expect(writeActionSpans('{{ x', spans)).toBe(-1);
    expect(writeActionSpans('no actions', spans)).toBe(0);
  });

  it('gives no answer for comments and actions or quotes left open', () => {
    for (const text of ['{{/* }} */}}', '{{- /* x */ -}}', '{{ x', '{{ "x }}', '{{ `x }}', "{{ 'x\n' }}"]) expect(actionSpans(text), text).toBeUndefined();
  });
});
