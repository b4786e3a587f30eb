/**
 * Reads series from CSV with a header row, one sample a row:
 *
 *     timestamp,__name__,job,instance,value
 *     2024-01-01T00:00:00Z,up,api,api-1:9100,1
 *     1704067260,up,api,api-1:9100,0
 *
 * `timestamp` (or `time`) is Unix seconds or RFC 3339; `value` is a float, `NaN`, `+Inf`, `-Inf`
 * or `stale` (a staleness marker); `__name__` (or `metric`) is the metric name; every other
 * column is a label, absent where its cell is empty. Fields may be quoted as RFC 4180 says;
 * lines starting with `#` are comments. Rows may come in any order.
 */
import { problem, type Problem } from '../errors.js';
import { inFile } from '../file-problem.js';
import { LABEL_KEY_SEPARATOR, Labels } from '../labels/labels.js';
import { TimeSpan, type LoadedSeries } from './loaded-series.js';
import { MemoryStore } from './memory-store.js';
import { parseSampleValue, parseTimestamp } from './sample-text.js';
import { readCsv, type CsvCell as Cell } from '../text/csv.js';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

export function loadCsvSeriesFile(text: string, file: string, store = new MemoryStore()): LoadedSeries {
  const problems: Problem[] = [];
  const span = new TimeSpan();
  const rows = readCsv(text, problems, 'series').filter((row) => !(row.length === 1 && row[0]!.text === '') && !row[0]!.text.startsWith('#'));
  const header = rows.shift();
  const done = (): LoadedSeries => ({ store, ...span.bounds(), times: 'absolute', problems: problems.map((p) => inFile(file, p)) });
  if (!header) return done();
  const columns = readHeader(header, problems);
  if (!columns) return done();
  const seriesCache = new Map<string, Labels>();
  for (const row of rows) {
    if (row.length !== header.length) {
      problems.push(problem(`expected ${header.length} fields as in the header, found ${row.length}`, rangeOf(row), 'series'));
      continue;
    }
    const timeCell = row[columns.time]!;
    const t = parseTimestamp(timeCell.text.trim());
    if (t === undefined) {
      problems.push(problem(`invalid timestamp ${JSON.stringify(timeCell.text)}: expected Unix seconds or an RFC 3339 date`, timeCell, 'series'));
      continue;
    }
    const valueCell = row[columns.value]!;
    const valueText = valueCell.text.trim();
    const value = valueText === 'stale' ? 'stale' : parseSampleValue(valueText);
    if (value === undefined) {
      problems.push(problem(`invalid value ${JSON.stringify(valueCell.text)}: expected a number, NaN, +Inf, -Inf or stale`, valueCell, 'series'));
      continue;
    }
    const pairs = columns.labels.map(({ name, index }) => [name, row[index]!.text] as const);
    const key = pairs.map(([, v]) => v).join(LABEL_KEY_SEPARATOR);
    let labels = seriesCache.get(key);
    if (!labels) seriesCache.set(key, (labels = Labels.from(pairs)));
    if (value === 'stale') store.appendStale(labels, t);
    else store.append(labels, t, value);
    span.add(t);
  }
  return done();
}

interface Columns {
  time: number;
  value: number;
  labels: { name: string; index: number }[];
}

function readHeader(header: Cell[], problems: Problem[]): Columns | undefined {
  let time = -1;
  let value = -1;
  const labels: { name: string; index: number }[] = [];
  const seen = new Set<string>();
  header.forEach((cell, index) => {
    const name = cell.text.trim();
    const labelName = name === 'metric' ? '__name__' : name;
    if (seen.has(labelName) || ((name === 'time' || name === 'timestamp') && time >= 0)) {
      problems.push(problem(`column ${JSON.stringify(name)} appears twice`, cell, 'series'));
    } else if (name === 'time' || name === 'timestamp') time = index;
    else if (name === 'value') value = index;
    else if (!LABEL_NAME.test(labelName)) problems.push(problem(`invalid label name ${JSON.stringify(name)} in the header`, cell, 'series'));
    else labels.push({ name: labelName, index });
    seen.add(labelName);
  });
  const whole = rangeOf(header);
  if (time < 0) problems.push(problem('the header needs a "timestamp" column', whole, 'series'));
  if (value < 0) problems.push(problem('the header needs a "value" column', whole, 'series'));
  return time >= 0 && value >= 0 && labels.length === header.length - 2 ? { time, value, labels } : undefined;
}

function rangeOf(row: Cell[]): { start: number; end: number } {
  return { start: row[0]!.start, end: Math.max(row[row.length - 1]!.end, row[0]!.start + 1) };
}
