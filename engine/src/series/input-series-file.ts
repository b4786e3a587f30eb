/**
 * Reads series from a YAML file in promtool's unit-test input shape:
 * `interval: 1m` and `input_series: [{series: 'm{a="b"}', values: '1+1x10'}]`.
 */
import { KlaxonError, problem, type Problem } from '../errors.js';
import { inFile, type FileProblem } from '../file-problem.js';
import { tryParseDuration } from '../promql/duration.js';
import { readYamlTree } from '../yaml/read-tree.js';
import { locatedScalar, relocateProblems, scalarOffsets } from '../yaml/scalar-offsets.js';
import type { YamlMap, YamlNode, YamlScalar } from '../yaml/tree.js';
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
  const { root, problems } = readYamlTree(text, 'yaml.v2');
  const out: Problem[] = [...problems];
  const store = new MemoryStore();
  let intervalMs = DEFAULT_INTERVAL_MS;
  let endMs = startMs;
  if (root?.kind !== 'map') {
    out.push(problem('a series file must be a mapping with `interval` and `input_series`', root?.range ?? { start: 0, end: 0 }, 'series'));
    return { store, intervalMs, endMs, problems: out.map((p) => inFile(file, p)) };
  }
  const interval = field(root, 'interval');
  if (interval) {
    const parsed = tryParseDuration(interval.kind === 'scalar' ? interval.text : '');
    if (parsed.error !== undefined || parsed.ms <= 0) out.push(problem(`invalid interval: ${parsed.error ?? 'must be positive'}`, interval.range, 'series'));
    else intervalMs = parsed.ms;
  }
  const list = field(root, 'input_series');
  if (list?.kind !== 'seq') out.push(problem('`input_series` must be a list', (list ?? root).range, 'series'));
  else {
    for (const item of list.items) {
      const count = loadOne(item, text, store, startMs, intervalMs, out);
      if (count > 0) endMs = Math.max(endMs, startMs + (count - 1) * intervalMs);
    }
  }
  return { store, intervalMs, endMs, problems: out.map((p) => inFile(file, p)) };
}

function field(map: YamlMap, key: string): YamlNode | undefined {
  return map.pairs.find((p) => p.key.kind === 'scalar' && p.key.text === key)?.value;
}

/** Loads one `{series, values}` entry; returns how many positions its values span. */
function loadOne(item: YamlNode, text: string, store: MemoryStore, startMs: number, intervalMs: number, out: Problem[]): number {
  if (item.kind !== 'map') {
    out.push(problem('each input series must be a mapping with `series` and `values`', item.range, 'series'));
    return 0;
  }
  const series = field(item, 'series');
  const values = field(item, 'values');
  if (series?.kind !== 'scalar' || values?.kind !== 'scalar') {
    out.push(problem('each input series needs `series` and `values` strings', item.range, 'series'));
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
export function parseInputSeriesEntry(series: YamlScalar, values: YamlScalar, text: string): { line: SeriesLine } | { error: KlaxonError; problems: Problem[] } {
  try {
    return { line: parseSeriesLine(`${series.text} ${values.text}`) };
  } catch (e) {
    if (!(e instanceof KlaxonError)) throw e;
    // The line is `series + ' ' + values`: the series' end offset stands for the joining space.
    const lineOffsets = [...scalarOffsets(locatedScalar(series), text), ...scalarOffsets(locatedScalar(values), text)];
    return { error: e, problems: relocateProblems(e.problems, lineOffsets) };
  }
}
