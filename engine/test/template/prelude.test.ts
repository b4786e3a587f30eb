import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAlertTemplateBody } from '../../src/rules/alert-template-parse.js';
import type { ParsedTemplate } from '../../src/template/ast.js';
import { ALERT_TEMPLATE_HEADER } from '../../src/template/expand.js';
import { parsePrelude, parseTemplateText, TemplateParseFailure, type ParseOptions } from '../../src/template/parser.js';

const options: ParseOptions = { name: 'main', functions: new Set(['printf', 'index', 'len']) };
const HEADER = '{{$a := 1}}{{$b := .B}}';

/** The outcome of a parse: the first error's message, or the trees with offsets shifted by `shift`. */
function outcome(parse: () => ParsedTemplate, shift: number): unknown {
  try {
    const template = parse();
    const shifted = (key: string, value: unknown) =>
      typeof value === 'bigint' ? String(value) : key === 'pos' || key === 'start' || key === 'end' ? (value as number) - shift : value;
    return JSON.parse(JSON.stringify([...template.trees], shifted));
  } catch (e) {
    if (!(e instanceof TemplateParseFailure)) throw e;
    return e.message;
  }
}

type Trees = [string, { root: { nodes: unknown[] } }][];

/** The trees, with the main template's nodes after the first `skipped` (the prelude's) only. */
function bodies(trees: Trees, skipped: number): unknown {
  return trees.map(([name, tree]) => [name, name === 'main' ? tree.root.nodes.slice(skipped) : tree]);
}

/** Parsing after a prelude agrees with parsing prelude + text, apart from the prelude's own two nodes. */
function expectSameAsWithHeader(text: string): void {
  const prelude = parsePrelude(HEADER, options);
  const alone = outcome(() => parseTemplateText(text, { ...options, prelude }), 0);
  const together = outcome(() => parseTemplateText(HEADER + text, options), HEADER.length);
  if (typeof together === 'string' || typeof alone === 'string') expect(alone).toEqual(together);
  else expect(bodies(alone as Trees, 0)).toEqual(bodies(together as Trees, 2));
}

describe('template preludes', () => {
  it('keep the variables a prelude declares in scope', () => {
    const prelude = parsePrelude(HEADER, options);
    expect(prelude).toEqual({ variables: ['$', '$a', '$b'], hasContent: true });
    expect(() => parseTemplateText('{{ $a }} {{ $b.C }}', { ...options, prelude })).not.toThrow();
    expect(() => parseTemplateText('{{ $c }}', { ...options, prelude })).toThrow('undefined variable "$c"');
  });

  it('make a redefinition of the main template an error, as the prelude text does', () => {
    expectSameAsWithHeader('{{define "main"}}x{{end}}');
    expect(() => parseTemplateText('{{define "main"}}x{{end}}', { ...options, prelude: parsePrelude(HEADER, options) })).toThrow('multiple definition');
    expect(() => parseTemplateText('{{define "main"}}x{{end}}', options)).not.toThrow();
  });

  it.each([
    '', 'plain', '{{ $a }}', '{{- $a }}', '  {{- $a -}}  ', '{{ $c }}', '{{end}}', '{{ if $a }}x{{ else }}y{{ end }}',
    '{{ range $i, $e := $b }}{{ $i }}{{ end }}{{ $i }}', '{{define "x"}}{{ $a }}{{end}}', '{{define "x"}}{{ $ }}{{end}}',
    '{{/* comment */}}', '{{ $a := 2 }}{{ $a }}', '{{ printf "%d" $a', 'line\n{{ $nope }}', '{{ break }}',
  ])('agree with parsing prelude + text: %j', (text) => {
    expectSameAsWithHeader(text);
  });

  it('agree with parsing prelude + text on random templates', () => {
    const piece = fc.constantFrom('{{', '}}', ' ', '$a', '$b', '$c', '.X', 'if', 'end', 'else', 'range', '$i :=', 'define "main"', 'define "x"', '"s"', '(', ')', '|', 'printf', '-', '\n', 'text');
    fc.assert(fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => expectSameAsWithHeader(pieces.join(''))), { numRuns: 2000 });
  });

  it('parse alert templates as Prometheus does with its header, with offsets into the text', () => {
    expect(parseAlertTemplateBody('{{ $labels.job }} {{ $value }} {{ $externalLabels.x }} {{ $externalURL }}')).toBeDefined();
    expect(parseAlertTemplateBody('{{ $nope }}')).toBeUndefined();
    const template = parseAlertTemplateBody('ab{{ $labels.job }}')!;
    expect(template.trees.get('__alert')!.root.nodes.map((n) => n.range)).toEqual([{ start: 0, end: 2 }, { start: 2, end: 19 }]);
    expect(parseTemplateText(ALERT_TEMPLATE_HEADER + 'ab{{ $labels.job }}', { name: '__alert', functions: new Set() }).trees.get('__alert')!.root.nodes).toHaveLength(6);
  });
});
