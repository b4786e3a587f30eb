/** Converts JavaScript values met inside template data to the values the executor works with. */
import { timeFromDate } from './go-time.js';
import { ANY, GoComplex, GoFunc, GoMap, GoSlice, GoStruct, GoUint, INTERFACE_MAP, type GoValue, type PlainObject } from './go-values.js';

/** See the table in go-values.ts. */
export function toGo(x: unknown): GoValue {
  switch (typeof x) {
    case 'undefined':
    case 'boolean':
    case 'string':
    case 'number':
    case 'bigint':
      return x;
    case 'symbol':
      return x.description ?? '';
    case 'function':
      return new GoFunc([], (args) => toGo((x as (...a: unknown[]) => unknown)(...args)), { variadic: ANY });
  }
  if (x === null || Array.isArray(x)) return x as GoValue;
  if (x instanceof GoMap || x instanceof GoStruct || x instanceof GoSlice || x instanceof GoFunc || x instanceof GoComplex || x instanceof GoUint) return x;
  if (x instanceof Map) return new GoMap(INTERFACE_MAP, ANY, new Map([...x].map(([k, v]) => [keyText(k), v])));
  if (x instanceof Date) return timeFromDate(x);
  return x as PlainObject;
}

/** A Map key as the string a template can name it by; keys that refuse conversion get their tag. */
function keyText(key: unknown): string {
  if (typeof key === 'string') return key;
  try {
    return String(key);
  } catch {
    return Object.prototype.toString.call(key);
  }
}
