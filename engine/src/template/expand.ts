/**
 * The template engine's public API: parse and execute Go text/template templates, and expand
 * alert labels and annotations exactly as Prometheus's rule evaluation does.
 */
import type { Problem } from '../errors.js';
import { problem } from '../errors.js';
import type { ParsedTemplate } from './ast.js';
import { BUILTINS, type FunctionMap } from './builtins.js';
import { executeParsed, type ExecuteOptions } from './execute.js';
import { GoStruct, stringMap } from './go-values.js';
import { parseTemplateText, TemplateParseFailure } from './parser.js';
import { prometheusFunctions, PROMETHEUS_FUNCTION_NAMES, type QueryFn } from './prometheus-functions.js';
import { TemplateExecError, type TemplateError } from './template-error.js';

export type { ParsedTemplate } from './ast.js';
export type { FunctionMap } from './builtins.js';
export type { ExecuteOptions, MissingKey } from './execute.js';
export type { QueryFn, TemplateQuerySample } from './prometheus-functions.js';
export { TemplateExecError, type TemplateError } from './template-error.js';
export { prometheusFunctions } from './prometheus-functions.js';
export {
  ANY, BOOL, FLOAT64, GoFunc, GoMap, GoSlice, GoStruct, INT, STRING, stringMap, type GoType, type GoValue,
} from './go-values.js';
export { GoDuration, GoTime } from './go-time.js';

export interface ParseTemplateOptions {
  /** Functions the template may call besides Go's builtins; Go rejects calls to others while parsing. */
  functions?: FunctionMap | Iterable<string>;
  /** Deepest nesting of control structures and parentheses accepted. */
  maxDepth?: number;
}

function functionNames(functions: ParseTemplateOptions['functions']): Set<string> {
  const names = new Set(Object.keys(BUILTINS));
  if (functions === undefined) return names;
  const extra = Symbol.iterator in Object(functions) ? (functions as Iterable<string>) : Object.keys(functions);
  for (const name of extra) names.add(name);
  return names;
}

/** Parses a template; never throws. At most one problem: Go stops at the first error. */
export function parseTemplate(
  text: string,
  name = '',
  options: ParseTemplateOptions = {},
): { template?: ParsedTemplate; problems: Problem[] } {
  try {
    const template = parseTemplateText(text, { name, functions: functionNames(options.functions), maxDepth: options.maxDepth });
    return { template, problems: [] };
  } catch (e) {
    if (e instanceof TemplateParseFailure) return { problems: [problem(e.message, e.range, 'template')] };
    const reason = e instanceof RangeError ? 'template nested too deeply' : `internal error: ${(e as Error)?.message ?? String(e)}`;
    return { problems: [problem(`template: ${name}: ${reason}`, { start: 0, end: text.length }, 'template')] };
  }
}

export interface ExecuteTemplateOptions extends ExecuteOptions {
  /** Which template of the parsed text to run (Go's ExecuteTemplate); default the top-level one. */
  name?: string;
}

/** Executes a parsed template on plain JavaScript data; throws only TemplateExecError. */
export function executeTemplate(
  template: ParsedTemplate,
  data: unknown,
  funcs: FunctionMap = {},
  options: ExecuteTemplateOptions = {},
): string {
  return executeParsed(template, data, funcs, options, options.name ?? template.name);
}

// --- Prometheus alert labels and annotations ------------------------------------------------

/** What Prometheus prepends to every alert label and annotation template. */
export const ALERT_TEMPLATE_HEADER =
  '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

export interface AlertTemplateData {
  labels: Readonly<Record<string, string>>;
  value: number;
  externalLabels: Readonly<Record<string, string>>;
  externalURL: string;
}

export interface AlertTemplateOptions {
  query?: QueryFn;
  /** The evaluation time, for `query` and `now`. */
  timeMs?: number;
  /** The alerting rule's name; Prometheus names the template `__alert_<name>`. */
  alertName?: string;
  limits?: Pick<ExecuteOptions, 'maxSteps' | 'maxTemplateDepth' | 'maxOutputLength'>;
}

const ALERT_DATA_TYPE = 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value interface {} }';
const PARSE_CACHE_LIMIT = 1000;
const parseCache = new Map<string, ParsedTemplate | TemplateParseFailure>();
const alertFunctionNames = functionNames(PROMETHEUS_FUNCTION_NAMES);

/** Parses header + text once per distinct template; the result depends on nothing else. */
function parseAlert(name: string, text: string): ParsedTemplate | TemplateParseFailure {
  const key = `${name}\u0000${text}`;
  let parsed = parseCache.get(key);
  if (parsed) return parsed;
  try {
    parsed = parseTemplateText(ALERT_TEMPLATE_HEADER + text, { name, functions: alertFunctionNames });
  } catch (e) {
    if (!(e instanceof TemplateParseFailure)) throw e;
    parsed = e;
  }
  if (parseCache.size >= PARSE_CACHE_LIMIT) parseCache.clear();
  parseCache.set(key, parsed);
  return parsed;
}

/** A range in header + text, moved back into the user's text. */
function userRange(range: { start: number; end: number }): { start: number; end: number } {
  const shift = ALERT_TEMPLATE_HEADER.length;
  return { start: Math.max(0, range.start - shift), end: Math.max(0, range.end - shift) };
}

/** Checks an alert label or annotation template as Prometheus does when it loads rules. */
export function parseAlertTemplate(text: string, alertName = ''): Problem[] {
  const parsed = parseAlert(`__alert_${alertName}`, text);
  if (parsed instanceof TemplateParseFailure) return [problem(parsed.message, userRange(parsed.range), 'template')];
  return [];
}

/**
 * Expands an alert label or annotation template; on failure the output is Prometheus's
 * `<error expanding template: ...>` text and `error` says what went wrong where, in `text`.
 */
export function expandAlertTemplateDetailed(
  text: string,
  data: AlertTemplateData,
  options: AlertTemplateOptions = {},
): { output: string; error?: TemplateError } {
  const name = `__alert_${options.alertName ?? ''}`;
  const parsed = parseAlert(name, text);
  if (parsed instanceof TemplateParseFailure) {
    const message = `error parsing template ${name}: ${parsed.message}`;
    return { output: `<error expanding template: ${message}>`, error: { message, range: userRange(parsed.range) } };
  }
  const funcs = prometheusFunctions({ timeMs: options.timeMs ?? 0, query: options.query, externalURL: data.externalURL });
  const templateData = new GoStruct(ALERT_DATA_TYPE, new Map<string, unknown>([
    ['Labels', stringMap(data.labels)],
    ['ExternalLabels', stringMap(data.externalLabels)],
    ['ExternalURL', data.externalURL],
    ['Value', data.value],
  ]));
  try {
    return { output: executeParsed(parsed, templateData, funcs, { ...options.limits, missingKey: 'zero' }) };
  } catch (e) {
    if (!(e instanceof TemplateExecError)) throw e;
    const message = `error executing template ${name}: ${e.message}`;
    return { output: `<error expanding template: ${message}>`, error: { message, range: userRange(e.range) } };
  }
}

/** Prometheus's expansion of an alert label or annotation; errors become the expanded text. */
export function expandAlertTemplate(text: string, data: AlertTemplateData, options: AlertTemplateOptions = {}): string {
  return expandAlertTemplateDetailed(text, data, options).output;
}
