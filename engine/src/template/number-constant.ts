/** Number constants in templates: which Go types a literal fits, as Go's parse.NumberNode records it. */
import type { NumberNode } from './ast.js';
import { parseGoFloatText, parseGoInt, parseGoUint } from './go-number.js';
import { goQuote, unquoteChar } from '../text/go-quote.js';

export type NumberFacts = Pick<NumberNode, 'isInt' | 'isUint' | 'isFloat' | 'isComplex' | 'int' | 'uint' | 'float' | 'complex'>;

/** What a number constant is, as Go's parse.newNumber decides it; a string is an error message. */
export function numberConstant(text: string, kind: 'charConstant' | 'complex' | 'number'): NumberFacts | string {
  const facts: NumberFacts = {
    isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0n, uint: 0n, float: 0, complex: { re: 0, im: 0 },
  };
  if (kind === 'charConstant') {
    let rune;
    try {
      rune = unquoteChar(text.slice(1), "'");
    } catch {
      return 'invalid syntax';
    }
    if (rune.tail !== "'") return `malformed character constant: ${text}`;
    return { ...facts, isInt: true, isUint: true, isFloat: true, int: BigInt(rune.value), uint: BigInt(rune.value), float: rune.value };
  }
  if (kind === 'complex') {
    const split = /^([+-]?[^+-]*?(?:[eEpP][+-][0-9_]*)?)([+-].*)i$/.exec(text);
    const re = parseGoFloatText(split?.[1] ?? '');
    const im = parseGoFloatText(split?.[2] ?? '');
    if (re.error || im.error) return `illegal number syntax: ${goQuote(text)}`;
    return simplifyComplex({ ...facts, isComplex: true, complex: { re: re.value, im: im.value } });
  }
  if (text.endsWith('i')) {
    const im = parseGoFloatText(text.slice(0, -1));
    if (!im.error) return simplifyComplex({ ...facts, isComplex: true, complex: { re: 0, im: im.value } });
  }
  const u = parseGoUint(text);
  if (!u.error) {
    facts.isUint = true;
    facts.uint = u.value;
  }
  const i = parseGoInt(text);
  if (!i.error) {
    facts.isInt = true;
    facts.int = i.value;
    if (i.value === 0n) {
      facts.isUint = true;
      facts.uint = u.value ?? 0n;
    }
  }
  if (facts.isInt) {
    facts.isFloat = true;
    facts.float = Number(facts.int);
  } else if (facts.isUint) {
    facts.isFloat = true;
    facts.float = Number(facts.uint);
  } else {
    const f = parseGoFloatText(text);
    if (!f.error) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${goQuote(text)}`;
      facts.isFloat = true;
      facts.float = f.value;
      if (fitsInt64(f.value)) {
        facts.isInt = true;
        facts.int = BigInt(f.value);
      }
      if (fitsUint64(f.value)) {
        facts.isUint = true;
        facts.uint = BigInt(f.value);
      }
    }
  }
  if (!facts.isInt && !facts.isUint && !facts.isFloat) return `illegal number syntax: ${goQuote(text)}`;
  return facts;
}

function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
}

function fitsUint64(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < 2 ** 64;
}

/** A complex constant with no imaginary part is also a float, and maybe an integer. */
function simplifyComplex(facts: NumberFacts): NumberFacts {
  if (facts.complex.im !== 0) return facts;
  const f = facts.complex.re;
  return {
    ...facts,
    isFloat: true,
    float: f,
    isInt: fitsInt64(f),
    int: fitsInt64(f) ? BigInt(f) : 0n,
    isUint: fitsUint64(f),
    uint: fitsUint64(f) ? BigInt(f) : 0n,
  };
}
