/**
 * Decoding an already parsed JSON body the way Go's encoding/json fills go-openapi's models:
 * object keys match struct fields case-insensitively (a later key wins), null leaves a field
 * unset, lone surrogate escapes become U+FFFD, and a value of the wrong JSON type is an error
 * worded as Go's (`json: cannot unmarshal number into Go struct field Alert.labels of type string`).
 */
import { ApiPayloadError, PAYLOAD_CODES } from './api-errors.js';
import { ApiTimeError, parseApiTime } from './api-time.js';

/** The JSON type of a value as Go's decoder names it. */
export function goJsonKind(value: unknown): 'string' | 'number' | 'object' | 'array' | 'bool' | 'null' {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SURROGATE = /[\ud800-\udfff]/;
const LONE_SURROGATES = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Go decodes a JSON string holding a lone surrogate escape as U+FFFD. */
export function wellFormed(text: string): string {
  return SURROGATE.test(text) ? text.replace(LONE_SURROGATES, '\ufffd') : text;
}

/**
 * Where a value is in the body, for error messages: the path, or a function that builds it, so
 * that decoding a valid body builds no paths.
 */
export type JsonPath = string | (() => string);

function pathText(path: JsonPath): string {
  return typeof path === 'string' ? path : path();
}

/** The fields of a JSON object keyed by lower-cased name, later keys winning, as Go matches them. */
export function goFields(object: Record<string, unknown>): Map<string, { key: string; value: unknown }> {
  const fields = new Map<string, { key: string; value: unknown }>();
  for (const key of Object.keys(object)) fields.set(key.toLowerCase(), { key, value: object[key] });
  return fields;
}

export interface GoField {
  /** Lower-cased. */
  name: string;
  key: string;
  value: unknown;
}

/**
 * The fields of a JSON object that match `names` (lower-case), as goFields gives them (in the
 * order each name first appears, with the value of its last key), without the others.
 */
export function goFieldsNamed(object: Record<string, unknown>, names: readonly string[]): GoField[] {
  const fields: GoField[] = [];
  for (const key of Object.keys(object)) {
    const name = key.toLowerCase();
    if (!names.includes(name)) continue;
    const field = fields.find((f) => f.name === name);
    if (field) {
      field.key = key;
      field.value = object[key];
    } else fields.push({ name, key, value: object[key] });
  }
  return fields;
}

/**
 * Decodes one request body and words its errors: `parsing <what> body from "" failed, because ...`.
 * As Go's decoder, it keeps the first type mismatch and goes on (finish() reports it), while a
 * field with its own decoding (a time) fails at once; so a bad time later in the body wins over
 * an earlier type mismatch.
 */
export class BodyDecoder {
  private firstMismatch: ApiPayloadError | undefined;

  constructor(private readonly what: string) {}

  failure(reason: string, path: JsonPath): ApiPayloadError {
    return new ApiPayloadError(400, PAYLOAD_CODES.decode, `parsing ${this.what} body from "" failed, because ${reason}`, pathText(path));
  }

  /** `into` is Go's wording of the target: `Go value` or `Go struct field Alert.labels`. */
  typeError(found: unknown, into: string, goType: string, path: JsonPath): ApiPayloadError {
    return this.failure(`json: cannot unmarshal ${goJsonKind(found)} into ${into} of type ${goType}`, path);
  }

  /** Notes a value of the wrong JSON type; decoding goes on. */
  mismatch(found: unknown, into: string, goType: string, path: JsonPath): void {
    this.firstMismatch ??= this.typeError(found, into, goType, path);
  }

  /** Throws the first mismatch, if there was one. */
  finish(): void {
    if (this.firstMismatch) throw this.firstMismatch;
  }

  /** A string field: null is unset (''), anything but a string a mismatch. */
  string(value: unknown, into: string, path: JsonPath): string {
    if (value === null || value === undefined) return '';
    if (typeof value !== 'string') {
      this.mismatch(value, into, 'string', path);
      return '';
    }
    return wellFormed(value);
  }

  /** A map of strings (go-openapi's LabelSet); null values stay as empty strings. */
  stringMap(value: unknown, into: string, path: JsonPath): [string, string][] | undefined {
    if (value === null || value === undefined) return undefined;
    if (!isJsonObject(value)) {
      this.mismatch(value, into, 'models.LabelSet', path);
      return undefined;
    }
    const pairs: [string, string][] = [];
    for (const key of Object.keys(value)) {
      const text = value[key];
      const decoded = typeof text === 'string' ? wellFormed(text) : this.string(text, into, () => childPath(pathText(path), key));
      pairs.push([wellFormed(key), decoded]);
    }
    return pairs;
  }

  /** A time field (strfmt.DateTime, which decodes itself): anything wrong fails at once. */
  time(value: unknown, into: string, path: JsonPath): number {
    if (value === null || value === undefined) return 0;
    if (typeof value !== 'string') throw this.typeError(value, into, 'string', path);
    try {
      return parseApiTime(wellFormed(value));
    } catch (e) {
      if (e instanceof ApiTimeError) throw this.failure(e.message, path);
      throw e;
    }
  }
}

/** `$[0].labels.team`, with bracketed quotes for names that are not identifiers. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}
