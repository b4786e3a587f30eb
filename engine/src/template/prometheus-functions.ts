/**
 * The function map Prometheus gives alert and console templates (template/template.go), with
 * the same signatures, so that argument checks and messages match, plus `toDuration`, `now` and
 * `urlQueryEscape` from later Prometheus releases.
 */
import { Labels } from '../labels/labels.js';
import { tryParseDuration } from '../promql/duration.js';
import type { FunctionMap } from './builtins.js';
import { urlQueryEscape } from './escape.js';
import {
  ANY, GoFunc, GoMap, GoSlice, GoStruct, INTERFACE_MAP, sliceType, STRING, stringMap, structType,
  type GoValue,
} from './go-values.js';
import { isIP, joinHostPort, splitHostPort } from './host-port.js';
import {
  humanize, humanize1024, humanizeDuration, humanizePercentage, humanizeTimestamp, toDuration, toTime,
} from './humanize.js';
import { regexpMatch, regexpReplaceAll } from './regexp-functions.js';
import { goTitle, goToLower, goToUpper } from './text-case.js';
import { compareGoStrings } from '../text/utf8.js';

/** One sample of a query result as templates see it. */
export interface TemplateQuerySample {
  labels: Labels | Readonly<Record<string, string>>;
  value: number;
}

/** Runs an instant query at `timeMs`; throws an Error whose message becomes the template error. */
export type QueryFn = (query: string, timeMs: number) => readonly TemplateQuerySample[];

export interface PrometheusFunctionContext {
  /** The evaluation time: the time of `query` and of `now`. */
  timeMs: number;
  query?: QueryFn;
  /** Prometheus's external URL (`--web.external-url`). */
  externalURL: string;
}

const QUERY_RESULT = sliceType('template.queryResult');
const SAMPLE = structType('*template.sample');

function labelRecord(labels: TemplateQuerySample['labels']): Record<string, string> {
  if (!(labels instanceof Labels)) return { ...labels };
  const out: Record<string, string> = {};
  labels.names.forEach((name, i) => {
    out[name] = labels.values[i]!;
  });
  return out;
}

/** A query result sample as Prometheus's `*template.sample`. */
function sampleStruct(s: TemplateQuerySample): GoStruct {
  return new GoStruct('template.sample', new Map<string, unknown>([
    ['Labels', stringMap(labelRecord(s.labels))],
    ['Value', s.value],
  ]), { pointer: true });
}

/** The field of a *sample; Go dereferences the pointer, so a nil one fails as Go's runtime does. */
function sampleField(s: GoValue, field: 'Labels' | 'Value'): GoValue {
  if (!(s instanceof GoStruct)) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  return s.fields.get(field) as GoValue;
}

function sampleLabel(s: GoValue, name: string): string {
  const labels = sampleField(s, 'Labels') as GoMap;
  return (labels.get(name) as string | undefined) ?? '';
}

function stripDomain(hostPort: string): string {
  const split = splitHostPort(hostPort);
  const host = split ? split.host : hostPort;
  if (isIP(host)) return hostPort;
  const short = host.split('.')[0]!;
  return split && split.port !== '' ? joinHostPort(short, split.port) : short;
}

/** URL path of the external URL, as url.URL.Path (decoded, empty when there is none). */
function urlPath(url: string): string {
  const afterScheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/.exec(url);
  const rest = afterScheme ? url.slice(afterScheme[0].length) : url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:/, '');
  const path = rest.split(/[?#]/)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

const fn = (params: GoFunc['params'], body: (args: GoValue[]) => GoValue) => new GoFunc(params, body);
const stringFn = (body: (s: string) => GoValue) => fn([STRING], ([s]) => body(s as string));

/** Prometheus's template functions for one evaluation. */
export function prometheusFunctions(context: PrometheusFunctionContext): FunctionMap {
  return {
    query: stringFn((q) => {
      if (!context.query) throw new Error('no query function was given to the template');
      return new GoSlice('template.queryResult', context.query(q, context.timeMs).map(sampleStruct));
    }),
    first: fn([QUERY_RESULT], ([v]) => {
      const items = v instanceof GoSlice ? v.items : [];
      if (items.length === 0) throw new Error('first() called on vector with no elements');
      return items[0] as GoValue;
    }),
    label: fn([STRING, SAMPLE], ([name, s]) => sampleLabel(s, name as string)),
    value: fn([SAMPLE], ([s]) => sampleField(s, 'Value')),
    strvalue: fn([SAMPLE], ([s]) => sampleLabel(s, '__value__')),
    args: new GoFunc([], (values) => new GoMap(INTERFACE_MAP, ANY, Object.fromEntries(values.map((v, i) => [`arg${i}`, v]))), { variadic: ANY }),
    reReplaceAll: fn([STRING, STRING, STRING], ([pattern, repl, text]) => regexpReplaceAll(pattern as string, repl as string, text as string)),
    safeHtml: stringFn((s) => s),
    match: fn([STRING, STRING], ([pattern, text]) => regexpMatch(pattern as string, text as string)),
    title: stringFn(goTitle),
    toUpper: stringFn(goToUpper),
    toLower: stringFn(goToLower),
    graphLink: stringFn((expr) => `/graph?g0.expr=${urlQueryEscape(expr)}&g0.tab=0`),
    tableLink: stringFn((expr) => `/graph?g0.expr=${urlQueryEscape(expr)}&g0.tab=1`),
    sortByLabel: fn([STRING, QUERY_RESULT], ([name, v]) => {
      const items = (v as GoSlice | null)?.items ?? [];
      const sorted = [...items].sort((a, b) => compareGoStrings(sampleLabel(a as GoValue, name as string), sampleLabel(b as GoValue, name as string)));
      return new GoSlice('template.queryResult', sorted);
    }),
    stripPort: stringFn((hostPort) => splitHostPort(hostPort)?.host ?? hostPort),
    stripDomain: stringFn(stripDomain),
    humanize: fn([ANY], ([v]) => humanize(v)),
    humanize1024: fn([ANY], ([v]) => humanize1024(v)),
    humanizeDuration: fn([ANY], ([v]) => humanizeDuration(v)),
    humanizePercentage: fn([ANY], ([v]) => humanizePercentage(v)),
    humanizeTimestamp: fn([ANY], ([v]) => humanizeTimestamp(v)),
    toTime: fn([ANY], ([v]) => toTime(v)),
    toDuration: fn([ANY], ([v]) => toDuration(v)),
    now: fn([], () => context.timeMs / 1000),
    pathPrefix: fn([], () => urlPath(context.externalURL)),
    externalURL: fn([], () => context.externalURL),
    parseDuration: stringFn((d) => {
      const parsed = tryParseDuration(d);
      if (parsed.error !== undefined) throw new Error(parsed.error);
      return Number(BigInt(parsed.ms) * 1_000_000n) / 1e9;
    }),
    urlQueryEscape: stringFn(urlQueryEscape),
  };
}

/** The names Prometheus's templates know, for parsing without an evaluation context. */
export const PROMETHEUS_FUNCTION_NAMES: readonly string[] = Object.keys(prometheusFunctions({ timeMs: 0, externalURL: '' }));
