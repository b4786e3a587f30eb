/**
 * Fuzzing the parser, the type checker and the printer: whatever the text, `parsePromQL` returns
 * problems whose ranges lie within the text and never throws; whatever tree comes out prints; and
 * every valid expression prints as text that parses back to the same text. Fixed seeds, bounded runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePromQL } from '../../src/promql/analyze.js';
import { printExpr } from '../../src/promql/printer.js';
import { mutatedVariants } from '../interop/expression-mutator.js';
import { readPeerExpressions } from '../interop/peer-expressions.js';
import { SYNTAX_EDGE_CASES } from '../interop/syntax-edge-cases.js';
import { DEEP_INPUTS } from './deep-nesting.js';
import { abbreviate, analyze } from './escapes.js';

const SEED = 424_242;

/** What escaped for `text`, one line per escape, prefixed with the text. */
function escapesFor(text: string): string[] {
  return analyze(text).escapes.map((escape) => `${abbreviate(text)}: ${escape}`);
}

function expectNothingEscapes(text: string): void {
  expect(escapesFor(text)).toEqual([]);
}

/** Any UTF-16 code unit, lone surrogates and NUL included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const promqlCharacter = fc.constantFrom(
  ...'abxyz_:{}[]()",=~!<>+-*/%^@.,0123456789eExX \t\n#\'`\\'.split(''),
  '\u0000', '\uD800', '\uDFFF', '\uFFFD', 'é', '😀', '\u2028',
);
const randomText = (unit: fc.Arbitrary<string>) => fc.array(unit, { maxLength: 80 }).map((units) => units.join(''));

const HUGE_PIECES = [
  '9'.repeat(400), `1${'0'.repeat(5000)}`, '1e309', '-1e309', '1e-400', `0x${'f'.repeat(40)}`, '18446744073709551616',
  `${'9'.repeat(30)}y`, `${'9'.repeat(20)}ms`, '9223372036854775807', `0.${'0'.repeat(400)}1`, '1_000_000_000_000_000_000',
  'x'.repeat(100_000), `_${'0'.repeat(50_000)}`, `a:${'b:'.repeat(10_000)}`, `"${'\\u0041'.repeat(5_000)}"`,
  `"${'\\'.repeat(9_999)}"`, '`'.repeat(3),
];
const TOKENS = [
  ...HUGE_PIECES.slice(0, 12), 'metric', 'x', 'job', '__name__', 'sum', 'rate', 'topk', 'count_values', 'label_replace',
  'histogram_quantile', 'absent', 'time', 'vector', 'scalar', 'by', 'without', 'on', 'ignoring', 'group_left',
  'group_right', 'bool', 'offset', 'and', 'or', 'unless', 'atan2', 'start', 'end', 'inf', 'NaN', '@', '(', ')', '{',
  '}', '[', ']', ',', ':', '=', '!=', '=~', '!~', '==', '<', '>', '<=', '>=', '+', '-', '*', '/', '%', '^', '1', '0.5',
  '-1', '5m', '1h30m', '0s', '"a"', "'b'", '`c`', '"', '#', '\n', '\u0000', '\uD800',
];
const tokenSoup = fc
  .tuple(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), fc.constantFrom(' ', '', '\n'))
  .map(([tokens, separator]) => tokens.join(separator));

describe('parser fuzzing: only problems come out, never exceptions', () => {
  it('survives random UTF-16 text, NUL and lone surrogates included', () => {
    fc.assert(fc.property(randomText(codeUnit), expectNothingEscapes), { seed: SEED, numRuns: 1500 });
  });

  it('survives random text made of PromQL characters', () => {
    fc.assert(fc.property(randomText(promqlCharacter), expectNothingEscapes), { seed: SEED, numRuns: 3000 });
  });

  it('survives huge numbers, durations, identifiers and strings', () => {
    for (const piece of HUGE_PIECES) {
      for (const text of [piece, `x offset ${piece}`, `x[${piece}]`, `x @ ${piece}`, `{a=${piece}}`, `topk(${piece}, x)`]) {
        expectNothingEscapes(text);
      }
    }
  });

  it('survives token soup', () => {
    fc.assert(fc.property(tokenSoup, expectNothingEscapes), { seed: SEED, numRuns: 2000 });
  });

  it('survives thousands of mutations of real expressions', () => {
    const sources = [...readPeerExpressions(), ...SYNTAX_EDGE_CASES];
    expect(mutatedVariants(sources, 4000, SEED).flatMap(escapesFor)).toEqual([]);
  });

  it.each(DEEP_INPUTS.map((d) => [d.name, d.text]))('survives %s', (_name, text) => {
    expectNothingEscapes(text);
  });
});

describe('parser fuzzing: valid expressions print as text that reads back the same', () => {
  /** How printing `text` fails to be stable, if it does. */
  function unstablePrinting(text: string): string[] {
    const { valid } = analyze(text);
    if (!valid) return [];
    const printed = printExpr(valid);
    const reread = parsePromQL(printed);
    const errors = reread.problems.filter((p) => p.severity === 'error').map((p) => p.message);
    const what = `${abbreviate(text)} prints as ${abbreviate(printed)}`;
    if (errors.length > 0) return [`${what}, which has errors: ${errors.join('; ')}`];
    const reprinted = printExpr(reread.expr!);
    return reprinted === printed ? [] : [`${what}, which prints as ${abbreviate(reprinted)}`];
  }

  it('on token soup', () => {
    fc.assert(
      fc.property(tokenSoup, (text) => {
        expect(unstablePrinting(text)).toEqual([]);
      }),
      { seed: SEED, numRuns: 2000 },
    );
  });

  it('on real expressions and their mutations', () => {
    const sources = [...readPeerExpressions(), ...SYNTAX_EDGE_CASES];
    expect([...sources, ...mutatedVariants(sources, 4000, SEED + 1)].flatMap(unstablePrinting)).toEqual([]);
  });
});
