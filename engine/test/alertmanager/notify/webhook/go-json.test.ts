import { describe, expect, it } from 'vitest';
import { encodeGoJson, goJsonString } from '../../../../src/alertmanager/notify/webhook/go-json.js';
import { goTimeJson } from '../../../../src/alertmanager/notify/webhook/go-time-json.js';

describe('goJsonString', () => {
  it.each([
    ['plain', String.raw`"plain"`],
    ['<a href="x">&</a>', String.raw`"\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e"`],
    ['tab\tnew\nret\r back\\slash', String.raw`"tab\tnew\nret\r back\\slash"`],
    ['\u0000\u0008\u000c\u001f\u007f', String.raw`"\u0000\u0008\u000c\u001f` + '\u007f"'],
    ['sep\u2028\u2029', String.raw`"sep\u2028\u2029"`],
    ['café ✓ 😀', '"café ✓ 😀"'],
    ['lone \ud800 and \udc80', String.raw`"lone \ufffd and \ufffd"`],
  ])('%j', (input, expected) => {
    expect(goJsonString(input)).toBe(expected);
  });
});

describe('encodeGoJson', () => {
  it('writes structs in field order and maps with sorted keys', () => {
    const value = { z: 1, a: new Map([['b', 'x'], ['a1', 'y'], ['a', 'z'], ['10', 'n']]), list: [true, null], empty: new Map() };
    expect(encodeGoJson(value)).toBe('{"z":1,"a":{"10":"n","a":"z","a1":"y","b":"x"},"list":[true,null],"empty":{}}');
  });
});

describe('goTimeJson', () => {
  it.each([
    [0, '0001-01-01T00:00:00Z'],
    [1_704_067_200_000, '2024-01-01T00:00:00Z'],
    [1_704_067_200_500, '2024-01-01T00:00:00.5Z'],
    [1_704_067_200_123, '2024-01-01T00:00:00.123Z'],
    [1_704_067_200_010, '2024-01-01T00:00:00.01Z'],
  ])('%d → %s', (ms, expected) => {
    expect(goTimeJson(ms)).toBe(expected);
  });
});
