/**
 * Go strings are UTF-8 bytes; JavaScript strings are UTF-16. These helpers give Go's answers for
 * lengths, byte offsets and ordering on JavaScript strings.
 */

/**
 * Go strings may hold bytes that are not UTF-8 (from `slice`, `\x` escapes). Such a byte b is kept
 * in a JavaScript string as the lone surrogate U+DC00+b ("surrogate escape"), so that lengths,
 * slicing and quoting stay byte-exact; output turns them into U+FFFD.
 */
const ESCAPED_BYTE_MIN = 0xdc80;
const ESCAPED_BYTE_MAX = 0xdcff;

function isEscapedByte(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= ESCAPED_BYTE_MIN && c <= ESCAPED_BYTE_MAX && !(i > 0 && isHighSurrogate(s.charCodeAt(i - 1)));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Bytes(s: string): Uint8Array {
  if (!/[\uDC80-\uDCFF]/.test(s)) return encoder.encode(s);
  const out: number[] = [];
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    if (!isEscapedByte(s, i)) continue;
    out.push(...encoder.encode(s.slice(run, i)), s.charCodeAt(i) - 0xdc00);
    run = i + 1;
  }
  out.push(...encoder.encode(s.slice(run)));
  return Uint8Array.from(out);
}

/** Decodes bytes; bytes that are not UTF-8 become surrogate escapes. */
export function fromUtf8(bytes: Uint8Array): string {
  try {
    return strictDecoder.decode(bytes);
  } catch {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const size = validSequenceLength(bytes, i);
      if (size === 0) {
        out += String.fromCharCode(0xdc00 + bytes[i]!);
        i++;
      } else {
        out += strictDecoder.decode(bytes.subarray(i, i + size));
        i += size;
      }
    }
    return out;
  }
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function validSequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (size <= 1 || i + size > bytes.length) return size === 1 ? 1 : 0;
  try {
    strictDecoder.decode(bytes.subarray(i, i + size));
    return size;
  } catch {
    return 0;
  }
}

/** Text fit for output: surrogate-escaped bytes become U+FFFD, as a UTF-8 reader would show them. */
export function withoutEscapedBytes(s: string): string {
  return /[\uDC80-\uDCFF]/.test(s) ? s.replace(/(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/g, '\ufffd') : s;
}

/** `len(s)` in Go: the number of UTF-8 bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (isHighSurrogate(c) && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) {
      n += 4;
      i++;
    } else if (isEscapedByte(s, i)) n += 1;
    else n += 3;
  }
  return n;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** The number of code points (Go's `utf8.RuneCountInString`). */
export function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1))) i++;
    n++;
  }
  return n;
}

/** The first `n` code points of `s`. */
export function firstRunes(s: string, n: number): string {
  let i = 0;
  for (let count = 0; count < n && i < s.length; count++) i += s.codePointAt(i)! > 0xffff ? 2 : 1;
  return s.slice(0, i);
}

/** Compares as Go compares strings: by UTF-8 bytes, which is code point order. */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) sort after U+E000..U+FFFF in code point order. */
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
