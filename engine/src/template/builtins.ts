/**
 * The functions every Go template has: and, or, not, len, index, slice, print, printf, println,
 * html, js, urlquery, eq, ne, lt, le, gt, ge, call. Errors they throw become Go's
 * `error calling <name>: <message>`. `and`, `or` and `call` need the executor (short-circuiting,
 * the callee's name), so their bodies here are only reached through it.
 */
import { htmlEscape, jsEscape, urlQueryEscape } from './escape.js';
import { sprint, sprintf, sprintln } from './go-format.js';
import {
  ANY, asMap, GoComplex, GoFunc, GoSlice, GoStruct, GoUint, isTrue, kindOf, REFLECT_VALUE, sliceItems, STRING, typeName,
  type GoType, type GoValue,
} from './go-values.js';
import { toGo } from './to-go.js';
import { compareGoStrings, fromUtf8, utf8Bytes, utf8Length } from '../text/utf8.js';

export type FunctionMap = Readonly<Record<string, GoFunc>>;

/** A nil interface has no dynamic value: what Go's reflect sees after Elem(). */
function indirectInterface(v: GoValue): GoValue {
  return v === null ? undefined : v;
}

/** Follows a struct pointer; `isNil` for a nil interface. */
function indirect(v: GoValue): { value: GoValue; isNil: boolean } {
  if (v === null) return { value: v, isNil: true };
  if (v instanceof GoStruct && v.pointer) return { value: v.deref(), isNil: false };
  return { value: v, isNil: false };
}

export function truth(v: GoValue): boolean {
  return isTrue(indirectInterface(v)).truth;
}

function indexArg(index: GoValue, cap: number): number {
  if (index === undefined) throw new Error('cannot index slice/array with nil');
  const x = index instanceof GoUint ? index.value : index;
  if (typeof x !== 'bigint') throw new Error(`cannot index slice/array with type ${typeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new Error(`index out of range: ${x}`);
  return Number(x);
}

/** Checks that `value` fits a parameter or map key of type `type`, turning the invalid value into its zero. */
function prepareArg(value: GoValue, type: GoType): GoValue {
  if (value === undefined) {
    if (!type.canBeNil) throw new Error(`value is nil; should be of type ${type.name}`);
    return type.zero;
  }
  if (type.accepts(value)) return value;
  throw new Error(`value has type ${typeName(value)}; should be ${type.name}`);
}

function index(args: GoValue[]): GoValue {
  let item = indirectInterface(args[0]);
  if (item === undefined) throw new Error('index of untyped nil');
  for (const raw of args.slice(1)) {
    const key = indirectInterface(raw);
    const target = indirect(item);
    if (target.isNil) throw new Error('index of nil pointer');
    item = target.value;
    const kind = kindOf(item);
    if (kind === 'slice' || kind === 'string') {
      const isString = kind === 'string';
      const length = isString ? utf8Length(item as string) : sliceItems(item)!.length;
      const x = indexArg(key, length);
      if (x === length) throw new Error(`reflect: ${isString ? 'string' : 'slice'} index out of range`);
      item = isString ? new GoUint(BigInt(utf8Bytes(item as string)[x]!)) : toGo(sliceItems(item)![x]);
    } else if (kind === 'map') {
      const map = asMap(item)!;
      const k = prepareArg(key, STRING) as string;
      item = map.has(k) ? toGo(map.get(k)) : map.elem.zero;
    } else {
      throw new Error(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

function slice(args: GoValue[]): GoValue {
  const item = indirectInterface(args[0]);
  const indexes = args.slice(1);
  if (item === undefined) throw new Error('slice of untyped nil');
  if (indexes.length > 3) throw new Error(`too many slice indexes: ${indexes.length}`);
  const kind = kindOf(item);
  let length: number;
  if (kind === 'string') {
    if (indexes.length === 3) throw new Error('cannot 3-index slice a string');
    length = utf8Length(item as string);
  } else if (kind === 'slice') {
    length = sliceItems(item)!.length;
  } else {
    throw new Error(`can't slice item of type ${typeName(item)}`);
  }
  const idx = [0, length, length];
  indexes.forEach((raw, i) => {
    idx[i] = indexArg(indirectInterface(raw), length);
  });
  if (idx[0]! > idx[1]!) throw new Error(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new Error(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (kind === 'string') return fromUtf8(utf8Bytes(item as string).slice(idx[0], idx[1]));
  const items = sliceItems(item)!.slice(idx[0], idx[1]);
  return item instanceof GoSlice ? new GoSlice(item.typeName, items) : items;
}

function length(args: GoValue[]): GoValue {
  const { value: item, isNil } = indirect(args[0]);
  if (isNil) throw new Error('len of nil pointer');
  if (item === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  switch (kindOf(item)) {
    case 'slice':
      return BigInt(sliceItems(item)!.length);
    case 'map':
      return BigInt(asMap(item)!.size);
    case 'string':
      return BigInt(utf8Length(item as string));
    default:
      throw new Error(`len of type ${typeName(item)}`);
  }
}

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string' | 'invalid';

function basicKind(v: GoValue): BasicKind {
  const kind = kindOf(v);
  return kind === 'bool' || kind === 'int' || kind === 'uint' || kind === 'float' || kind === 'complex' || kind === 'string' ? kind : 'invalid';
}

function isNilValue(v: GoValue): boolean {
  return v === undefined || v === null;
}

function isComparable(v: GoValue): boolean {
  const kind = kindOf(v);
  return kind !== 'map' && kind !== 'slice' && kind !== 'func';
}

function basicEqual(kind: BasicKind, a: GoValue, b: GoValue): boolean {
  if (kind === 'complex') return (a as GoComplex).re === (b as GoComplex).re && (a as GoComplex).im === (b as GoComplex).im;
  return numeric(a) === numeric(b);
}

/** Integers of any signedness compare by value; other basic values as they are. */
function numeric(v: GoValue): GoValue {
  return v instanceof GoUint ? v.value : v;
}

function isIntegerKind(k: BasicKind): boolean {
  return k === 'int' || k === 'uint';
}

function eq(args: GoValue[]): boolean {
  const arg1 = indirectInterface(args[0]);
  if (args.length < 2) throw new Error('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const raw of args.slice(1)) {
    const arg = indirectInterface(raw);
    const k2 = basicKind(arg);
    let result = false;
    if (k1 !== k2) {
      if (isIntegerKind(k1) && isIntegerKind(k2)) result = numeric(arg1) === numeric(arg);
      else if (arg1 !== undefined && arg !== undefined) throw new Error('incompatible types for comparison');
    } else if (k1 !== 'invalid') {
      result = basicEqual(k1, arg1, arg);
    } else if (kindOf(arg1) !== kindOf(arg) && arg1 !== undefined && arg !== undefined) {
      throw new Error(`non-comparable types ${sprintf('%s', [arg1])}: ${typeName(arg1)}, ${typeName(arg)}: ${sprintf('%v', [arg])}`);
    } else if (isNilValue(arg1) || isNilValue(arg)) {
      result = isNilValue(arg1) === isNilValue(arg);
    } else {
      if (!isComparable(arg)) throw new Error(`non-comparable type ${sprintf('%s', [arg])}: ${typeName(arg)}`);
      result = arg1 === arg;
    }
    if (result) return true;
  }
  return false;
}

function lt(args: GoValue[]): boolean {
  const a = indirectInterface(args[0]);
  const b = indirectInterface(args[1]);
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new Error('invalid type for comparison');
  if (k1 !== k2 && !(isIntegerKind(k1) && isIntegerKind(k2))) throw new Error('incompatible types for comparison');
  if (k1 === 'bool' || k1 === 'complex') throw new Error('invalid type for comparison');
  if (k1 === 'string') return compareGoStrings(a as string, b as string) < 0;
  return (numeric(a) as number | bigint) < (numeric(b) as number | bigint);
}

function le(args: GoValue[]): boolean {
  return lt(args) || eq(args);
}

/** Formats arguments for the escapers as the executor prints values (fmt.Sprint, `<no value>` for missing ones). */
function escaperText(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a instanceof GoStruct ? a.deref() : a)));
}

/** The `call` builtin; `name` is how the template wrote the callee. */
export function callFunction(name: string, args: GoValue[]): GoValue {
  const fn = indirectInterface(args[0]);
  const rest = args.slice(1);
  if (fn === undefined) throw new Error('call of nil');
  if (!(fn instanceof GoFunc)) throw new Error(`non-function ${name} of type ${typeName(fn)}`);
  const fixed = fn.params.length;
  if (fn.variadic) {
    if (rest.length < fixed) throw new Error(`wrong number of args for ${name}: got ${rest.length} want at least ${fixed}`);
  } else if (rest.length !== fixed) {
    throw new Error(`wrong number of args for ${name}: got ${rest.length} want ${fixed}`);
  }
  const argv = rest.map((raw, i) => {
    const type = i < fixed ? fn.params[i]! : fn.variadic!;
    try {
      return prepareArg(indirectInterface(raw), type);
    } catch (e) {
      throw new Error(`arg ${i}: ${(e as Error).message}`);
    }
  });
  return fn.fn(argv);
}

const compare = (test: (args: GoValue[]) => boolean) => new GoFunc([REFLECT_VALUE, REFLECT_VALUE], test);
const variadicValues = (fn: (args: GoValue[]) => GoValue) => new GoFunc([REFLECT_VALUE], fn, { variadic: REFLECT_VALUE });
const printer = (fn: (args: GoValue[]) => string) => new GoFunc([], fn, { variadic: ANY });
const handledByExecutor = () => {
  throw new Error('reached a builtin that the executor handles');
};

export const BUILTINS: FunctionMap = {
  and: variadicValues(handledByExecutor),
  or: variadicValues(handledByExecutor),
  call: variadicValues(handledByExecutor),
  not: new GoFunc([REFLECT_VALUE], ([v]) => !truth(v)),
  len: new GoFunc([REFLECT_VALUE], length),
  index: variadicValues(index),
  slice: variadicValues(slice),
  print: printer(sprint),
  println: printer(sprintln),
  printf: new GoFunc([STRING], ([format, ...rest]) => sprintf(format as string, rest), { variadic: ANY }),
  html: printer((args) => htmlEscape(escaperText(args))),
  js: printer((args) => jsEscape(escaperText(args))),
  urlquery: printer((args) => urlQueryEscape(escaperText(args))),
  eq: variadicValues(eq),
  ne: compare((args) => !eq(args)),
  lt: compare(lt),
  le: compare(le),
  gt: compare((args) => !le(args)),
  ge: compare((args) => !lt(args)),
};
