/**
 * Go's fmt package for template values: Sprint, Sprintln, and Sprintf with Go's verbs, flags,
 * width, precision, argument indexes and its in-band error notation (`%!d(string=x)`,
 * `%!v(MISSING)`, `%!(EXTRA int=1)`, `%!(NOVERB)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!v(BADINDEX)`).
 */
import { clearFlags, Printer } from './fmt-printer.js';
import { typeName, type GoValue } from './go-values.js';

/** Go's limit on widths, precisions and argument indexes written in a format. */
const TOO_LARGE = 1e6;
const MAX_INT64 = (1n << 63n) - 1n;

/** Reads a decimal number at `s[i..end)`; gives up (not a number) past Go's limit. */
function parseNum(s: string, start: number, end: number): { num: number; isNum: boolean; next: number } {
  let num = 0;
  let isNum = false;
  let i = start;
  for (; i < end && s[i]! >= '0' && s[i]! <= '9'; i++) {
    if (num > TOO_LARGE) return { num: 0, isNum: false, next: end };
    num = num * 10 + (s.charCodeAt(i) - 48);
    isNum = true;
  }
  return { num, isNum, next: i };
}

/** The int an `*` width or precision takes from the arguments. */
function intFromArg(args: readonly GoValue[], argNum: number): { num: number; isInt: boolean; next: number } {
  if (argNum >= args.length) return { num: 0, isInt: false, next: argNum };
  const arg = args[argNum];
  let num = 0;
  let isInt = false;
  if (typeof arg === 'bigint' && arg <= MAX_INT64 && arg >= -MAX_INT64 - 1n) {
    num = Number(arg);
    isInt = true;
  }
  if (num > TOO_LARGE || num < -TOO_LARGE) return { num: 0, isInt: false, next: argNum + 1 };
  return { num, isInt, next: argNum + 1 };
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let goodArgNum = true;

  /** Reads an `[n]` argument index at `i`. */
  const argNumber = (i: number): { argNum: number; i: number; found: boolean } => {
    if (i >= end || format[i] !== '[') return { argNum, i, found: false };
    reordered = true;
    const close = format.indexOf(']', i + 1);
    if (end - i < 3 || close < 0) {
      goodArgNum = false;
      return { argNum, i: i + 1, found: false };
    }
    const { num, isNum, next } = parseNum(format, i + 1, close);
    if (!isNum || next !== close) {
      goodArgNum = false;
      return { argNum, i: close + 1, found: false };
    }
    const index = num - 1;
    if (index >= 0 && index < args.length) return { argNum: index, i: close + 1, found: true };
    goodArgNum = false;
    return { argNum, i: close + 1, found: true };
  };

  for (let i = 0; i < end;) {
    goodArgNum = true;
    const percent = format.indexOf('%', i);
    if (percent < 0) {
      p.out += format.slice(i);
      break;
    }
    p.out += format.slice(i, percent);
    i = percent + 1;
    p.f = clearFlags();
    const f = p.f;
    flags: for (; i < end; i++) {
      switch (format[i]) {
        case '#': f.sharp = true; break;
        case '0': f.zero = !f.minus; break;
        case '+': f.plus = true; break;
        case '-': f.minus = true; f.zero = false; break;
        case ' ': f.space = true; break;
        default: break flags;
      }
    }

    let index = argNumber(i);
    argNum = index.argNum;
    i = index.i;
    afterIndex = index.found;

    if (i < end && format[i] === '*') {
      i++;
      const width = intFromArg(args, argNum);
      f.wid = width.num;
      f.widPresent = width.isInt;
      argNum = width.next;
      if (!f.widPresent) p.out += '%!(BADWIDTH)';
      if (f.wid < 0) {
        f.wid = -f.wid;
        f.minus = true;
        f.zero = false;
      }
      afterIndex = false;
    } else {
      const width = parseNum(format, i, end);
      f.wid = width.num;
      f.widPresent = width.isNum;
      i = width.next;
      if (afterIndex && f.widPresent) goodArgNum = false;
    }

    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      index = argNumber(i);
      argNum = index.argNum;
      i = index.i;
      afterIndex = index.found;
      if (i < end && format[i] === '*') {
        i++;
        const precision = intFromArg(args, argNum);
        f.prec = precision.num;
        f.precPresent = precision.isInt;
        argNum = precision.next;
        if (f.prec < 0) {
          f.prec = 0;
          f.precPresent = false;
        }
        if (!f.precPresent) p.out += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const precision = parseNum(format, i, end);
        f.prec = precision.num;
        f.precPresent = true;
        i = precision.next;
      }
    }

    if (!afterIndex) {
      index = argNumber(i);
      argNum = index.argNum;
      i = index.i;
      afterIndex = index.found;
    }

    if (i >= end) {
      p.out += '%!(NOVERB)';
      break;
    }

    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      p.out += '%';
    } else if (!goodArgNum) {
      p.out += `%!${verb}(BADINDEX)`;
    } else if (argNum >= args.length) {
      p.out += `%!${verb}(MISSING)`;
    } else {
      if (verb === 'v') {
        f.sharpV = f.sharp;
        f.sharp = false;
        f.plusV = f.plus;
        f.plus = false;
      }
      p.printArg(args[argNum], verb);
      argNum++;
    }
  }

  if (!reordered && argNum < args.length) {
    p.f = clearFlags();
    p.out += '%!(EXTRA ';
    args.slice(argNum).forEach((arg, i) => {
      if (i > 0) p.out += ', ';
      if (arg === null || arg === undefined) {
        p.out += '<nil>';
      } else {
        p.out += typeName(arg) + '=';
        p.printArg(arg, 'v');
      }
    });
    p.out += ')';
  }
  return p.out;
}

/** fmt.Sprint: operands separated by a space when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((arg, i) => {
    const isString = typeof arg === 'string';
    if (i > 0 && !isString && !prevString) p.out += ' ';
    p.printArg(arg, 'v');
    prevString = isString;
  });
  return p.out;
}

/** fmt.Sprintln: operands always separated by a space, and a newline at the end. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((arg, i) => {
    if (i > 0) p.out += ' ';
    p.printArg(arg, 'v');
  });
  return p.out + '\n';
}

/** The `%v` text of one value, as fmt.Fprint writes it. */
export function formatValue(v: GoValue): string {
  return sprint([v]);
}
