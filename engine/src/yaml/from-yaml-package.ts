/**
 * Reads YAML with the `yaml` package (complete, with its error messages) into the tree model.
 * Only the first document counts, as with Go's yaml.v3 decoder; later ones get one warning.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Document, type Node as YNode, type Pair } from 'yaml';
import { problem, type Problem } from '../errors.js';
import type { TextRange } from '../promql/ast.js';
import { GO_DECODED_TAGS, goTagEffect, type GoYaml } from './go-tags.js';
import type { ScalarStyle } from './scalar-decode.js';
import type { YamlNode, YamlScalar } from './tree.js';

export interface YamlTree {
  /** The first document's content; undefined for an empty file or document. */
  root: YamlNode | undefined;
  problems: Problem[];
}

/** `goYaml` is the Go package whose reading of standard tags applies (see go-tags.ts). */
export function readWithYamlPackage(text: string, goYaml: GoYaml): YamlTree {
  const docs = parseAllDocuments(text, { uniqueKeys: false, merge: false, keepSourceTokens: false });
  if (!Array.isArray(docs) || docs.length === 0) return { root: undefined, problems: [] };
  const first = docs[0]!;
  const problems = [...first.errors, ...first.warnings.filter((w) => !isGoDecodedTagWarning(w.message))].map((e) =>
    problem(firstLine(e.message), clampRange(e.pos[0], e.pos[1], text.length), 'yaml', first.errors.includes(e as never) ? 'error' : 'warning'),
  );
  const version = first.directives?.yaml;
  if (version?.explicit && version.version !== '1.1') {
    const at = Math.max(0, text.indexOf('%YAML'));
    problems.push(problem(`%YAML ${version.version} is not supported: Prometheus reads YAML 1.1 documents only`, clampRange(at, at + 5, text.length), 'yaml'));
  }
  if (docs.length > 1) {
    const start = docs[1]!.range[0];
    problems.push(problem('only the first YAML document is read; Prometheus ignores the documents after it', clampRange(start, start + 3, text.length), 'yaml', 'warning'));
  }
  const converter = new Converter(first, problems, goYaml);
  const root = first.contents === null ? undefined : converter.convert(first.contents as YNode, 0);
  return { root, problems };
}

/** The package's warning about a standard tag that Go decodes by its own rules (see go-tags.ts). */
function isGoDecodedTagWarning(message: string): boolean {
  const unresolved = /^Unresolved tag: (\S+)/.exec(message);
  return unresolved !== null && GO_DECODED_TAGS.has(unresolved[1]!);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function clampRange(start: number, end: number, length: number): TextRange {
  const s = Math.max(0, Math.min(start, length));
  return { start: s, end: Math.max(s, Math.min(Math.max(end, start + 1), length)) };
}

class Converter {
  private readonly done = new Map<YNode, YamlNode>();
  private readonly inProgress = new Set<YNode>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly problems: Problem[],
    private readonly goYaml: GoYaml,
  ) {}

  convert(node: YNode | null | undefined, fallbackAt: number): YamlNode {
    if (node === null || node === undefined) return emptyScalar(fallbackAt);
    if (isAlias(node)) return this.alias(node, fallbackAt);
    const known = this.done.get(node);
    if (known) return known;
    const range = rangeOf(node, fallbackAt);
    if (isScalar(node)) {
      const scalar: YamlScalar = {
        kind: 'scalar',
        style: (node.type as ScalarStyle | undefined) ?? 'PLAIN',
        text: typeof node.source === 'string' ? node.source : node.value === null || node.value === undefined ? '' : String(node.value),
        range,
      };
      if (node.tag) {
        scalar.tag = node.tag;
        this.applyTag(scalar);
      }
      this.done.set(node, scalar);
      return scalar;
    }
    this.inProgress.add(node);
    let converted: YamlNode;
    if (isMap(node)) {
      const pairs = node.items.map((pair: Pair) => {
        const key = this.convert(pair.key as YNode | null, range.start);
        return { key, value: this.convert(pair.value as YNode | null, key.range.end) };
      });
      converted = { kind: 'map', pairs, range: node.flow ? range : blockRange(range, pairs.at(-1)?.value) };
    } else if (isSeq(node)) {
      const items = node.items.map((item) => this.convert(item as YNode | null, range.start));
      converted = { kind: 'seq', items, range: node.flow ? range : blockRange(range, items.at(-1)) };
    } else {
      converted = emptyScalar(range.start);
    }
    this.inProgress.delete(node);
    this.done.set(node, converted);
    return converted;
  }

  /** Decodes the scalar's text as its standard tag says, as Go does, or reports why the file does not decode. */
  private applyTag(scalar: YamlScalar): void {
    const effect = goTagEffect(scalar.tag!, scalar.text, this.goYaml);
    if (!effect) return;
    if ('text' in effect) scalar.text = effect.text;
    else this.problems.push(problem(effect.error, scalar.range, 'yaml'));
  }

  private alias(node: YNode & { source: string }, fallbackAt: number): YamlNode {
    const target = (node as unknown as { resolve(doc: Document): YNode | undefined }).resolve(this.doc);
    const range = rangeOf(node, fallbackAt);
    if (!target) return emptyScalar(range.start);
    if (this.inProgress.has(target)) {
      this.problems.push(problem(`anchor "${node.source}" contains an alias to itself`, range, 'yaml'));
      return emptyScalar(range.start);
    }
    return this.convert(target, range.start);
  }
}

function rangeOf(node: YNode, fallbackAt: number): TextRange {
  const r = node.range;
  return r ? { start: r[0], end: r[1] } : { start: fallbackAt, end: fallbackAt };
}

/** A block collection ends where its last value ends, without the comments and blank lines after it. */
function blockRange(range: TextRange, last: YamlNode | undefined): TextRange {
  return last ? { start: range.start, end: Math.max(range.start, last.range.end) } : range;
}

function emptyScalar(at: number): YamlScalar {
  return { kind: 'scalar', style: 'PLAIN', text: '', range: { start: at, end: at } };
}
