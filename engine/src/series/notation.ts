/**
 * The series notation of promtool unit tests and promqltest scripts: a label set followed by
 * expanding values, e.g. `http_requests{job="api"} 1+2x10 _ stale 5x3`.
 *
 * - `a` one value; `axN` the value a, N+1 times; `a+bxN` / `a-bxN` N+1 values starting at a,
 *   adding the step cumulatively (so float rounding accumulates exactly as in Prometheus)
 * - `_` no sample; `_xN` N times no sample
 * - `stale` a staleness marker
 * - numbers as PromQL writes them, plus `Inf`, `-Inf`, `NaN` (any case); no hexadecimal
 *
 * The label part is parsed by the PromQL parser, so the label grammar lives in one place.
 * Native histogram values (`{{...}}`) are not supported and raise NativeHistogramNotationError.
 */
import type { TextRange } from '../promql/ast.js';
import { KlaxonError, problem } from '../errors.js';
import { Labels } from '../labels/labels.js';
import { parseNumberLiteral } from '../promql/number-literal.js';
import { parseExpr } from '../promql/parse.js';
import type { MemoryStore } from './memory-store.js';

/** One position of a series: a value, a staleness marker, or `undefined` for no sample. */
export type SeriesValue = number | 'stale' | undefined;

export interface SeriesLine {
  labels: Labels;
  values: SeriesValue[];
}

/** More values than one line may expand to; guards against `1x99999999999`. */
export const MAX_SERIES_VALUES = 10_000_000;

/**
 * A series line with native histogram values, which Klaxon does not support. It still tells
 * which series the line describes, its float values (`undefined` where a histogram stood) and
 * the indexes of the histogram values, so that a runner can load the rest and skip what
 * depends on the histograms.
 */
export class NativeHistogramNotationError extends KlaxonError {
  constructor(
    readonly labels: Labels,
    readonly floatValues: SeriesValue[],
    readonly histogramIndexes: number[],
    range: TextRange,
  ) {
    super(problem('native histogram values ({{...}}) are not supported', range, 'series'));
    this.name = 'NativeHistogramNotationError';
  }
}

/** Stands for one native histogram value while a line is read. */
const HISTOGRAM = Symbol('native histogram');
type ParsedValue = SeriesValue | typeof HISTOGRAM;

function fail(message: string, start: number, end = start + 1): never {
  throw new KlaxonError(problem(message, { start, end }, 'series'));
}

/** Parses one series line. Errors are KlaxonErrors whose ranges are offsets into `line`. */
export function parseSeriesLine(line: string): SeriesLine {
  const labelPart = scanLabelPart(line);
  const labels = parseLabels(line, labelPart);
  const parsed = parseValues(line, labelPart.end);
  const histogramIndexes = parsed.flatMap((v, i) => (v === HISTOGRAM ? [i] : []));
  if (histogramIndexes.length > 0) {
    const floatValues = parsed.map((v) => (v === HISTOGRAM ? undefined : v));
    const first = line.indexOf('{{', labelPart.end);
    throw new NativeHistogramNotationError(labels, floatValues, histogramIndexes, { start: first, end: line.length });
  }
  return { labels, values: parsed as SeriesValue[] };
}

/** Appends a parsed line to `store`: value i at `startMs + i * intervalMs`. Returns the samples added. */
export function loadSeriesLine(store: MemoryStore, series: SeriesLine, startMs: number, intervalMs: number): number {
  let added = 0;
  series.values.forEach((value, i) => {
    const t = startMs + i * intervalMs;
    if (value === 'stale') store.appendStale(series.labels, t);
    else if (value !== undefined) store.append(series.labels, t, value);
    else return;
    added++;
  });
  return added;
}

interface LabelPart {
  /** The metric name written before the braces, if any. */
  name?: string;
  /** Offsets of `{` and just past `}`, if braces were written. */
  braces?: TextRange;
  /** Where the label part ends and the values begin. */
  end: number;
}

const NAME_START = /[a-zA-Z_:]/;
const NAME_CHAR = /[a-zA-Z0-9_:]/;

function scanLabelPart(line: string): LabelPart {
  let pos = 0;
  while (pos < line.length && isSpace(line[pos]!)) pos++;
  const part: LabelPart = { end: pos };
  if (NAME_START.test(line[pos] ?? '')) {
    const start = pos;
    while (pos < line.length && NAME_CHAR.test(line[pos]!)) pos++;
    part.name = line.slice(start, pos);
  }
  if (line[pos] === '{') {
    const close = closingBrace(line, pos);
    part.braces = { start: pos, end: close + 1 };
    pos = close + 1;
  }
  if (part.name === undefined && part.braces === undefined) {
    fail(`expected a metric name or "{" to start the series, found ${describe(line, pos)}`, pos);
  }
  part.end = pos;
  return part;
}

/** Index of the `}` closing the brace at `open`, skipping over quoted strings. */
function closingBrace(line: string, open: number): number {
  let quote: string | undefined;
  for (let i = open + 1; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote !== '`') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    } else if (ch === '}') {
      return i;
    }
  }
  return fail('unclosed label set: missing "}"', open, line.length);
}

function parseLabels(line: string, part: LabelPart): Labels {
  const inner = part.braces ? line.slice(part.braces.start + 1, part.braces.end - 1) : '';
  let labels = inner.trim() === '' ? Labels.EMPTY : parseBraces(inner, part.braces!.start + 1, part.name);
  if (part.name !== undefined) labels = labels.with('__name__', part.name);
  return labels;
}

/**
 * Parses the inside of the braces (starting at `offset` in the line) as a selector. A name written
 * before the braces goes in as a leading `__name__` matcher, so that keywords such as `sum` work
 * as names and `m{a=""}` counts as having a non-empty matcher; it overrides any name inside.
 */
function parseBraces(inner: string, offset: number, name: string | undefined): Labels {
  const prefix = name === undefined ? '{' : `{__name__=${JSON.stringify(name)}, `;
  const { expr, problems } = parseExpr(`${prefix}${inner}}`);
  const toLine = (pos: number) => offset + Math.max(0, pos - prefix.length);
  const error = problems.find((p) => p.severity === 'error');
  if (error) fail(error.message, toLine(error.range.start), Math.max(toLine(error.range.end), toLine(error.range.start) + 1));
  const whole = { start: offset - 1, end: offset + inner.length + 1 };
  if (!expr || expr.kind !== 'VectorSelector') return fail('expected a label set', whole.start, whole.end);
  const pairs = new Map<string, string>();
  for (const m of name === undefined ? expr.matchers : expr.matchers.slice(1)) {
    if (m.type !== '=') fail(`series labels take "=", found "${m.type}" for label ${m.name}`, whole.start, whole.end);
    if (pairs.has(m.name)) fail(`label ${m.name} is set twice`, whole.start, whole.end);
    pairs.set(m.name, m.value);
  }
  return Labels.from(pairs);
}

function parseValues(line: string, start: number): ParsedValue[] {
  const values: ParsedValue[] = [];
  let pos = start;
  while (pos < line.length) {
    if (!isSpace(line[pos]!)) fail(`expected a space before the series values, found ${describe(line, pos)}`, pos);
    while (pos < line.length && isSpace(line[pos]!)) pos++;
    if (line.startsWith('{{', pos)) {
      pos = skipHistogramItem(line, pos, values);
      continue;
    }
    const itemStart = pos;
    while (pos < line.length && !isSpace(line[pos]!)) pos++;
    if (pos > itemStart) expandItem(line, { start: itemStart, end: pos }, values);
  }
  return values;
}

/**
 * Counts a native histogram item without reading it: `{{...}}`, `{{...}}xN`, or
 * `{{...}}+{{...}}xN` / `{{...}}-{{...}}xN` (N+1 values). Returns where the item ends.
 */
function skipHistogramItem(line: string, start: number, out: ParsedValue[]): number {
  const afterHistogram = (open: number): number => {
    const close = line.indexOf('}}', open + 2);
    if (close < 0) fail('unclosed native histogram: missing "}}"', open, line.length);
    return close + 2;
  };
  let pos = afterHistogram(start);
  let count = 1;
  if (line[pos] === '+' || line[pos] === '-') {
    if (!line.startsWith('{{', pos + 1)) fail(`expected a native histogram after "${line[pos]}"`, pos + 1);
    pos = afterHistogram(pos + 1);
    if (line[pos] !== 'x') fail('expected "x" and a repetition count after the histogram increment', pos);
  }
  if (line[pos] === 'x') {
    const digits = /^[0-9]+/.exec(line.slice(pos + 1))?.[0];
    if (digits === undefined) fail('expected a repetition count after "x"', pos + 1);
    if (Number(digits) >= MAX_SERIES_VALUES) fail(`repetition count ${digits} is too large`, pos + 1, pos + 1 + digits.length);
    count = Number(digits) + 1;
    pos += 1 + digits.length;
  }
  if (pos < line.length && !isSpace(line[pos]!)) fail(`expected a space after the native histogram, found ${describe(line, pos)}`, pos);
  if (out.length + count > MAX_SERIES_VALUES) fail(`a series may have at most ${MAX_SERIES_VALUES} values`, start, pos);
  for (let i = 0; i < count; i++) out.push(HISTOGRAM);
  return pos;
}

type Token =
  | { kind: '+' | '-' | 'x' | '_'; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number };

/** Appends the values of one whitespace-free item such as `1+2x10`, `_x3` or `stale`. */
function expandItem(line: string, item: TextRange, out: ParsedValue[]): void {
  const tokens = tokenize(line, item);
  let i = 0;
  const unexpectedToken = (expected: string): never => {
    const token = tokens[i];
    const itemText = line.slice(item.start, item.end);
    if (!token) return fail(`expected ${expected} at the end of "${itemText}"`, item.end - 1, item.end);
    const found = line.slice(token.start, token.end);
    return fail(`expected ${expected}, found "${found}" in "${itemText}"`, token.start, token.end);
  };
  const repetitionCount = (): number => {
    if (tokens[i]?.kind !== 'x') unexpectedToken('"x" and a repetition count');
    i++;
    const token = tokens[i];
    if (token?.kind !== 'number') return unexpectedToken('a repetition count');
    const text = line.slice(token.start, token.end);
    if (!/^[0-9]+$/.test(text)) fail(`invalid repetition count "${text}": expected a whole number`, token.start, token.end);
    if (token.value >= MAX_SERIES_VALUES) fail(`repetition count ${text} is too large`, token.start, token.end);
    i++;
    return token.value;
  };
  const push = (value: SeriesValue) => {
    if (out.length >= MAX_SERIES_VALUES) fail(`a series may have at most ${MAX_SERIES_VALUES} values`, item.start, item.end);
    out.push(value);
  };
  const signedNumber = (): number => {
    const sign = tokens[i]?.kind;
    if (sign === '+' || sign === '-') i++;
    const token = tokens[i];
    if (token?.kind !== 'number') return unexpectedToken(sign === '+' || sign === '-' ? `a number after "${sign}"` : 'a number');
    i++;
    return sign === '-' ? -token.value : token.value;
  };

  const first = tokens[0]!;
  if (first.kind === '_') {
    i++;
    const count = i < tokens.length ? repetitionCount() : 1;
    for (let k = 0; k < count; k++) push(undefined);
  } else {
    let start: number | 'stale';
    if (first.kind === 'word') {
      if (first.text !== 'stale') unexpectedToken('a number, "_" or "stale"');
      start = 'stale';
      i++;
    } else {
      start = signedNumber();
    }
    const op = tokens[i];
    if (!op) {
      push(start);
    } else if (op.kind === 'x') {
      const count = repetitionCount();
      for (let k = 0; k <= count; k++) push(start);
    } else if (op.kind === '+' || op.kind === '-') {
      const delta = signedNumber();
      const count = repetitionCount();
      // Adding to a staleness marker yields an ordinary NaN, as in Prometheus.
      let current = start === 'stale' ? NaN : start;
      push(start);
      for (let k = 1; k <= count; k++) {
        current += delta;
        push(current);
      }
    } else {
      unexpectedToken('"x", "+", "-" or a space');
    }
  }
  if (i < tokens.length) unexpectedToken('a space before the next value');
}

function tokenize(line: string, { start, end }: TextRange): Token[] {
  const tokens: Token[] = [];
  let pos = start;
  while (pos < end) {
    const ch = line[pos]!;
    if (ch === '+' || ch === '-' || ch === 'x' || ch === '_') {
      tokens.push({ kind: ch, start: pos, end: pos + 1 });
      pos++;
    } else if (isDigit(ch) || (ch === '.' && isDigit(line[pos + 1] ?? ''))) {
      const numberEnd = scanNumber(line, pos, end);
      const text = line.slice(pos, numberEnd);
      const { value, error } = parseNumberLiteral(text);
      if (error !== undefined) fail(error, pos, numberEnd);
      tokens.push({ kind: 'number', value, start: pos, end: numberEnd });
      pos = numberEnd;
    } else if (/[a-zA-Z]/.test(ch)) {
      const wordStart = pos;
      while (pos < end && NAME_CHAR.test(line[pos]!)) pos++;
      const text = line.slice(wordStart, pos);
      const lower = text.toLowerCase();
      if (lower === 'inf' || lower === 'nan') {
        tokens.push({ kind: 'number', value: lower === 'inf' ? Infinity : NaN, start: wordStart, end: pos });
      } else {
        tokens.push({ kind: 'word', text, start: wordStart, end: pos });
      }
    } else {
      fail(`unexpected character ${JSON.stringify(ch)} in series values`, pos);
    }
  }
  return tokens;
}

/**
 * End of the number starting at `start`: digits with at most one `.`, one exponent and `_`
 * separators. Like Prometheus, a number may be followed directly only by `x` or a non-letter.
 */
function scanNumber(line: string, start: number, end: number): number {
  let pos = start;
  let sawDot = false;
  let sawExponent = false;
  const bad = (): never => {
    while (pos < end && NAME_CHAR.test(line[pos]!)) pos++;
    return fail(`bad number syntax "${line.slice(start, pos)}"`, start, Math.max(pos, start + 1));
  };
  while (pos < end) {
    const ch = line[pos]!;
    if (isDigit(ch)) {
      pos++;
    } else if (ch === '.') {
      if (sawDot || sawExponent) bad();
      sawDot = true;
      pos++;
      if (pos < end && '_.'.includes(line[pos]!)) bad();
    } else if (ch === 'e' || ch === 'E') {
      if (sawExponent) bad();
      sawExponent = true;
      pos++;
      if (line[pos] === '+' || line[pos] === '-') pos++;
      if (pos >= end || '._eE'.includes(line[pos]!)) bad();
    } else if (ch === '_') {
      pos++;
      if (pos >= end || '._eE'.includes(line[pos]!)) bad();
    } else {
      break;
    }
  }
  if (pos < end && line[pos] !== 'x' && /[a-zA-Z]/.test(line[pos]!)) bad();
  return pos;
}

function describe(line: string, pos: number): string {
  return pos < line.length ? JSON.stringify(line[pos]) : 'the end of the line';
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
