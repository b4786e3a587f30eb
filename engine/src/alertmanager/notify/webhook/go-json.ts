/**
 * JSON as Go's encoding/json writes it (json.Encoder, go1.19 as Debian's Alertmanager 0.25 is
 * built): `<`, `>`, `&`, U+2028 and U+2029 escaped, control characters as `\u00XX` except `\n`,
 * `\r`, `\t`, invalid UTF-8 (lone surrogates here) as `\ufffd`; maps with sorted keys; structs in
 * field order. Go maps are given as Map, structs as plain objects.
 */
import { compareGoStrings } from '../../../text/utf8.js';

export type GoJsonValue = string | number | boolean | null | readonly GoJsonValue[] | ReadonlyMap<string, GoJsonValue> | GoJsonStruct;
export interface GoJsonStruct {
  readonly [field: string]: GoJsonValue;
}

const NEEDS_ESCAPING = /[\u0000-\u001f"\\<>&\u2028\u2029\ud800-\udfff]/;
const HEX = '0123456789abcdef';

export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPING.test(s)) return `"${s}"`;
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c === 0x3c || c === 0x3e || c === 0x26) out += `\\u00${HEX[c >> 4]}${HEX[c & 0xf]}`;
    else if (c === 0x2028 || c === 0x2029) out += `\\u${c.toString(16)}`;
    else if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      out += s[i]! + s[i + 1]!;
      i++;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\\ufffd';
    else out += s[i];
  }
  return out + '"';
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function encodeGoJson(value: GoJsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(encodeGoJson).join(',')}]`;
  if (value instanceof Map) {
    const keys = [...value.keys()].sort(compareGoStrings);
    return `{${keys.map((k) => `${goJsonString(k)}:${encodeGoJson(value.get(k)!)}`).join(',')}}`;
  }
  const fields = Object.entries(value as GoJsonStruct);
  return `{${fields.map(([k, v]) => `${goJsonString(k)}:${encodeGoJson(v)}`).join(',')}}`;
}
