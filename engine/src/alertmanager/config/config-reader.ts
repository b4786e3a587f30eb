/**
 * Decoding Alertmanager config values with the rules of Go's yaml.v2 (UnmarshalStrict), which
 * Alertmanager 0.25 reads its file with. It differs from yaml.v3 (GoValueReader) where it
 * matters here: plain `yes`/`no`/`on`/`off`/`y`/`n` are booleans, and a null list item is kept as
 * its zero value (an empty string, a nil pointer) rather than dropped.
 */
import type { Problem, Severity } from '../../errors.js';
import type { TextRange } from '../../promql/ast.js';
import { GoValueReader, type YamlField } from '../../yaml/go-values.js';
import { describeNode, isNull, type YamlMap, type YamlNode } from '../../yaml/tree.js';

export const SOURCE = 'alertmanager';

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const BOOL_TAGS = new Set(['!!bool', 'tag:yaml.org,2002:bool']);

export class ConfigReader extends GoValueReader {
  constructor(
    readonly sourceText: string,
    problems: Problem[],
  ) {
    super(sourceText, problems, SOURCE);
  }

  error(message: string, range: TextRange): void {
    this.report(message, range, 'error');
  }

  warn(message: string, range: TextRange, severity: Severity = 'warning'): void {
    this.report(message, range, severity);
  }

  /** A bool field: false for null; plain YAML 1.1 words only (quoted text is a string). */
  bool(node: YamlNode, what: string): boolean {
    if (isNull(node)) return false;
    const resolvesAsBool = node.kind === 'scalar' && (node.tag === undefined ? node.style === 'PLAIN' : BOOL_TAGS.has(node.tag));
    if (resolvesAsBool && TRUE_WORDS.has(node.text)) return true;
    if (resolvesAsBool && FALSE_WORDS.has(node.text)) return false;
    this.error(`${what} must be true or false, not ${describeNode(node)}`, node.range);
    return false;
  }

  /**
   * The fields of a struct-like mapping (see GoValueReader.fields); keys that only later
   * Alertmanager versions know are reported with `laterMessage` instead of as misspellings.
   */
  knownFields(map: YamlMap, allowed: readonly string[], later: readonly string[], what: string, laterMessage: (key: string) => string): Map<string, YamlField> {
    const isLater = (key: YamlNode) => key.kind === 'scalar' && later.includes(key.text);
    for (const { key } of map.pairs) if (isLater(key)) this.error(laterMessage((key as { text: string }).text), key.range);
    return this.fields({ ...map, pairs: map.pairs.filter((p) => !isLater(p.key)) }, allowed, what);
  }

  /** A list whose null items are kept (yaml.v2 decodes them to zero values). */
  items(node: YamlNode, what: string): YamlNode[] {
    if (isNull(node)) return [];
    if (node.kind !== 'seq') {
      this.error(`${what} must be a list, not ${describeNode(node)}`, node.range);
      return [];
    }
    return node.items;
  }

  /** A list of strings; a null item is the empty string. */
  strings(node: YamlNode, what: string): { value: string; node: YamlNode }[] {
    return this.items(node, what).map((item) => ({ value: this.string(item, `an item of ${what}`), node: item }));
  }
}

/** The range of a mapping's first key: where problems about the whole mapping are shown. */
export function headRange(node: YamlNode): TextRange {
  if (node.kind === 'map' && node.pairs.length > 0) return node.pairs[0]!.key.range;
  if (node.kind === 'seq' && node.items.length > 0) return headRange(node.items[0]!);
  const { start, end } = node.range;
  return { start, end: Math.max(end, start + 1) };
}

export function keyText(field: YamlField): string {
  return field.key.kind === 'scalar' ? field.key.text : '?';
}
