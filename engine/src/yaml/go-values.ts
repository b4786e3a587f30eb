/**
 * Reading typed values out of the YAML tree with the rules of Go's yaml.v3, which Prometheus and
 * promtool decode with: any scalar's text fits a string field, null leaves a field at its zero
 * value, integers accept floats (truncated) but not quoted text, and durations are strings in
 * Prometheus's duration syntax.
 */
import { problem, type Problem, type Severity } from '../errors.js';
import type { TextRange } from '../promql/ast.js';
import { tryParseDuration } from '../promql/duration.js';
import { closestWord } from '../text/closest-word.js';
import { LineIndex } from '../text/line-index.js';
import { goParseInteger } from './go-tags.js';
import { describeNode, isMergeKey, isNull, type YamlMap, type YamlNode, type YamlScalar } from './tree.js';

export interface YamlField {
  key: YamlNode;
  value: YamlNode;
}

/** Decodes tree nodes into values, reporting every mismatch as a located problem. */
export class GoValueReader {
  private lines: LineIndex | undefined;
  private readonly reportedDuplicates = new WeakSet<YamlMap>();

  constructor(
    private readonly text: string,
    readonly problems: Problem[],
    private readonly source: string,
  ) {}

  report(message: string, range: TextRange, severity: Severity = 'error', source = this.source): void {
    this.problems.push(problem(message, range, source, severity));
  }

  /** A string field: the text of any scalar, '' for null. */
  string(node: YamlNode, what: string): string {
    if (node.kind === 'scalar') return scalarString(node);
    this.report(`${what} must be a string, not ${describeNode(node)}`, node.range);
    return '';
  }

  /** An integer field; undefined when null or invalid. */
  int(node: YamlNode, what: string): number | undefined {
    if (isNull(node)) return undefined;
    const value = node.kind === 'scalar' && resolvesAsNumber(node) ? goIntValue(node.text) : undefined;
    if (value === undefined) this.report(`${what} must be an integer, not ${describeNode(node)}`, node.range);
    return value;
  }

  /** An unsigned integer field (uint64, as yaml.v2 fills one); undefined when null or invalid. */
  uint(node: YamlNode, what: string): number | undefined {
    if (isNull(node)) return undefined;
    const value = node.kind === 'scalar' && resolvesAsNumber(node) ? goUintValue(node.text) : undefined;
    if (value === 'negative') this.report(`${what} must not be negative`, node.range);
    else if (value === undefined) this.report(`${what} must be an integer, not ${describeNode(node)}`, node.range);
    return typeof value === 'number' ? value : undefined;
  }

  /** A Prometheus duration field (`5m`, `1h30m`) in milliseconds; undefined when null or invalid. */
  duration(node: YamlNode, what: string): number | undefined {
    if (isNull(node)) return undefined;
    if (node.kind !== 'scalar') {
      this.report(`${what} must be a duration such as 5m, not ${describeNode(node)}`, node.range);
      return undefined;
    }
    const parsed = tryParseDuration(node.text);
    if (parsed.error !== undefined) {
      this.report(`invalid duration in ${what}: ${parsed.error}`, node.range);
      return undefined;
    }
    return parsed.ms;
  }

  /** A list field: [] for null; null items are dropped, as yaml.v3 drops them from lists of structs. */
  list(node: YamlNode, what: string): YamlNode[] {
    if (isNull(node)) return [];
    if (node.kind !== 'seq') {
      this.report(`${what} must be a list, not ${describeNode(node)}`, node.range);
      return [];
    }
    return node.items.filter((item) => !isNull(item));
  }

  /** A mapping, or undefined (with a problem unless the node is null). */
  mapping(node: YamlNode, what: string): YamlMap | undefined {
    if (node.kind === 'map') return node;
    if (!isNull(node)) this.report(`${what} must be a mapping, not ${describeNode(node)}`, node.range);
    return undefined;
  }

  /**
   * The fields of a struct-like mapping, by name. Merge keys are applied; keys outside `allowed`
   * are reported as unknown, as yaml.v3's strict decoding does.
   */
  fields(map: YamlMap, allowed: readonly string[], what: string, unknownIs: Severity = 'error'): Map<string, YamlField> {
    const out = new Map<string, YamlField>();
    const pairs = this.pairs(map);
    for (let i = 0; i < pairs.length; i++) {
      const field = pairs[i]!;
      if (this.isAllowedField(field, allowed, what, unknownIs)) out.set(keyText(field.key), field);
    }
    return out;
  }

  /**
   * The fields of `fields` as a record with a property for every allowed name, undefined for those
   * not set: lighter than a Map for the many small mappings of a rule file, and of one shape.
   */
  fieldRecord<Name extends string>(map: YamlMap, allowed: readonly Name[], what: string, unknownIs: Severity = 'error'): Record<Name, YamlField | undefined> {
    const out = {} as Record<Name, YamlField | undefined>;
    for (let i = 0; i < allowed.length; i++) out[allowed[i]!] = undefined;
    const pairs = this.pairs(map);
    for (let i = 0; i < pairs.length; i++) {
      const field = pairs[i]!;
      if (this.isAllowedField(field, allowed, what, unknownIs)) out[keyText(field.key) as Name] = field;
    }
    return out;
  }

  /** True when the field's key is one of `allowed`; otherwise reports it as unknown. */
  private isAllowedField(field: YamlField, allowed: readonly string[], what: string, unknownIs: Severity): boolean {
    const name = keyText(field.key);
    if (allowed.includes(name)) return true;
    const suggestion = closestWord(name, allowed);
    const hint = suggestion ? `; did you mean "${suggestion}"?` : `; expected one of ${allowed.join(', ')}`;
    this.report(`unknown field "${name}" in ${what}${hint}`, field.key.range, unknownIs);
    return false;
  }

  /** A map of strings to strings (labels, annotations), in file order. */
  stringMap(node: YamlNode, what: string): { name: string; value: string; field: YamlField }[] {
    return this.stringPairs(node, what).map((field) => ({ name: scalarString(field.key), value: scalarString(field.value), field }));
  }

  /**
   * The pairs of a map of strings to strings (labels, annotations), in file order, with every key
   * and value that is not a string reported (those read as '').
   */
  stringPairs(node: YamlNode, what: string): readonly YamlField[] {
    const map = this.mapping(node, what);
    if (!map) return NO_FIELDS;
    const pairs = this.pairs(map);
    // The messages are made only for what is not a string: maps hold many strings.
    for (let i = 0; i < pairs.length; i++) {
      const { key, value } = pairs[i]!;
      if (key.kind !== 'scalar') this.string(key, `a key of ${what}`);
      if (value.kind !== 'scalar') this.string(value, `the value of "${key.kind === 'scalar' ? key.text : '?'}" in ${what}`);
    }
    return pairs;
  }

  /** The pairs of a mapping after merge keys, with duplicate keys reported. */
  pairs(map: YamlMap): readonly YamlField[] {
    this.reportDuplicates(map);
    if (!hasMergeKey(map.pairs)) return map.pairs;
    const own = map.pairs.filter((p) => !isMergeKey(p.key));
    const seen = new Set(own.map((p) => keyText(p.key)));
    const merged: YamlField[] = [];
    for (const pair of map.pairs) {
      if (!isMergeKey(pair.key)) continue;
      const sources = pair.value.kind === 'seq' ? pair.value.items : [pair.value];
      for (const source of sources) {
        if (source.kind !== 'map') {
          this.report('a merge key (<<) needs a mapping or a list of mappings', source.range);
          continue;
        }
        for (const inherited of this.pairs(source)) {
          const key = keyText(inherited.key);
          if (seen.has(key)) continue;
          seen.add(key);
          merged.push(inherited);
        }
      }
    }
    return [...own, ...merged];
  }

  private reportDuplicates(map: YamlMap): void {
    const pairs = map.pairs;
    let reported = false;
    for (let i = 1; i < pairs.length; i++) {
      const key = pairs[i]!.key;
      const text = keyText(key);
      // Mappings in rule files are small: comparing with every earlier key beats building a set.
      for (let j = 0; j < i; j++) {
        const earlier = pairs[j]!.key;
        if (earlier.kind !== key.kind || keyText(earlier) !== text) continue;
        // A mapping merged into others (`<<: *anchor`) is read once per use but reported once.
        if (!reported && this.reportedDuplicates.has(map)) return;
        reported = true;
        this.lines ??= new LineIndex(this.text);
        const line = this.lines.position(earlier.range.start).line + 1;
        this.report(`key "${text}" is already defined at line ${line}`, key.range);
        break;
      }
    }
    if (reported) this.reportedDuplicates.add(map);
  }
}

const NO_FIELDS: readonly YamlField[] = Object.freeze([]);

function keyText(key: YamlNode): string {
  return key.kind === 'scalar' ? key.text : '';
}

/** A string field's value when the node is a scalar; '' for null and for collections. */
function scalarString(node: YamlNode): string {
  return node.kind === 'scalar' && !isNull(node) ? node.text : '';
}

function hasMergeKey(pairs: readonly YamlField[]): boolean {
  for (let i = 0; i < pairs.length; i++) if (isMergeKey(pairs[i]!.key)) return true;
  return false;
}

/** The scalar's value under yaml.v3's resolution when decoded into a Go int, or undefined. */
export function goIntValue(text: string): number | undefined {
  const first = text[0];
  if (first === '.') return /^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) ? Math.trunc(Number(text)) : undefined;
  if (first === undefined || !/[-+0-9]/.test(first)) return undefined;
  // -.inf converts to the smallest int64 in Go; no other infinity or NaN fits an int.
  if (text === '-.inf' || text === '-.Inf' || text === '-.INF') return Number.MIN_SAFE_INTEGER;
  const plain = text.replaceAll('_', '');
  const asInt = goParseInteger(plain);
  if (asInt !== undefined) return asInt >= -(2n ** 63n) && asInt < 2n ** 63n ? Number(asInt) : undefined;
  if (!DECIMAL_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  return Number.isFinite(value) && value <= 2 ** 63 ? Math.trunc(value) : undefined;
}

const DECIMAL_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const NEGATIVE_INFINITY = new Set(['-.inf', '-.Inf', '-.INF']);

/**
 * The scalar's value when yaml.v2 decodes it into a Go uint64: a negative int is refused
 * ('negative'); an integer up to 2^64-1 is taken; so is any float up to 2^64, negative ones too
 * (Go converts them without complaint; Klaxon reads them as 0).
 */
function goUintValue(text: string): number | 'negative' | undefined {
  const plain = text.replaceAll('_', '');
  const asInt = goParseInteger(plain);
  if (asInt !== undefined && asInt >= -(2n ** 63n) && asInt < 2n ** 64n) return asInt < 0n ? 'negative' : Number(asInt);
  if (NEGATIVE_INFINITY.has(text)) return 0;
  if (!DECIMAL_FLOAT.test(plain)) return undefined;
  const value = Number(plain);
  if (!(value <= 2 ** 64)) return undefined;
  return value < 0 ? 0 : Math.trunc(value);
}

const NUMBER_TAGS = new Set(['!!int', '!!float', 'tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);

/** Plain scalars without a tag, and scalars of any style tagged as numbers, resolve as numbers; others stay text. */
function resolvesAsNumber(node: YamlScalar): boolean {
  return node.tag === undefined ? node.style === 'PLAIN' : NUMBER_TAGS.has(node.tag);
}

