import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, parseDocument, type Scalar, type YAMLMap } from 'yaml';
import { decodeFlowScalar, type ScalarStyle } from '../../src/yaml/scalar-decode.js';
import { relocateInScalar, relocateRange, scalarOffsets } from '../../src/yaml/scalar-offsets.js';

/** The scalar under key `v`, and the file offsets of each of its value's characters. */
function offsetsOf(source: string): { value: string; offsets: number[] } {
  const doc = parseDocument(source);
  const map = doc.contents;
  if (!isMap(map)) throw new Error('expected a mapping');
  const node = map.get('v', true) as Scalar;
  return { value: String(node.value), offsets: scalarOffsets(node, source) };
}

/** Every value character must sit at its mapped file offset (escapes map to the escape's start). */
function expectFaithful(source: string, escapes: Record<string, string> = {}) {
  const { value, offsets } = offsetsOf(source);
  expect(offsets).toHaveLength(value.length + 1);
  [...value].forEach((ch, i) => {
    const at = source[offsets[i]!]!;
    if (ch === ' ' && (at === '\n' || at === ' ')) return;
    expect(escapes[ch] ?? ch).toContain(at);
  });
  return { value, offsets };
}

describe('scalarOffsets', () => {
  it('maps plain scalars one to one', () => {
    const source = 'v: rate(x[5m]) > 1\n';
    const { offsets } = expectFaithful(source);
    expect(offsets[0]).toBe(3);
  });

  it('maps multi-line plain scalars through the folded line break', () => {
    const source = 'v: sum(x)\n  > 1\n';
    const { value, offsets } = expectFaithful(source);
    expect(value).toBe('sum(x) > 1');
    expect(source[offsets[value.indexOf('>')]!]).toBe('>');
  });

  it('maps double-quoted scalars with escapes to the escape', () => {
    const source = 'v: "foo{a=\\"b\\"} > 1"\n';
    const { value, offsets } = expectFaithful(source, { '"': '\\"' });
    expect(value).toBe('foo{a="b"} > 1');
    expect(source.slice(offsets[value.indexOf('>')]!, offsets[value.indexOf('>')]! + 1)).toBe('>');
  });

  it("maps single-quoted scalars with '' escapes", () => {
    const source = "v: 'foo{a=''b''} > 1'\n";
    const { value, offsets } = expectFaithful(source);
    expect(value).toBe("foo{a='b'} > 1");
    expect(source[offsets[value.indexOf('>')]!]).toBe('>');
  });

  it('maps literal block scalars line by line', () => {
    const source = 'v: |\n  sum(x)\n    > 1\n';
    const { value, offsets } = expectFaithful(source);
    expect(value).toBe('sum(x)\n  > 1\n');
    expect(offsets[value.indexOf('>')]).toBe(source.indexOf('>'));
  });

  it('maps literal block scalars with stripped chomping', () => {
    const source = 'v: |-\n  up == 0\n\n';
    const { value, offsets } = offsetsOf(source);
    expect(value).toBe('up == 0');
    expect(offsets[value.indexOf('0')]).toBe(source.indexOf('0'));
  });

  it('maps folded blocks exactly, not to the header', () => {
    const source = 'v: >\n  > 1\n  or x\n';
    const { value, offsets } = expectFaithful(source);
    expect(value).toBe('> 1 or x\n');
    expect(offsets[0]).toBe(source.indexOf('  >') + 2);
    expect(offsets[value.indexOf('or')]).toBe(source.indexOf('or'));
  });

  it('maps numbers by their written text, not their parsed value', () => {
    const source = 'v: 1.50\n';
    const doc = parseDocument(source);
    const node = (doc.contents as YAMLMap).get('v', true) as Scalar;
    expect(node.value).toBe(1.5);
    expect(scalarOffsets(node, source)).toEqual([3, 4, 5, 6, 7]);
  });

  it('maps one-line flow scalars written as their value exactly as decoding them does', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', '{', '=', '1') });
    const style = fc.constantFrom<ScalarStyle>('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE');
    fc.assert(
      fc.property(text, style, (value, style) => {
        const quote = style === 'QUOTE_SINGLE' ? "'" : style === 'QUOTE_DOUBLE' ? '"' : '';
        const source = `v: ${quote}${value}${quote}\n`;
        const end = source.length - 1;
        const decoded = decodeFlowScalar(style, source, 3, end);
        const offsets = scalarOffsets({ type: style, range: [3, end], value: decoded.text, source: decoded.text }, source);
        expect(offsets).toEqual(decoded.offsets);
      }),
      { numRuns: 2000 },
    );
  });

  it('relocates a range as relocateRange does with the offsets, in every flow style', () => {
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '"', "'", '\\', '\n', '1') });
    const style = fc.constantFrom<ScalarStyle>('PLAIN', 'QUOTE_SINGLE', 'QUOTE_DOUBLE');
    const index = fc.integer({ min: -2, max: 30 });
    fc.assert(
      fc.property(text, style, index, index, (value, style, a, b) => {
        const quote = style === 'QUOTE_SINGLE' ? "'" : style === 'QUOTE_DOUBLE' ? '"' : '';
        const source = `v: ${quote}${value}${quote}\n`;
        const end = source.length - 1;
        const decoded = decodeFlowScalar(style, source, 3, end);
        const node = { type: style, range: [3, end], value: decoded.text, source: decoded.text };
        const range = { start: Math.min(a, b), end: Math.max(a, b) };
        expect(relocateInScalar(node, range, source)).toEqual(relocateRange(range, scalarOffsets(node, source)));
      }),
      { numRuns: 3000 },
    );
  });
});
