/**
 * Go's fmt printer state: flags, width and precision, and how each verb formats each kind of
 * value, including the in-band error `%!verb(type=value)`. Composite values print element by
 * element; a pointer below the top level prints as `&{...}` where Go would print its address.
 */
import { canBackquote, goQuote, goQuoteRune, goQuoteToASCII, isPrint } from '../text/go-quote.js';
import {
  asMap, GoComplex, GoStruct, GoUint, kindOf, sliceItems, typeName, type GoValue,
} from './go-values.js';
import { formatFloat, type FloatFormat } from './strconv-float.js';
import { toGo } from './to-go.js';
import { firstRunes, runeCount, utf8Bytes } from '../text/utf8.js';

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  widPresent: boolean;
  precPresent: boolean;
  wid: number;
  prec: number;
}

export function clearFlags(): Flags {
  return {
    plus: false, minus: false, sharp: false, space: false, zero: false, plusV: false, sharpV: false,
    widPresent: false, precPresent: false, wid: 0, prec: 0,
  };
}

export class Printer {
  out = '';
  f: Flags = clearFlags();
  /** The operand being printed, for `%!verb(type=value)` messages. */
  private arg: GoValue = null;
  private erroring = false;

  writePadding(n: number): void {
    if (n > 0) this.out += (this.f.zero ? '0' : ' ').repeat(n);
  }

  /** Pads to the width, counting runes. */
  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.out += s;
      return;
    }
    const padding = this.f.wid - runeCount(s);
    if (this.f.minus) {
      this.out += s;
      this.writePadding(padding);
    } else {
      this.writePadding(padding);
      this.out += s;
    }
  }

  /** Pads without zeros, for numbers whose zero padding was already applied or is not allowed. */
  padSpaces(s: string): void {
    const zero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = zero;
  }

  truncate(s: string): string {
    return this.f.precPresent ? firstRunes(s, this.f.prec) : s;
  }

  printArg(arg: GoValue, verb: string): void {
    this.arg = arg;
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') {
      this.pad(this.truncate(typeName(arg)));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, verb);
      return;
    }
    switch (typeof arg) {
      case 'boolean':
        return this.fmtBool(arg, verb);
      case 'number':
        return this.fmtFloat(arg, verb);
      case 'bigint':
        return this.fmtInteger(arg, verb);
      case 'string':
        return this.fmtString(arg, verb);
    }
    if (arg instanceof GoUint) return this.fmtInteger(arg.value, verb, true);
    if (!this.handleMethods(arg, verb)) this.printValue(arg, verb, 0);
  }

  /** Stringers print through String() for the verbs that format strings. */
  private handleMethods(arg: GoValue, verb: string): boolean {
    if (this.erroring || this.f.sharpV || !(arg instanceof GoStruct) || !arg.options.stringer) return false;
    if (!'vsxXq'.includes(verb)) return false;
    this.fmtString(arg.options.stringer(), verb);
    return true;
  }

  badVerb(verb: string): void {
    this.erroring = true;
    this.out += '%!' + verb + '(';
    if (this.arg === null || this.arg === undefined) {
      this.out += '<nil>';
    } else {
      this.out += typeName(this.arg) + '=';
      this.printArg(this.arg, 'v');
    }
    this.out += ')';
    this.erroring = false;
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(v ? 'true' : 'false');
    else this.badVerb(verb);
  }

  fmtInteger(v: bigint, verb: string, unsigned = false): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && unsigned) {
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.formatInteger(v, 16, verb, false);
          this.f.sharp = sharp;
          return;
        }
        return this.formatInteger(v, 10, verb, false);
      case 'd':
        return this.formatInteger(v, 10, verb, false);
      case 'b':
        return this.formatInteger(v, 2, verb, false);
      case 'o':
      case 'O':
        return this.formatInteger(v, 8, verb, false);
      case 'x':
        return this.formatInteger(v, 16, verb, false);
      case 'X':
        return this.formatInteger(v, 16, verb, true);
      case 'c':
        return this.pad(runeText(v));
      case 'q':
        return this.pad(goQuoteRune(runeValue(v), this.f.plus));
      case 'U':
        return this.fmtUnicode(v);
      default:
        this.badVerb(verb);
    }
  }

  private formatInteger(value: bigint, base: number, verb: string, upper: boolean): void {
    const f = this.f;
    const negative = value < 0n;
    const magnitude = negative ? -value : value;
    let prec = 0;
    if (f.precPresent) {
      prec = f.prec;
      if (prec === 0 && magnitude === 0n) {
        this.writePaddingSpaces(f.wid);
        return;
      }
    } else if (f.zero && f.widPresent) {
      prec = f.wid;
      if (negative || f.plus || f.space) prec--;
    }
    let digits = magnitude.toString(base);
    if (upper) digits = digits.toUpperCase();
    digits = digits.padStart(prec, '0');
    if (f.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (f.plus) digits = '+' + digits;
    else if (f.space) digits = ' ' + digits;
    this.padSpaces(digits);
  }

  private writePaddingSpaces(n: number): void {
    if (n > 0) this.out += ' '.repeat(n);
  }

  private fmtUnicode(v: bigint): void {
    const u = BigInt.asUintN(64, v);
    let prec = 4;
    if (this.f.precPresent && this.f.prec > 4) prec = this.f.prec;
    let text = 'U+' + u.toString(16).toUpperCase().padStart(prec, '0');
    if (this.f.sharp && u <= 0x10ffffn && isPrint(Number(u))) text += ` '${String.fromCodePoint(Number(u))}'`;
    this.padSpaces(text);
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        return this.formatFloat(v, 'g', -1);
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        return this.formatFloat(v, verb, -1);
      case 'f':
      case 'e':
      case 'E':
        return this.formatFloat(v, verb, 6);
      case 'F':
        return this.formatFloat(v, 'f', 6);
      default:
        this.badVerb(verb);
    }
  }

  private formatFloat(v: number, verb: FloatFormat, defaultPrec: number): void {
    const f = this.f;
    const prec = f.precPresent ? f.prec : defaultPrec;
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (f.space && num[0] === '+' && !f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      if (num[1] === 'N' && !f.space && !f.plus) num = num.slice(1);
      this.padSpaces(num);
      return;
    }
    if (f.sharp && verb !== 'b') num = forceDecimalPoint(num, verb, prec);
    if (f.plus || num[0] !== '+') {
      if (f.zero && f.widPresent && f.wid > num.length) {
        this.out += num[0];
        this.writePadding(f.wid - num.length);
        this.out += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  fmtComplex(v: GoComplex, verb: string): void {
    if (!'vbgGxXfFeE'.includes(verb)) {
      this.badVerb(verb);
      return;
    }
    const plus = this.f.plus;
    this.out += '(';
    this.fmtFloat(v.re, verb);
    this.f.plus = true;
    this.fmtFloat(v.im, verb);
    this.out += 'i)';
    this.f.plus = plus;
  }

  fmtString(v: string, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(v);
        else this.pad(this.truncate(v));
        return;
      case 's':
        return this.pad(this.truncate(v));
      case 'x':
        return this.fmtSx(v, false);
      case 'X':
        return this.fmtSx(v, true);
      case 'q':
        return this.fmtQ(v);
      default:
        this.badVerb(verb);
    }
  }

  private fmtQ(v: string): void {
    const s = this.truncate(v);
    if (this.f.sharp && canBackquote(s)) this.pad('`' + s + '`');
    else this.pad(this.f.plus ? goQuoteToASCII(s) : goQuote(s));
  }

  private fmtSx(v: string, upper: boolean): void {
    const f = this.f;
    let bytes = utf8Bytes(v);
    if (f.precPresent && f.prec < bytes.length) bytes = bytes.slice(0, f.prec);
    if (bytes.length === 0) {
      if (f.widPresent) this.writePadding(f.wid);
      return;
    }
    const prefix = upper ? '0X' : '0x';
    let text = f.sharp ? prefix : '';
    bytes.forEach((b, i) => {
      if (f.space && i > 0) text += f.sharp ? ' ' + prefix : ' ';
      const hex = b.toString(16).padStart(2, '0');
      text += upper ? hex.toUpperCase() : hex;
    });
    const width = text.length;
    if (f.widPresent && f.wid > width && !f.minus) this.writePadding(f.wid - width);
    this.out += text;
    if (f.widPresent && f.wid > width && f.minus) this.writePadding(f.wid - width);
  }

  private fmtPointer(v: GoValue, verb: string): void {
    const kind = kindOf(v);
    if (kind === 'map' || kind === 'slice' || kind === 'ptr' || kind === 'func') this.pad('0xc000010000');
    else this.badVerb(verb);
  }

  printValue(v: GoValue, verb: string, depth: number): void {
    if (depth > 0 && v !== undefined && v !== null) {
      this.arg = v;
      if (this.handleMethods(v, verb)) return;
    }
    this.arg = v;
    switch (kindOf(v)) {
      case 'invalid':
      case 'nil':
        if (depth === 0) this.out += '<invalid reflect.Value>';
        else if (verb === 'v') this.out += '<nil>';
        else this.badVerb(verb);
        return;
      case 'bool':
        return this.fmtBool(v as boolean, verb);
      case 'int':
        return this.fmtInteger(v as bigint, verb);
      case 'uint':
        return this.fmtInteger((v as GoUint).value, verb, true);
      case 'float':
        return this.fmtFloat(v as number, verb);
      case 'complex':
        return this.fmtComplex(v as GoComplex, verb);
      case 'string':
        return this.fmtString(v as string, verb);
      case 'map':
        return this.printMap(v, verb, depth);
      case 'struct':
        return this.printStruct(v as GoStruct, verb, depth);
      case 'slice':
        return this.printSlice(v, verb, depth);
      case 'ptr':
        this.out += '&';
        return this.printStruct((v as GoStruct).deref(), verb, depth + 1);
      case 'func':
        return this.fmtPointer(v, verb);
    }
  }

  private printMap(v: GoValue, verb: string, depth: number): void {
    const map = asMap(v)!;
    const sharpV = this.f.sharpV;
    this.out += sharpV ? typeName(v) + '{' : 'map[';
    map.sortedKeys().forEach((key, i) => {
      if (i > 0) this.out += sharpV ? ', ' : ' ';
      this.printValue(key, verb, depth + 1);
      this.out += ':';
      this.printElement(map.get(key), verb, depth);
    });
    this.out += sharpV ? '}' : ']';
  }

  private printStruct(v: GoStruct, verb: string, depth: number): void {
    if (this.f.sharpV) this.out += v.typeName;
    this.out += '{';
    let i = 0;
    for (const [name, value] of v.fields) {
      if (i++ > 0) this.out += this.f.sharpV ? ', ' : ' ';
      if (this.f.plusV || this.f.sharpV) this.out += name + ':';
      this.printElement(value, verb, depth);
    }
    this.out += '}';
  }

  private printSlice(v: GoValue, verb: string, depth: number): void {
    const items = sliceItems(v)!;
    if (this.f.sharpV) {
      this.out += typeName(v) + '{';
      items.forEach((item, i) => {
        if (i > 0) this.out += ', ';
        this.printElement(item, verb, depth);
      });
      this.out += '}';
      return;
    }
    this.out += '[';
    items.forEach((item, i) => {
      if (i > 0) this.out += ' ';
      this.printElement(item, verb, depth);
    });
    this.out += ']';
  }

  /** Elements of interface type: a nil one prints as `<nil>` whatever the verb. */
  private printElement(raw: unknown, verb: string, depth: number): void {
    const value = toGo(raw);
    if (value === null || value === undefined) {
      this.out += this.f.sharpV ? 'interface {}(nil)' : '<nil>';
      return;
    }
    this.printValue(value, verb, depth + 1);
  }
}

/** The `#` flag on floats: keep a decimal point, and for %g/%v keep trailing zeros. */
function forceDecimalPoint(num: string, verb: string, prec: number): string {
  let digits = 0;
  if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
  let body = num;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') {
      hasPoint = true;
    } else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}

function runeValue(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return u > 0x10ffffn ? 0xfffd : Number(u);
}

/** %c: the character, U+FFFD for values that are not runes. */
function runeText(v: bigint): string {
  const cp = runeValue(v);
  return cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : String.fromCodePoint(cp);
}
