/**
 * Go's JSON syntax errors for request bodies. The expected messages were recorded from Debian's
 * prometheus-alertmanager 0.25 answering POST /api/v2/alerts with these bodies.
 */
import { describe, expect, it } from 'vitest';
import { decodeJsonBody } from '../../../src/alertmanager/api/api-body.js';
import { scanJsonValue } from '../../../src/alertmanager/api/go-json-syntax.js';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('scanJsonValue', () => {
  it.each([
    ['xyz', "invalid character 'x' looking for beginning of value"],
    ['[{"labels":{"a":"b"}', 'unexpected EOF'],
    ['['.repeat(10_001), "invalid character '[' exceeded max depth"],
    ['['.repeat(10_000), 'unexpected EOF'],
    ['["\\q"]', "invalid character 'q' in string escape code"],
    ['["\\u12g4"]', "invalid character 'g' in \\u hexadecimal character escape"],
    ['[-]', "invalid character ']' in numeric literal"],
    ['[1.]', "invalid character ']' after decimal point in numeric literal"],
    ['[1e]', "invalid character ']' in exponent of numeric literal"],
    ['[tru]', "invalid character ']' in literal true (expecting 'e')"],
    ['[nul', 'unexpected EOF'],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', `invalid character '"' after object key:value pair`],
    ['[1 2]', "invalid character '2' after array element"],
    ['{,}', "invalid character ',' looking for beginning of object key string"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ["['a']", "invalid character '\\'' looking for beginning of value"],
    ['[\xff]', "invalid character 'ÿ' looking for beginning of value"],
    ['[\xc2\xa0]', "invalid character 'Â' looking for beginning of value"],
    ['[01]', "invalid character '1' after array element"],
    ['["a\x01"]', "invalid character '\\x01' in string literal"],
  ])('%s → %s', (body, message) => {
    expect(scanJsonValue(bytes(body))).toEqual({ kind: 'error', message });
  });

  it('takes the first value and ignores what follows, and knows an empty body', () => {
    expect(scanJsonValue(bytes('[] trailing'))).toEqual({ kind: 'value', end: 2 });
    expect(scanJsonValue(bytes(' {"a":[1,-2.5e+3,true,null,"\\u00e9"]}{'))).toEqual({ kind: 'value', end: 37 });
    expect(scanJsonValue(bytes('123'))).toEqual({ kind: 'value', end: 3 });
    expect(scanJsonValue(bytes(' \t\r\n'))).toEqual({ kind: 'empty' });
  });

  it('accepts bytes that are not UTF-8 inside strings, decoded as U+FFFD', () => {
    expect(decodeJsonBody(bytes('["a\xffb"]'), 'alerts')).toEqual(['a\ufffdb']);
  });
});
