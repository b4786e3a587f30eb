/**
 * How JavaScript data looks to templates, in Go's terms. Templates see plain data the way Go's
 * reflection sees decoded JSON, plus a few wrappers for the Go types that Prometheus and
 * Alertmanager hand to their templates:
 *
 * | JavaScript                         | Go                                   |
 * |------------------------------------|--------------------------------------|
 * | `undefined`                        | the invalid value (`<no value>`)     |
 * | `null`                             | a nil `interface {}`                 |
 * | boolean, string                    | bool, string                         |
 * | number                             | float64                              |
 * | bigint                             | int                                  |
 * | array                              | `[]interface {}`                     |
 * | plain object, `Map`                | `map[string]interface {}`            |
 * | `Date`                             | time.Time                            |
 * | function                           | `func(...interface {}) interface {}` |
 * | GoMap / GoSlice / GoStruct / GoFunc | a typed map, slice, struct or func  |
 */
import { compareGoStrings } from '../text/utf8.js';

export type Kind =
  | 'invalid' | 'nil' | 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string'
  | 'slice' | 'map' | 'struct' | 'ptr' | 'func';

/** A Go value as the executor handles it; members of arrays and objects are converted on access. */
export type GoValue =
  | undefined | null | boolean | string | number | bigint
  | GoComplex | GoUint | GoSlice | GoMap | GoStruct | GoFunc
  | readonly unknown[] | PlainObject;

export type PlainObject = { readonly [key: string]: unknown };

/** A Go type as a function parameter or a map element: what it accepts and what its zero value is. */
export interface GoType {
  readonly name: string;
  /** Whether nil converts to this type (interfaces, maps, slices, pointers, funcs). */
  readonly canBeNil: boolean;
  readonly zero: GoValue;
  accepts(v: GoValue): boolean;
}

export class GoComplex {
  constructor(readonly re: number, readonly im: number) {}
}

/** An unsigned integer of a named type; `index` on a string gives the byte as a `uint8`. */
export class GoUint {
  constructor(readonly value: bigint, readonly typeName = 'uint8') {}
}

/** A slice of a named Go type, e.g. Prometheus's `template.queryResult`. */
export class GoSlice {
  constructor(readonly typeName: string, readonly items: readonly unknown[]) {}
}

/** A map with string keys, a Go type name, an element type and optional methods. */
export class GoMap {
  private readonly entries: ReadonlyMap<string, unknown>;

  constructor(
    readonly typeName: string,
    readonly elem: GoType,
    entries: Readonly<Record<string, unknown>> | ReadonlyMap<string, unknown>,
    readonly methods: Readonly<Record<string, GoFunc>> = {},
  ) {
    this.entries = entries instanceof Map ? entries : new Map(Object.entries(entries));
  }

  get(key: string): unknown {
    return this.entries.get(key);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}

/**
 * A Go struct (or a pointer to one): exported fields in declaration order, methods, and a
 * `String()` method when the type has one.
 */
export class GoStruct {
  private derefView: GoStruct | undefined;

  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, unknown>,
    readonly options: {
      pointer?: boolean;
      methods?: Readonly<Record<string, GoFunc>>;
      stringer?: () => string;
    } = {},
  ) {}

  get pointer(): boolean {
    return this.options.pointer === true;
  }

  get fullTypeName(): string {
    return this.pointer ? '*' + this.typeName : this.typeName;
  }

  method(name: string): GoFunc | undefined {
    const methods = this.options.methods;
    return methods && Object.hasOwn(methods, name) ? methods[name] : undefined;
  }

  /** The struct a pointer points to (the same object for a non-pointer). */
  deref(): GoStruct {
    if (!this.pointer) return this;
    this.derefView ??= this.withPointer(false);
    return this.derefView;
  }

  /** The same struct as a value or as a pointer; subclasses keep their own payload. */
  withPointer(pointer: boolean): GoStruct {
    return new GoStruct(this.typeName, this.fields, { ...this.options, pointer });
  }
}

/** A callable Go function: parameter types decide how arguments are checked and converted. */
export class GoFunc {
  constructor(
    readonly params: readonly GoType[],
    readonly fn: (args: GoValue[]) => GoValue,
    readonly options: { variadic?: GoType; typeName?: string } = {},
  ) {}

  get variadic(): GoType | undefined {
    return this.options.variadic;
  }

  get typeName(): string {
    if (this.options.typeName) return this.options.typeName;
    const params = this.params.map((p) => p.name);
    if (this.variadic) params.push('...' + this.variadic.name);
    return `func(${params.join(', ')}) interface {}`;
  }
}

export function kindOf(v: GoValue): Kind {
  switch (typeof v) {
    case 'undefined':
      return 'invalid';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float';
    case 'bigint':
      return 'int';
  }
  if (v === null) return 'nil';
  if (Array.isArray(v) || v instanceof GoSlice) return 'slice';
  if (v instanceof GoStruct) return v.pointer ? 'ptr' : 'struct';
  if (v instanceof GoFunc) return 'func';
  if (v instanceof GoComplex) return 'complex';
  if (v instanceof GoUint) return 'uint';
  return 'map';
}

export const INTERFACE_MAP = 'map[string]interface {}';

/** Go's name of the value's dynamic type, as `%T` and error messages print it. */
export function typeName(v: GoValue): string {
  switch (kindOf(v)) {
    case 'invalid':
      return '<invalid reflect.Value>';
    case 'nil':
      return 'interface {}';
    case 'bool':
      return 'bool';
    case 'string':
      return 'string';
    case 'float':
      return 'float64';
    case 'int':
      return 'int';
    case 'uint':
      return (v as GoUint).typeName;
    case 'complex':
      return 'complex128';
    case 'slice':
      return v instanceof GoSlice ? v.typeName : '[]interface {}';
    case 'struct':
    case 'ptr':
      return (v as GoStruct).fullTypeName;
    case 'func':
      return (v as GoFunc).typeName;
    case 'map':
      return v instanceof GoMap ? v.typeName : INTERFACE_MAP;
  }
}

/** A read-only view of any map-kind value. */
export interface MapView {
  readonly elem: GoType;
  get(key: string): unknown;
  has(key: string): boolean;
  readonly size: number;
  /** Keys in Go's order for printing and `range`: sorted byte-wise. */
  sortedKeys(): string[];
}

export function asMap(v: GoValue): MapView | undefined {
  if (kindOf(v) !== 'map') return undefined;
  if (v instanceof GoMap) {
    return {
      elem: v.elem,
      get: (k) => v.get(k),
      has: (k) => v.has(k),
      size: v.size,
      sortedKeys: () => v.keys().sort(compareGoStrings),
    };
  }
  const o = v as PlainObject;
  const keys = Object.keys(o);
  return {
    elem: ANY,
    get: (k) => (Object.hasOwn(o, k) ? o[k] : undefined),
    has: (k) => Object.hasOwn(o, k),
    size: keys.length,
    sortedKeys: () => keys.sort(compareGoStrings),
  };
}

/** The elements of a slice-kind value. */
export function sliceItems(v: GoValue): readonly unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof GoSlice) return v.items;
  return undefined;
}

function simpleType(name: string, canBeNil: boolean, zero: GoValue, accepts: (v: GoValue) => boolean): GoType {
  return { name, canBeNil, zero, accepts };
}

/** `interface {}`: any valid value. */
export const ANY = simpleType('interface {}', true, null, (v) => v !== undefined);
/** `reflect.Value`: anything, even the invalid value, passed through untouched. */
export const REFLECT_VALUE = simpleType('reflect.Value', true, undefined, () => true);
export const STRING = simpleType('string', false, '', (v) => typeof v === 'string');
export const INT = simpleType('int', false, 0n, (v) => typeof v === 'bigint');
export const FLOAT64 = simpleType('float64', false, 0, (v) => typeof v === 'number');
export const BOOL = simpleType('bool', false, false, (v) => typeof v === 'boolean');

/** A struct or struct pointer type known by name, e.g. `*template.sample`. */
export function structType(fullName: string): GoType {
  return simpleType(fullName, fullName.startsWith('*'), null, (v) => v instanceof GoStruct && v.fullTypeName === fullName);
}

/** A named slice type, e.g. `template.queryResult`. */
export function sliceType(name: string): GoType {
  return simpleType(name, true, null, (v) => v instanceof GoSlice && v.typeName === name);
}

/** `map[string]string`, the type of Prometheus's label maps. */
export function stringMap(entries: Readonly<Record<string, string>> | ReadonlyMap<string, string>): GoMap {
  return new GoMap('map[string]string', STRING, entries);
}

/** Go's notion of truth for `if`, `with`, `and`, `or` and `not`; `ok` is false where Go has none. */
export function isTrue(v: GoValue): { truth: boolean; ok: boolean } {
  switch (kindOf(v)) {
    case 'invalid':
    case 'nil':
      return { truth: false, ok: true };
    case 'bool':
      return { truth: v as boolean, ok: true };
    case 'string':
      return { truth: (v as string).length > 0, ok: true };
    case 'int':
      return { truth: v !== 0n, ok: true };
    case 'uint':
      return { truth: (v as GoUint).value !== 0n, ok: true };
    case 'float':
      return { truth: v !== 0, ok: true };
    case 'complex':
      return { truth: (v as GoComplex).re !== 0 || (v as GoComplex).im !== 0, ok: true };
    case 'slice':
      return { truth: sliceItems(v)!.length > 0, ok: true };
    case 'map':
      return { truth: asMap(v)!.size > 0, ok: true };
    case 'struct':
    case 'ptr':
    case 'func':
      return { truth: true, ok: true };
  }
}
