/**
 * Reads a promqltest script (Prometheus's `*.test` format) into commands: `load`, `clear` and
 * `eval` with their expectations. The rules follow promql/promqltest/test.go of Prometheus v3.5.0,
 * plus the later `expect range vector` and `expect string` lines.
 *
 * Unlike Prometheus, a mistake does not abandon the file: it is recorded (on the eval command it
 * belongs to, or as a script error) and reading goes on with the next command.
 */
import { RE2JS } from 're2js';
import type { Labels } from '../../labels/labels.js';
import { tryParseDuration } from '../../promql/duration.js';
import { unquoteString } from '../../promql/string-literal.js';
import { parseNumberLiteral } from '../../promql/number-literal.js';
import { NativeHistogramNotationError, parseSeriesLine, type SeriesValue } from '../../series/notation.js';
import { KlaxonError } from '../../errors.js';

/** A place in the script; both 1-based. */
export interface ScriptPosition {
  line: number;
  column: number;
}

export interface ScriptError extends ScriptPosition {
  message: string;
}

export interface SeriesDefinition {
  line: number;
  labels: Labels;
  /** The float values; `undefined` also where a native histogram value stands. */
  values: SeriesValue[];
  /** Positions of native histogram values, which Klaxon does not load. */
  histogramIndexes?: number[];
}

export interface LoadCommand {
  kind: 'load';
  line: number;
  intervalMs: number;
  /** `load_with_nhcb`: classic histograms are also loaded as native histograms with custom buckets. */
  withNhcb: boolean;
  series: SeriesDefinition[];
}

export interface ClearCommand {
  kind: 'clear';
  line: number;
}

export type QuerySpec =
  | { type: 'instant'; timeMs: number }
  | { type: 'range'; startMs: number; endMs: number; stepMs: number };

/** What an error or annotation message must be: exactly `text`, or matched by `pattern`, or anything. */
export type MessageMatcher =
  | { kind: 'any' }
  | { kind: 'exact'; text: string }
  | { kind: 'regex'; pattern: string; regex: RE2JS };

export interface ExpectedSeries {
  line: number;
  labels: Labels;
  values: SeriesValue[];
  /** 1-based rank among the expected series lines, for ordered results. */
  position: number;
}

export interface EvalCommand {
  kind: 'eval';
  line: number;
  /** Column of the expression on its line. */
  exprColumn: number;
  expr: string;
  query: QuerySpec;
  /** The query must fail, with an error matching every matcher listed. */
  fail?: MessageMatcher[];
  /** `eval_warn` / `eval_info`: at least one annotation of that kind. */
  requireAnyWarning: boolean;
  requireAnyInfo: boolean;
  /** `expect warn|info` lines: each must match an annotation, and each annotation one of them. */
  warnings: MessageMatcher[];
  infos: MessageMatcher[];
  noWarnings: boolean;
  noInfos: boolean;
  ordered: boolean;
  expectedSeries: ExpectedSeries[];
  expectedScalar?: number;
  expectedString?: string;
  /** `expect range vector`: an instant query returns a range vector sampled on this grid. */
  rangeVector?: { startMs: number; endMs: number; stepMs: number };
  /** An expected line holds native histogram values. */
  expectsNativeHistograms: boolean;
  /** Mistakes in the command or its block; such a case fails without running. */
  errors: ScriptError[];
}

export type Command = LoadCommand | ClearCommand | EvalCommand;

export interface Script {
  commands: Command[];
  /** Mistakes outside eval blocks. */
  errors: ScriptError[];
}

interface ScriptLine {
  /** Trimmed text; empty for blank lines and comments. */
  text: string;
  /** Offset of `text` in the raw line. */
  indent: number;
}

// Go's regexp `\s` is [\t\n\f\r ]; the same patterns as test.go.
const S = '[\\t\\n\\f\\r ]';
const LOAD = new RegExp(`^load(?:_(with_nhcb))?${S}+(.+?)$`);
const EVAL_INSTANT = new RegExp(`^eval(?:_(fail|warn|ordered|info))?${S}+instant${S}+(?:at${S}+(.+?))?${S}+(.+)$`, 'd');
const EVAL_RANGE = new RegExp(
  `^eval(?:_(fail|warn|info))?${S}+range${S}+from${S}+(.+)${S}+to${S}+(.+)${S}+step${S}+(.+?)${S}+(.+)$`,
  'd',
);
const EXPECT = new RegExp(`^expect${S}+(ordered|fail|warn|no_warn|info|no_info)(?:${S}+(regex|msg):(.+))?$`);
const EXPECT_RANGE_VECTOR = new RegExp(`^expect range vector${S}+from${S}+(.+)${S}+to${S}+(.+)${S}+step${S}+(.+)$`);

export function parseScript(text: string): Script {
  const lines = scriptLines(text);
  const script: Script = { commands: [], errors: [] };
  for (let i = 0; i < lines.length; i++) {
    const { text: line, indent } = lines[i]!;
    if (line === '') continue;
    const word = line.split(/[\t ]+/, 1)[0]!.toLowerCase();
    if (word === 'clear') {
      script.commands.push({ kind: 'clear', line: i + 1 });
    } else if (word.startsWith('load')) {
      i = parseLoad(lines, i, script);
    } else if (word.startsWith('eval')) {
      i = parseEval(lines, i, script);
    } else {
      script.errors.push({ line: i + 1, column: indent + 1, message: `invalid command ${JSON.stringify(line)}` });
    }
  }
  return script;
}

function scriptLines(text: string): ScriptLine[] {
  return text.split('\n').map((raw) => {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return { text: '', indent: 0 };
    return { text: trimmed, indent: raw.length - raw.trimStart().length };
  });
}

/** The index of the last line of the block starting at `i`. */
function blockEnd(lines: ScriptLine[], i: number): number {
  let end = i;
  while (end + 1 < lines.length && lines[end + 1]!.text !== '') end++;
  return end;
}

function parseLoad(lines: ScriptLine[], i: number, script: Script): number {
  const { text, indent } = lines[i]!;
  const end = blockEnd(lines, i);
  const match = LOAD.exec(text);
  const interval = match ? tryParseDuration(match[2]!) : undefined;
  if (!match || interval?.error !== undefined) {
    const message = !match
      ? 'invalid load command, expected "load <interval>" or "load_with_nhcb <interval>"'
      : `invalid load interval ${JSON.stringify(match[2])}: ${interval!.error}`;
    script.errors.push({ line: i + 1, column: indent + 1, message });
    return end;
  }
  const command: LoadCommand = { kind: 'load', line: i + 1, intervalMs: interval!.ms!, withNhcb: match[1] === 'with_nhcb', series: [] };
  for (let j = i + 1; j <= end; j++) {
    const definition = readSeries(lines[j]!, j, script.errors);
    if (definition) command.series.push(definition);
  }
  script.commands.push(command);
  return end;
}

function readSeries(line: ScriptLine, index: number, errors: ScriptError[]): SeriesDefinition | undefined {
  try {
    const { labels, values } = parseSeriesLine(line.text);
    return { line: index + 1, labels, values };
  } catch (e) {
    if (e instanceof NativeHistogramNotationError) {
      return { line: index + 1, labels: e.labels, values: e.floatValues, histogramIndexes: e.histogramIndexes };
    }
    errors.push(errorAt(e, line, index));
    return undefined;
  }
}

function errorAt(e: unknown, line: ScriptLine, index: number): ScriptError {
  if (e instanceof KlaxonError) return { line: index + 1, column: line.indent + e.range.start + 1, message: e.message };
  throw e;
}

function parseEval(lines: ScriptLine[], i: number, script: Script): number {
  const { text, indent } = lines[i]!;
  const end = blockEnd(lines, i);
  const header = parseEvalHeader(text);
  if ('error' in header) {
    script.errors.push({ line: i + 1, column: indent + 1, message: header.error });
    return end;
  }
  const command: EvalCommand = {
    kind: 'eval',
    line: i + 1,
    exprColumn: indent + header.exprOffset + 1,
    expr: header.expr,
    query: header.query,
    requireAnyWarning: header.modifier === 'warn',
    requireAnyInfo: header.modifier === 'info',
    warnings: [],
    infos: [],
    noWarnings: false,
    noInfos: false,
    ordered: header.modifier === 'ordered',
    expectedSeries: [],
    expectsNativeHistograms: false,
    errors: header.errors.map((message) => ({ line: i + 1, column: indent + 1, message })),
  };
  if (header.modifier === 'fail') command.fail = [{ kind: 'any' }];
  script.commands.push(command);

  const block = new EvalBlockReader(command, header.modifier === 'fail');
  for (let j = i + 1; j <= end; j++) {
    if (block.read(lines[j]!, j) === 'end') return j;
  }
  return end;
}

type EvalModifier = 'fail' | 'warn' | 'ordered' | 'info' | undefined;

interface EvalHeader {
  modifier: EvalModifier;
  expr: string;
  exprOffset: number;
  query: QuerySpec;
  errors: string[];
}

function parseEvalHeader(text: string): EvalHeader | { error: string } {
  const instant = EVAL_INSTANT.exec(text);
  const range = instant ? null : EVAL_RANGE.exec(text);
  if (!instant && !range) {
    return {
      error:
        'invalid eval command, expected "eval[_fail|_warn|_info|_ordered] instant at <time> <query>" ' +
        'or "eval[_fail|_warn|_info] range from <start> to <end> step <step> <query>"',
    };
  }
  const errors: string[] = [];
  if (instant) {
    const time = durationOrError(instant[2] ?? '', 'timestamp', errors);
    return {
      modifier: instant[1] as EvalModifier,
      expr: instant[3]!,
      exprOffset: instant.indices![3]![0],
      query: { type: 'instant', timeMs: time },
      errors,
    };
  }
  const m = range!;
  const query = rangeGrid(m[2]!, m[3]!, m[4]!, errors);
  return { modifier: m[1] as EvalModifier, expr: m[5]!, exprOffset: m.indices![5]![0], query: { type: 'range', ...query }, errors };
}

function rangeGrid(from: string, to: string, step: string, errors: string[]): { startMs: number; endMs: number; stepMs: number } {
  const startMs = durationOrError(from, 'start timestamp', errors);
  const endMs = durationOrError(to, 'end timestamp', errors);
  const stepMs = durationOrError(step, 'step', errors);
  if (endMs < startMs) errors.push(`invalid range: the end (${to}) is before the start (${from})`);
  if (stepMs <= 0 && !errors.length) errors.push(`invalid step ${JSON.stringify(step)}: must be positive`);
  return { startMs, endMs, stepMs };
}

function durationOrError(text: string, what: string, errors: string[]): number {
  const parsed = tryParseDuration(text);
  if (parsed.error === undefined) return parsed.ms;
  errors.push(`invalid ${what} ${JSON.stringify(text)}: ${parsed.error}`);
  return 0;
}

/** Reads the lines under an eval command, in the order of precedence of test.go. */
class EvalBlockReader {
  private seriesCount = 0;
  private expectFailLines = 0;

  constructor(
    private readonly command: EvalCommand,
    private readonly legacyFail: boolean,
  ) {}

  /** Reads one line; 'end' when the line closes the block (the rest is read as commands). */
  read(line: ScriptLine, index: number): 'more' | 'end' {
    const { text } = line;
    const error = (message: string, column = line.indent + 1) =>
      this.command.errors.push({ line: index + 1, column, message });

    for (const keyword of ['expected_fail_message', 'expected_fail_regexp'] as const) {
      if (this.legacyFail && text.startsWith(keyword)) {
        const argument = text.slice(keyword.length).trim();
        if (keyword === 'expected_fail_message') this.command.fail!.push({ kind: 'exact', text: argument });
        else this.pushRegex(this.command.fail!, argument, keyword, error);
        return 'end';
      }
    }
    if (text.startsWith('expect range vector')) {
      this.readRangeVector(text, error);
      return 'more';
    }
    if (text.startsWith('expect string')) {
      this.readString(text, error);
      return 'more';
    }
    if (text.split(' ', 1)[0] === 'expect') {
      this.readExpect(text, error);
      return 'more';
    }
    const scalar = parseSignedNumber(text);
    if (scalar !== undefined) {
      this.command.expectedScalar = scalar;
      return 'end';
    }
    this.readExpectedSeries(line, index, error);
    return 'more';
  }

  private readExpect(text: string, error: (message: string) => void): void {
    const match = EXPECT.exec(text);
    if (!match) {
      error('invalid expect line, expected "expect <fail|warn|info|no_warn|no_info|ordered> [msg|regex: <text>]"');
      return;
    }
    const [, type, matchKind, argument] = match;
    const command = this.command;
    const matcher = (list: MessageMatcher[]) => {
      if (matchKind === 'msg') list.push({ kind: 'exact', text: argument!.trim() });
      else if (matchKind === 'regex') this.pushRegex(list, argument!.trim(), `expect ${type}`, error);
      else list.push({ kind: 'any' });
    };
    switch (type) {
      case 'ordered':
        command.ordered = true;
        break;
      case 'fail':
        if (++this.expectFailLines > 1) error('only one "expect fail" line is allowed');
        else matcher((command.fail ??= []));
        break;
      case 'warn':
        matcher(command.warnings);
        break;
      case 'info':
        matcher(command.infos);
        break;
      case 'no_warn':
        command.noWarnings = true;
        break;
      case 'no_info':
        command.noInfos = true;
        break;
    }
    if (command.warnings.length > 0 && command.noWarnings) error('"expect warn" and "expect no_warn" cannot be used together');
    if (command.infos.length > 0 && command.noInfos) error('"expect info" and "expect no_info" cannot be used together');
  }

  private pushRegex(list: MessageMatcher[], pattern: string, what: string, error: (message: string) => void): void {
    try {
      list.push({ kind: 'regex', pattern, regex: RE2JS.compile(pattern) });
    } catch (e) {
      error(`invalid regular expression ${JSON.stringify(pattern)} for ${what}: ${(e as Error).message}`);
    }
  }

  private readRangeVector(text: string, error: (message: string) => void): void {
    const match = EXPECT_RANGE_VECTOR.exec(text);
    if (!match) {
      error('invalid range vector expectation, expected "expect range vector from <start> to <end> step <step>"');
      return;
    }
    const errors: string[] = [];
    const grid = rangeGrid(match[1]!, match[2]!, match[3]!, errors);
    errors.forEach((message) => error(message));
    if (errors.length > 0) return;
    // In a range eval, Prometheus lets the line replace the query's own range.
    if (this.command.query.type === 'range') this.command.query = { type: 'range', ...grid };
    else this.command.rangeVector = grid;
  }

  private readString(text: string, error: (message: string) => void): void {
    const quoted = text.slice('expect string'.length).replace(/^ /, '');
    if (quoted === '') {
      error('expect string needs a quoted string');
      return;
    }
    const { value, error: problem } = unquoteString(quoted);
    if (problem || !`"'\``.includes(quoted[0]!)) {
      error(`invalid string in expect string: ${problem?.message ?? 'expected a quoted string'}`);
      return;
    }
    this.command.expectedString = value;
  }

  private readExpectedSeries(line: ScriptLine, index: number, error: (message: string, column?: number) => void): void {
    const command = this.command;
    let series: { labels: Labels; values: SeriesValue[] };
    try {
      series = parseSeriesLine(line.text);
    } catch (e) {
      if (e instanceof NativeHistogramNotationError) {
        command.expectsNativeHistograms = true;
        return;
      }
      const positioned = errorAt(e, line, index);
      error(positioned.message, positioned.column);
      return;
    }
    if (series.values.length > 1 && command.query.type === 'instant' && !command.rangeVector) {
      error('an instant query expects one value per series; use "expect range vector from <start> to <end> step <step>" for a range vector result');
      return;
    }
    this.seriesCount++;
    const existing = command.expectedSeries.findIndex((s) => s.labels.equals(series.labels));
    if (existing >= 0) command.expectedSeries.splice(existing, 1);
    command.expectedSeries.push({ line: index + 1, position: this.seriesCount, ...series });
  }
}

/** A line that is a whole number, as Go's ParseInt/ParseFloat would read it: an expected scalar. */
function parseSignedNumber(text: string): number | undefined {
  const sign = text[0] === '-' || text[0] === '+' ? text[0] : '';
  const { value } = parseNumberLiteral(text.slice(sign.length));
  if (value === undefined) return undefined;
  return sign === '-' ? -value : value;
}
