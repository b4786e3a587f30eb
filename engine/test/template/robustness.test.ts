import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executeTemplate, expandAlertTemplate, parseTemplate, TemplateExecError } from '../../src/template/expand.js';
import { prometheusFunctions } from '../../src/template/prometheus-functions.js';

const FUNCS = prometheusFunctions({ timeMs: 0, externalURL: 'http://x/', query: () => [{ labels: { a: 'b' }, value: 1 }] });

/** Pieces of template syntax, so that random texts reach deep into the parser and executor. */
const PIECES = [
  '{{', '}}', '{{- ', ' -}}', ' ', '\n', '.', '.a', '.b.c', '$', '$x', '$x := ', '$x = ', '$i, $e := ', ',', '|', '(', ')',
  'if ', 'else ', 'else if ', 'end', 'range ', 'with ', 'define "d"', 'template "d"', 'block "b" .', 'break', 'continue',
  'nil', 'true', '1', '-2', '0x1F', '1.5e3', '1+2i', "'a'", '"s"', '`r`', '"%d %s %v %5.2f %q %x %[2]*d"',
  'printf ', 'print ', 'len ', 'index ', 'slice ', 'eq ', 'lt ', 'and ', 'or ', 'not ', 'html ', 'js ', 'urlquery ', 'call ',
  'humanize ', 'humanizeDuration ', 'title ', 'reReplaceAll ', 'match ', 'query ', 'first ', 'label ', 'args ', 'toTime ',
  '/*', '*/', 'text', 'é', '\u{1F600}', '\\', '"\\x', '@', '}', '{',
];

const FUNCTION_NAMES = ['printf "%v-%d"', 'print', 'len', 'index', 'slice', 'eq', 'lt', 'and', 'or', 'not', 'html', 'js',
  'humanize', 'humanizeDuration', 'title', 'first', 'label "a"', 'value', 'args', 'toTime', 'query'];

/** Well-formed actions and control structures, so that most cases run. */
const { block } = fc.letrec<{ operand: string; command: string; block: string }>((tie) => ({
  operand: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom('.', '.a', '.b.c', '.a.x', '$', '$.a', '1', '-2', '1.5', '"s"', '"1e3"', 'nil', 'true', "'a'"),
    tie('command').map((c) => `(${c})`),
  ),
  command: fc.tuple(fc.constantFrom(...FUNCTION_NAMES), fc.array(tie('operand'), { maxLength: 3 }))
    .map(([fn, args]) => [fn, ...args].join(' ')),
  block: fc.oneof(
    { depthSize: 'small' },
    fc.array(tie('command'), { minLength: 1, maxLength: 3 }).map((cmds) => `{{ ${cmds.join(' | ')} }}`),
    fc.tuple(fc.constantFrom('if', 'with', 'range'), tie('operand'), tie('block'), tie('block'))
      .map(([kw, cond, body, other]) => `{{ ${kw} ${cond} }}${body}{{ else }}${other}{{ end }}`),
    fc.constantFrom('text', '{{ $x := .a }}{{ $x }}', '{{ range $i, $e := .a }}{{ $i }}{{ break }}{{ end }}'),
  ),
}));

const templateText = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.array(block, { minLength: 1, maxLength: 4 }).map((blocks) => blocks.join('')),
);

const data = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withBoxedValues: true,
  withSparseArray: true,
  withTypedArray: true,
  withObjectString: true,
});

describe('robustness', () => {
  it('parseTemplate never throws, whatever the text', () => {
    fc.assert(
      fc.property(templateText, (text) => {
        const { template, problems } = parseTemplate(text, 'p', { functions: FUNCS });
        expect(template === undefined).toBe(problems.length === 1);
        for (const p of problems) {
          expect(p.range.start).toBeGreaterThanOrEqual(0);
          expect(p.range.end).toBeLessThanOrEqual(text.length);
          expect(p.range.start).toBeLessThanOrEqual(p.range.end);
        }
      }),
      { numRuns: Number(process.env.KLAXON_FUZZ_RUNS ?? 3000) },
    );
  });

  it('executing a parsed template throws only TemplateExecError, whatever the data', () => {
    let executed = 0;
    fc.assert(
      fc.property(templateText, data, (text, value) => {
        const { template } = parseTemplate(text, 'p', { functions: FUNCS });
        if (!template) return;
        executed++;
        try {
          executeTemplate(template, { a: value, b: { c: value } }, FUNCS, { maxSteps: 5000, maxOutputLength: 100_000 });
        } catch (e) {
          expect(e).toBeInstanceOf(TemplateExecError);
          // Internal errors are wrapped too, but must not happen.
          expect((e as Error).message).not.toContain('internal error');
          const range = (e as TemplateExecError).range;
          expect(range.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: Number(process.env.KLAXON_FUZZ_RUNS ?? 3000) },
    );
    // Random text must often be a valid template, or this would test little.
    expect(executed).toBeGreaterThan(1200);
  });

  it('expandAlertTemplate never throws', () => {
    fc.assert(
      fc.property(templateText, fc.double(), (text, value) => {
        const out = expandAlertTemplate(text, { labels: { a: 'b' }, value, externalLabels: {}, externalURL: '' });
        expect(typeof out).toBe('string');
      }),
      { numRuns: 1000 },
    );
  });

  it('stops runaway ranges with the step budget', () => {
    const { template } = parseTemplate('{{ range 1000000000 }}{{ . }}{{ end }}', 'r');
    expect(() => executeTemplate(template!, null, {}, { maxSteps: 10_000 })).toThrow(
      'template: r:1:22: executing "r" at <{{.}}>: execution stopped after 10000 steps',
    );
    const nested = parseTemplate('{{ range 100000 }}{{ range 100000 }}{{ end }}{{ end }}', 'r').template!;
    expect(() => executeTemplate(nested, null)).toThrow(/execution stopped after 1000000 steps/);
  });

  it('stops output that grows past its limit', () => {
    const { template } = parseTemplate('{{ range 1000 }}{{ printf "%*d" 100000 1 }}{{ end }}', 'r');
    expect(() => executeTemplate(template!, null, {}, { maxOutputLength: 1_000_000 })).toThrow(/output longer than 1000000 characters/);
  });

  it('stops endless template recursion at its depth limit', () => {
    const { template } = parseTemplate('{{ define "r" }}x{{ template "r" . }}{{ end }}{{ template "r" }}', 'main');
    expect(() => executeTemplate(template!, null)).toThrow(
      'template: main:1:29: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (200)',
    );
  });

  it('turns data nested too deeply to print into a TemplateExecError', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const { template } = parseTemplate('{{ . }}', 'r');
    let error: unknown;
    try {
      executeTemplate(template!, deep);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateExecError);
    expect((error as Error).message).toBe('template: r:1:3: executing "r" at <{{.}}>: execution nested too deeply');
  });

  it('parses deeply nested texts without overflowing the stack', () => {
    const deep = '{{ if 1 }}'.repeat(100_000);
    expect(parseTemplate(deep, 'r').problems[0]!.message).toBe('template: r:1: nesting deeper than 200 levels');
  });
});
