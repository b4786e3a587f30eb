/**
 * The scanner must produce what Chevrotain's lexer produces from the token definitions: the same
 * tokens (types, text, offsets) and the same errors, on any text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newPromqlLexer } from '../../src/promql/lexer.js';
import { scanInto, scanPromQL, type TokenScan } from '../../src/promql/scanner.js';

const reference = newPromqlLexer({ validate: false });

function expectSameAsReference(text: string): void {
  const shape = (r: ReturnType<typeof scanPromQL>) => ({
    tokens: r.tokens.map((t) => [t.tokenType.name, t.image, t.startOffset, t.tokenTypeIdx]),
    errors: r.errors,
    groups: r.groups,
  });
  expect(shape(scanPromQL(text)), JSON.stringify(text)).toEqual(shape(reference.tokenize(text)));
}

const FRAGMENTS = [
  ' ', '\t', '\n', '\r', '#', '"', "'", '`', '\\', '\\n', '{', '}', '[', ']', '(', ')', ',', ':', '::', '=', '==', '=~', '!', '!=', '!~',
  '<', '<=', '>', '>=', '+', '-', '*', '/', '%', '^', '@', '.', '0', '1', '5', '0x', '1e', 'e', 'E', '_', 'm', 's', 'h', 'd', 'w',
  'y', 'ms', 'x', 'foo', 'job', 'sum', 'SUM', 'count', 'count_values', 'group_left', 'group', 'by', 'without', 'on', 'offset',
  'bool', 'start', 'end', 'inf', 'NaN', 'nan', 'Infinity', 'and', 'or', 'unless', 'atan2', 'topk', 'limit_ratio', 'é', '😀', '~', '$', '?',
];

describe('the scanner', () => {
  it.each([
    'sum by (job) (rate(http_requests_total{code=~"5..", job!="x"}[5m])) / on (job) group_left (env) up > bool 0.5',
    'x offset -5m @ start() + y @ 1609746000 offset 1h',
    'max_over_time(rate(x[5m])[30m:1m]) and - - 2 ^ 3 ^ -x',
    'x[5m + 30s] offset (1h * 2) + y[1h:(5m)] + z[1h30] + w[1h30m5s5ms]',
    'foo(x) + "str\\x" + 0x1F + 0X_1f_2 + 1_000.5e-3 + .5 + 5. + 2.5. + 1e3 + Inf + NaN + 1h30m',
    'job:rate5m:sum + :a:b + a: + sum:x + count_values("a", x) + countx + Count + COUNT_VALUES + limit_ratio(0.5, x)',
    '{a="b", c=~"d", e!="f", g!~"h", "quoted"="i", sum="j", 5="x"} # comment\n+ x # end',
    '"unterminated', "'single\\'s", '`raw\nstring', '"a\\\nb"', '`open raw', '"x\\',
    'x{a="b"', 'x[5m', 'x[5m)', 'rate(x[5m)) + y', 'x}', 'x]', '] + 1', 'a ! b', 'a !', '=~', '!~ x', '$x', 'é + 😀', 'x{é="a"}', 'x[é]',
    'x[#]', 'x[a]', 'x["5m"]', '1.2.3', '5m5', '1y1y', '0x', '0xg', '1e', '1e+', '.', '..5', '5..',
  ])('agrees with Chevrotain on %j', (text) => {
    expectSameAsReference(text);
  });

  it('agrees with Chevrotain on any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 30 }), (parts) => {
        expectSameAsReference(parts.join(''));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expectSameAsReference(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('a scan into reused tokens', () => {
  it('gives each text the tokens and errors of a fresh scan, after longer and shorter texts', () => {
    const scan: TokenScan = { tokens: [], count: 0, errors: [] };
    const texts = ['sum by (job) (rate(x{a="b"}[5m])) > 1', 'x', '', 'a ! b $ c', 'rate(y[1m])', '{a="b"}'];
    for (const text of texts) {
      scanInto(text, scan);
      const fresh = scanPromQL(text);
      const shape = (tokens: readonly { image: string; startOffset: number; tokenTypeIdx: number }[]) => tokens.map((t) => [t.image, t.startOffset, t.tokenTypeIdx]);
      expect(shape(scan.tokens.slice(0, scan.count)), text).toEqual(shape(fresh.tokens));
      expect(scan.errors, text).toEqual(fresh.errors);
    }
    // The objects of the longest text were kept for the texts after it.
    expect(scan.tokens.length).toBeGreaterThan(scan.count);
  });
});
