import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { decodeFlowScalar, decodeScalar, flowScalarText, type ScalarStyle } from '../../src/yaml/scalar-decode.js';

/** The scalar under key `v` as the `yaml` package reads it, or undefined when the text has errors. */
function parsed(source: string): Scalar | undefined {
  const doc = parseDocument(source);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const node = doc.contents.get('v', true);
  return isScalar(node) ? node : undefined;
}

function decodings(source: string, node: Scalar) {
  return [...decodeScalar(node.type as ScalarStyle, source, node.range![0], node.range![1])];
}

/** Every decoded character that is not produced by folding sits at its own source character. */
function expectFaithful(source: string, text: string, offsets: number[]) {
  expect(offsets).toHaveLength(text.length + 1);
  for (let i = 0; i < text.length; i++) {
    const at = source[offsets[i]!]!;
    if (text[i] === ' ' && (at === '\n' || at === '\r')) continue;
    if (text[i] === '\n' && (at === '\n' || at === '\r')) continue;
    if (at === '\\' || at === "'") continue;
    expect(at, `character ${i} of ${JSON.stringify(text)}`).toBe(text[i]);
  }
}

function expectDecodesLikeYaml(source: string) {
  const node = parsed(source);
  if (!node) return false;
  const value = node.source ?? String(node.value ?? '');
  const match = decodings(source, node).find((d) => d.text === value);
  expect(match?.text, `decoding ${JSON.stringify(source)}`).toBe(value);
  expectFaithful(source, match!.text, match!.offsets);
  return true;
}

describe('decodeScalar', () => {
  it('folds plain multi-line scalars, with empty lines as line breaks', () => {
    expect(expectDecodesLikeYaml('v: sum(x)\n  by (job)\n\n  > 1\n')).toBe(true);
  });

  it('keeps escaped white space of double-quoted scalars and joins escaped line breaks', () => {
    expect(expectDecodesLikeYaml('v: "a\\t \n  b\\\n   c\\x41\\u00e9"\n')).toBe(true);
    const node = parsed('v: "a\\\n   c"\n')!;
    expect(decodings('v: "a\\\n   c"\n', node)[0]!.text).toBe('ac');
  });

  it('folds `>` blocks: text lines join with spaces, more-indented lines keep their breaks', () => {
    const source = 'v: >\n  sum(x)\n  > 1\n\n  and\n    more\n  end\n';
    const node = parsed(source)!;
    expect(node.value).toBe('sum(x) > 1\nand\n  more\nend\n');
    const [decoded] = decodings(source, node);
    expect(decoded!.text).toBe(node.value);
    expect(decoded!.offsets[decoded!.text.indexOf('>')]).toBe(source.lastIndexOf('>'));
    expect(decoded!.offsets[decoded!.text.indexOf('more')]).toBe(source.indexOf('more'));
  });

  it('applies chomping indicators and explicit indentation', () => {
    for (const header of ['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-', '|+2']) {
      const source = `v: ${header}\n    a\n     b\n\n    c\n\n\nw: 1\n`;
      expect(expectDecodesLikeYaml(source), header).toBe(true);
    }
  });

  it('agrees with the yaml package on generated scalars of every style', () => {
    const word = fc.stringMatching(/^[a-z(){}=~"'\\#:>|\- ]{0,8}$/);
    const line = fc.tuple(fc.integer({ min: 0, max: 3 }), word).map(([indent, w]) => ' '.repeat(indent) + w.trimEnd());
    const body = fc.array(line, { minLength: 1, maxLength: 6 });
    const header = fc.constantFrom('|', '|-', '|+', '>', '>-', '>+', '|1', '>2', '|1-', '>+1');
    const block = fc.tuple(header, body).map(([h, lines]) => `v: ${h}\n${lines.map((l) => (l === '' ? '' : `  ${l}`)).join('\n')}\nw: 1\n`);
    const flowText = fc.array(fc.oneof(word, fc.constantFrom('\n', '\n\n', ' \n  ', '\\n', '\\\n', "''", '\\"', '\\x41', '\t')), { maxLength: 8 }).map((parts) => parts.join(''));
    const flow = fc.tuple(fc.constantFrom('"', "'", ''), flowText).map(([q, t]) => `v: ${q}${t.split('\n').join('\n  ')}${q}\nw: 1\n`);
    let checked = 0;
    fc.assert(
      fc.property(fc.oneof(block, flow), (source) => {
        if (expectDecodesLikeYaml(source)) checked++;
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it('reads one-line double-quoted scalars as the offset-keeping decoder does', () => {
    const text = fc.constantFrom('x', 'u', 'U', '4', '1', 'f', 'G', 'n', ' ', '/', 'é', '😀');
    const escape = fc.constantFrom('\\"', '\\\\', '\\n', '\\t', '\\/', '\\x4', '\\x41', '\\xZ', '\\u00e9', '\\u12', '\\U0001F600', '\\U1', '\\q', '\\é');
    fc.assert(
      fc.property(fc.array(fc.oneof(text, escape), { maxLength: 12 }), (parts) => {
        const source = `"${parts.join('')}"`;
        const decoded = decodeFlowScalar('QUOTE_DOUBLE', source, 0, source.length);
        expect(flowScalarText('QUOTE_DOUBLE', source, 0, source.length)).toBe(decoded.text);
      }),
      { numRuns: 3000 },
    );
  });
});
