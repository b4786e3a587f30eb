/**
 * Declarative decoding of Alertmanager's config structs: each struct lists its YAML fields and
 * their kinds, its defaults, and upstream's validation of the decoded values. Decoding follows
 * yaml.v2's strict mode: unknown fields are errors, null sets a field to its zero value (over
 * the default), and a custom validation runs only once the struct's own fields decoded.
 */
import type { TextRange } from '../../promql/ast.js';
import type { YamlField } from '../../yaml/go-values.js';
import { isNull, type YamlMap, type YamlNode } from '../../yaml/tree.js';
import { ConfigReader, headRange, keyText } from './config-reader.js';
import { parseGoDuration } from './go-time.js';
import { parseAlertmanagerUrl, parseGoUrl } from './go-url.js';
import { hostPortError } from './host-port.js';

export type ScalarKind =
  | 'string'
  /** A string that must never appear in a message. */
  | 'secret'
  | 'bool'
  | 'int'
  | 'uint'
  /** Prometheus duration (`5m`), in ms. */
  | 'duration'
  /** Go duration (`1.5h`, `300ms`), in ms. */
  | 'goDuration'
  /** Alertmanager's URL: http or https, with a host. */
  | 'url'
  /** Like `url`, never echoed, and `<secret>` stands for a redacted URL. */
  | 'secretUrl'
  /** prometheus/common's URL: anything net/url parses. */
  | 'commonUrl'
  | 'hostPort'
  | 'strings'
  | 'stringMap'
  /** map[string][]Secret. */
  | 'secretLists'
  /** Any YAML value, as plain JavaScript data. */
  | 'any';

export type FieldKind = ScalarKind | { struct: () => StructSchema; value?: boolean } | { list: () => StructSchema; nullItem?: string };

export interface StructSchema {
  /** How messages name it: `a webhook config`. */
  what: string;
  fields: Readonly<Record<string, FieldKind>>;
  /** Fields that later Alertmanager versions added: named as such when found. */
  laterFields?: readonly string[];
  defaults?: Readonly<Record<string, unknown>>;
  /** Upstream's validation of the decoded struct. */
  check?: (decoded: DecodedStruct) => void;
  /** The field a bare scalar decodes into, for structs that also accept a string. */
  scalarField?: string;
}

/** A decoded struct: its values (defaults applied), the fields as written, and located reporting. */
export class DecodedStruct {
  constructor(
    readonly values: Record<string, unknown>,
    readonly fields: ReadonlyMap<string, YamlField>,
    readonly node: YamlNode,
    private readonly reader: ConfigReader,
  ) {}

  /** Whether the field was written with a non-null value. */
  has(name: string): boolean {
    const field = this.fields.get(name);
    return field !== undefined && !isNull(field.value);
  }

  string(name: string): string {
    const value = this.values[name];
    return typeof value === 'string' ? value : '';
  }

  /** Where a problem about `name` (or about the whole struct) is shown. */
  rangeOf(name?: string): TextRange {
    const field = name === undefined ? undefined : this.fields.get(name);
    return field ? field.key.range : headRange(this.node);
  }

  error(message: string, at?: string): void {
    this.reader.error(message, this.rangeOf(at));
  }

  warn(message: string, at?: string): void {
    this.reader.warn(message, this.rangeOf(at));
  }
}

/** Decodes a struct; undefined for null (a nil pointer) or a node that is not a mapping (reported). */
export function readStruct(reader: ConfigReader, node: YamlNode, schema: StructSchema): DecodedStruct | undefined {
  if (isNull(node)) return undefined;
  if (node.kind === 'scalar' && schema.scalarField !== undefined) {
    return new DecodedStruct({ ...schema.defaults, [schema.scalarField]: node.text }, new Map(), node, reader);
  }
  const map = reader.mapping(node, schema.what);
  if (!map) return undefined;
  const fields = structFields(reader, map, schema);
  const values: Record<string, unknown> = { ...schema.defaults };
  const before = reader.problems.length;
  for (const [name, field] of fields) values[name] = readField(reader, field, schema.fields[name]!, name);
  const decoded = new DecodedStruct(values, fields, map, reader);
  // yaml.v2 stops at the first decoding error, so upstream's validation never sees a half-decoded struct.
  if (!reader.problems.slice(before).some((p) => p.severity === 'error')) schema.check?.(decoded);
  return decoded;
}

function structFields(reader: ConfigReader, map: YamlMap, schema: StructSchema): Map<string, YamlField> {
  const later = (key: string) => `unknown field "${key}" in ${schema.what}: it came after Alertmanager 0.25, which rejects it`;
  return reader.knownFields(map, Object.keys(schema.fields), schema.laterFields ?? [], schema.what, later);
}

/** The value a field decodes to; null gives the kind's zero value. */
export function readField(reader: ConfigReader, field: YamlField, kind: FieldKind, name: string): unknown {
  const node = field.value;
  const what = `\`${name}\``;
  if (typeof kind === 'object') {
    if ('list' in kind) return readList(reader, node, kind.list(), what, kind.nullItem);
    const decoded = readStruct(reader, node, kind.struct());
    return decoded?.values ?? (kind.value ? {} : undefined);
  }
  switch (kind) {
    case 'string':
    case 'secret':
      return reader.string(node, what);
    case 'bool':
      return reader.bool(node, what);
    case 'int':
      return reader.int(node, what) ?? 0;
    case 'uint':
      return reader.uint(node, what) ?? 0;
    case 'duration':
      return reader.duration(node, what) ?? 0;
    case 'goDuration':
      return goDuration(reader, node, what);
    case 'url':
    case 'secretUrl':
    case 'commonUrl':
      return url(reader, node, kind, what);
    case 'hostPort': {
      const text = reader.string(node, what);
      const error = hostPortError(text);
      if (error) reader.error(error, node.range);
      return text;
    }
    case 'strings':
      return reader.strings(node, what).map((s) => s.value);
    case 'stringMap':
      return Object.fromEntries(reader.stringMap(node, what).map((e) => [e.name, e.value]));
    case 'secretLists':
      return secretLists(reader, node, what);
    case 'any':
      return plainValue(node);
  }
}

function readList(reader: ConfigReader, node: YamlNode, schema: StructSchema, what: string, nullItem: string | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const item of reader.items(node, what)) {
    if (isNull(item)) {
      if (nullItem !== undefined) reader.error(nullItem, headRange(item));
      continue;
    }
    const decoded = readStruct(reader, item, schema);
    if (decoded) out.push(decoded.values);
  }
  return out;
}

function goDuration(reader: ConfigReader, node: YamlNode, what: string): number {
  if (isNull(node)) return 0;
  const text = reader.string(node, what);
  if (node.kind !== 'scalar') return 0;
  const parsed = parseGoDuration(text);
  if (parsed.error !== undefined) reader.error(`invalid duration in ${what}: ${parsed.error}`, node.range);
  return parsed.ms ?? 0;
}

function url(reader: ConfigReader, node: YamlNode, kind: 'url' | 'secretUrl' | 'commonUrl', what: string): string | undefined {
  if (isNull(node)) return undefined;
  const text = reader.string(node, what);
  if (node.kind !== 'scalar') return undefined;
  if (kind === 'secretUrl' && text === '<secret>') return text;
  const parsed = kind === 'commonUrl' ? parseGoUrl(text) : parseAlertmanagerUrl(text);
  if (parsed.error === undefined) return text;
  const shown = kind === 'secretUrl' ? '' : ` ${JSON.stringify(withoutPassword(text))}`;
  reader.error(`invalid URL${shown} in ${what}: ${parsed.error}`, node.range);
  return undefined;
}

/** The URL with the password of its user info masked, as Go's URL.Redacted does. */
function withoutPassword(url: string): string {
  return url.replace(/^([^/?#]*\/\/[^/?#@:]*:)[^/?#@]*@/, '$1xxxxx@');
}

function secretLists(reader: ConfigReader, node: YamlNode, what: string): Record<string, string[]> {
  const map = reader.mapping(node, what);
  if (!map) return {};
  const out: Record<string, string[]> = {};
  for (const field of reader.pairs(map)) {
    out[reader.string(field.key, `a key of ${what}`)] = reader.strings(field.value, `the values of "${keyText(field)}" in ${what}`).map((s) => s.value);
  }
  return out;
}

/** A YAML node as plain data: mappings become objects, lists arrays, scalars their text. */
export function plainValue(node: YamlNode): unknown {
  if (node.kind === 'scalar') return isNull(node) ? null : node.text;
  if (node.kind === 'seq') return node.items.map(plainValue);
  return Object.fromEntries(node.pairs.map((p) => [p.key.kind === 'scalar' ? p.key.text : '', plainValue(p.value)]));
}
