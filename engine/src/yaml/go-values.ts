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
    if (node.kind === 'scalar') return isNull(node) ? '' : node.text;
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
    for (const field of this.pairs(map)) {
      const name = field.key.kind === 'scalar' ? field.key.text : '';
      if (!allowed.includes(name)) {
        const suggestion = closestWord(name, allowed);
        const hint = suggestion ? `; did you mean "${suggestion}"?` : `; expected one of ${allowed.join(', ')}`;
        this.report(`unknown field "${name}" in ${what}${hint}`, field.key.range, unknownIs);
        continue;
      }
      out.set(name, field);
    }
    return out;
  }

  /** A map of strings to strings (labels, annotations), in file order. */
  stringMap(node: YamlNode, what: string): { name: string; value: string; field: YamlField }[] {
    const map = this.mapping(node, what);
    if (!map) return [];
    // The messages are made only for what is not a string: maps hold many strings.
    return this.pairs(map).map((field) => ({
      name: field.key.kind === 'scalar' ? this.string(field.key, '') : this.string(field.key, `a key of ${what}`),
      value: field.value.kind === 'scalar' ? this.string(field.value, '') : this.string(field.value, `the value of "${field.key.kind === 'scalar' ? field.key.text : '?'}" in ${what}`),
      field,
    }));
  }

  /** The pairs of a mapping after merge keys, with duplicate keys reported. */
  pairs(map: YamlMap): readonly YamlField[] {
    this.reportDuplicates(map);
    if (!map.pairs.some((p) => isMergeKey(p.key))) return map.pairs;
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

function keyText(key: YamlNode): string {
  return key.kind === 'scalar' ? key.text : '';
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
export function goUintValue(text: string): number | 'negative' | undefined {
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

