/**
 * Reads series from a YAML file in promtool's unit-test input shape:
 * `interval: 1m` and `input_series: [{series: 'm{a="b"}', values: '1+1x10'}]`.
 */
import type { Node } from 'yaml';
import { KlaxonError, problem, type Problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import { tryParseDuration } from '../promql/duration.js';
import { entries, isMap, isScalar, isSeq, rangeOf, readYaml } from '../yaml/document.js';
import { relocateProblems, scalarOffsets, type LocatedScalar } from '../yaml/scalar-offsets.js';
import { MemoryStore } from './memory-store.js';
import { loadSeriesLine, parseSeriesLine, type SeriesLine } from './notation.js';

export interface LoadedSeriesFile {
  store: MemoryStore;
  intervalMs: number;
  /** Timestamp of the last value of the longest series. */
  endMs: number;
  problems: FileProblem[];
}

const DEFAULT_INTERVAL_MS = 60_000;

export function loadInputSeriesFile(text: string, file: string, startMs = 0): LoadedSeriesFile {
  const { doc, problems } = readYaml(text);
  const out: Problem[] = [...problems];
  const store = new MemoryStore();
  let intervalMs = DEFAULT_INTERVAL_MS;
  let endMs = startMs;
  const root = doc.contents as Node | null;
  if (!isMap(root)) {
    out.push(problem('a series file must be a mapping with `interval` and `input_series`', rangeOf(root), 'series'));
    return { store, intervalMs, endMs, problems: out.map((p) => inFile(file, p)) };
  }
  const fields = new Map(entries(root).map((e) => [e.key, e]));
  const interval = fields.get('interval')?.value;
  if (interval) {
    const parsed = tryParseDuration(isScalar(interval) ? String(interval.value) : '');
    if (parsed.error !== undefined || parsed.ms <= 0) out.push(problem(`invalid interval: ${parsed.error ?? 'must be positive'}`, rangeOf(interval), 'series'));
    else intervalMs = parsed.ms;
  }
  const list = fields.get('input_series')?.value;
  if (!isSeq(list)) out.push(problem('`input_series` must be a list', rangeOf(list ?? root), 'series'));
  else {
    for (const item of list.items as Node[]) {
      const count = loadOne(item, text, store, startMs, intervalMs, out);
      if (count > 0) endMs = Math.max(endMs, startMs + (count - 1) * intervalMs);
    }
  }
  return { store, intervalMs, endMs, problems: out.map((p) => inFile(file, p)) };
}

/** Loads one `{series, values}` entry; returns how many positions its values span. */
function loadOne(item: Node, text: string, store: MemoryStore, startMs: number, intervalMs: number, out: Problem[]): number {
  if (!isMap(item)) {
    out.push(problem('each input series must be a mapping with `series` and `values`', rangeOf(item), 'series'));
    return 0;
  }
  const fields = new Map(entries(item).map((e) => [e.key, e.value]));
  const series = fields.get('series');
  const values = fields.get('values');
  if (!isScalar(series) || !isScalar(values)) {
    out.push(problem('each input series needs `series` and `values` strings', rangeOf(item), 'series'));
    return 0;
  }
  const parsed = parseInputSeriesEntry(series, values, text);
  if ('error' in parsed) {
    out.push(...parsed.problems);
    return 0;
  }
  loadSeriesLine(store, parsed.line, startMs, intervalMs);
  return parsed.line.values.length;
}

/**
 * Parses one `{series, values}` entry as promtool does: the two strings, as written, joined by
 * a space into one series line. Problems are located in the file `text` the scalars come from.
 */
export function parseInputSeriesEntry(series: LocatedScalar, values: LocatedScalar, text: string): { line: SeriesLine } | { error: KlaxonError; problems: Problem[] } {
  try {
    return { line: parseSeriesLine(`${writtenText(series)} ${writtenText(values)}`) };
  } catch (e) {
    if (!(e instanceof KlaxonError)) throw e;
    // The line is `series + ' ' + values`: the series' end offset stands for the joining space.
    const lineOffsets = [...scalarOffsets(series, text), ...scalarOffsets(values, text)];
    return { error: e, problems: relocateProblems(e.problems, lineOffsets) };
  }
}

/** A scalar's text as written (`0x20` stays `0x20`, as Go reads it into a string). */
function writtenText(node: LocatedScalar): string {
  if (typeof node.source === 'string') return node.source;
  return node.value === null || node.value === undefined ? '' : String(node.value);
}
