/**
 * What `klaxon check` needs to know about each label and annotation template: whether it parses
 * (the loader's syntax check) and which labels it reads (a lint). Only these facts are kept, not
 * the trees.
 *
 * Both depend on the template's actions alone, not on the text between them (which only makes
 * text nodes and line numbers of messages), so templates whose actions are the same, as
 * `{{ $labels.job }}: disk 1 full` and `{{ $labels.job }}: disk 2 full` are, are parsed once: the
 * others take the facts of the first, label ranges moved with their actions. Templates that
 * define templates are parsed each, as whether a definition may be repeated depends on its text.
 */
import type { TextRange } from '../promql/ast.js';
import { parseAlertTemplateBody } from '../rules/alert-template-parse.js';
import { writeActionSpans } from '../template/action-spans.js';
import { templateLabelReferences, type LabelReference } from './analysis/template-label-references.js';

export interface TemplateFacts {
  parses: boolean;
  labels: readonly LabelReference[];
}

export type TemplateFactsOf = (text: string) => TemplateFacts;

const PLAIN_TEXT: TemplateFacts = { parses: true, labels: [] };
const MEMO_SIZE = 1000;
const DEFINITION = /\b(?:define|block)\b/;

interface Parsed {
  facts: TemplateFacts;
  /** Where the parsed template's actions are (see actionSpans). */
  spans: readonly number[];
}

/** A memoizing source of facts; keep it as long as the check that uses it. */
export function templateFactsSource(): TemplateFactsOf {
  const known = new Map<string, TemplateFacts>();
  const byActions = new Map<string, Parsed>();
  // The spans of the template at hand, in its first `count` entries; copied only for a template parsed.
  const spans: number[] = [];
  return (text) => {
    if (!text.includes('{{')) return PLAIN_TEXT;
    let facts = known.get(text);
    if (facts) return facts;
    // Texts are mostly asked about while their rule is checked: keep the memo small.
    if (known.size >= MEMO_SIZE) known.clear();
    const count = writeActionSpans(text, spans);
    const key = count < 0 ? undefined : actionsKey(text, spans, count);
    const same = key === undefined ? undefined : byActions.get(key);
    facts = (same && moved(same, spans)) ?? parse(text);
    if (key !== undefined && !same) byActions.set(key, { facts, spans: spans.slice(0, count) });
    known.set(text, facts);
    return facts;
  };
}

function parse(text: string): TemplateFacts {
  const tree = parseAlertTemplateBody(text);
  return tree ? { parses: true, labels: templateLabelReferences(tree) } : { parses: false, labels: [] };
}

/** The actions one after another, between separators; undefined when they define templates (or the text holds the separator). */
function actionsKey(text: string, spans: readonly number[], count: number): string | undefined {
  if (text.includes('\0')) return undefined;
  // Most templates have one action: their key is a slice of the text, not a new string.
  let key = text.slice(spans[0], spans[1]);
  for (let i = 2; i < count; i += 2) key += `\0${text.slice(spans[i], spans[i + 1])}`;
  return DEFINITION.test(key) ? undefined : key;
}

/**
 * The facts of a template with the same actions as `parsed` (so as many), at `spans` (which may
 * go on past them); undefined if a label is outside every action.
 */
function moved(parsed: Parsed, spans: readonly number[]): TemplateFacts | undefined {
  if (parsed.facts.labels.length === 0 || startsWithNumbers(spans, parsed.spans)) return parsed.facts;
  const labels: LabelReference[] = [];
  for (const { label, range } of parsed.facts.labels) {
    const shifted = shift(range, parsed.spans, spans);
    if (!shifted) return undefined;
    labels.push({ label, range: shifted });
  }
  return { parses: parsed.facts.parses, labels };
}

/** Whether `numbers` starts with `prefix`. */
function startsWithNumbers(numbers: readonly number[], prefix: readonly number[]): boolean {
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== numbers[i]) return false;
  return true;
}

function shift(range: TextRange, from: readonly number[], to: readonly number[]): TextRange | undefined {
  for (let i = 0; i < from.length; i += 2) {
    if (range.start < from[i]! || range.end > from[i + 1]!) continue;
    const by = to[i]! - from[i]!;
    return { start: range.start + by, end: range.end + by };
  }
  return undefined;
}
