import { describe, expect, it } from 'vitest';
import type { ValueType } from '../../src/promql/ast.js';
import {
  AGGREGATIONS,
  FUNCTIONS,
  argumentType,
  functionArity,
  lookupAggregation,
  lookupFunction,
} from '../../src/promql/functions.js';

/**
 * Every function of Prometheus v3.5.0 (promql/parser/functions.go), one per line:
 * `name(arg types) return [flags]` with types s, v, m, str; `?` marks the optional last argument
 * (variadic 1), `...` a repeating last argument (variadic -1), `exp` an experimental function.
 */
const UPSTREAM = `
abs(v) v
absent(v) v
absent_over_time(m) v
acos(v) v
acosh(v) v
asin(v) v
asinh(v) v
atan(v) v
atanh(v) v
avg_over_time(m) v
ceil(v) v
changes(m) v
clamp(v s s) v
clamp_max(v s) v
clamp_min(v s) v
cos(v) v
cosh(v) v
count_over_time(m) v
days_in_month(v?) v
day_of_month(v?) v
day_of_week(v?) v
day_of_year(v?) v
deg(v) v
delta(m) v
deriv(m) v
exp(v) v
floor(v) v
histogram_avg(v) v
histogram_count(v) v
histogram_sum(v) v
histogram_stddev(v) v
histogram_stdvar(v) v
histogram_fraction(s s v) v
histogram_quantile(s v) v
double_exponential_smoothing(m s s) v exp
hour(v?) v
idelta(m) v
increase(m) v
info(v v?) v exp
irate(m) v
label_replace(v str str str str) v
label_join(v str str str...) v
last_over_time(m) v
ln(v) v
log10(v) v
log2(v) v
mad_over_time(m) v exp
max_over_time(m) v
min_over_time(m) v
ts_of_max_over_time(m) v exp
ts_of_min_over_time(m) v exp
ts_of_last_over_time(m) v exp
minute(v?) v
month(v?) v
pi() s
predict_linear(m s) v
present_over_time(m) v
quantile_over_time(s m) v
rad(v) v
rate(m) v
resets(m) v
round(v s?) v
scalar(v) s
sgn(v) v
sin(v) v
sinh(v) v
sort(v) v
sort_desc(v) v
sort_by_label(v str...) v exp
sort_by_label_desc(v str...) v exp
sqrt(v) v
stddev_over_time(m) v
stdvar_over_time(m) v
sum_over_time(m) v
tan(v) v
tanh(v) v
time() s
timestamp(v) v
vector(s) v
year(v?) v
`;

const TYPES: Record<string, ValueType> = { s: 'scalar', v: 'vector', m: 'matrix', str: 'string' };

interface Expected {
  name: string;
  argTypes: ValueType[];
  variadic: number;
  returnType: ValueType;
  experimental: boolean;
}

function parseLine(line: string): Expected {
  const match = /^(\w+)\(([^)]*)\) (\w+)( exp)?$/.exec(line);
  if (!match) throw new Error(`bad line: ${line}`);
  const [, name, args, ret, exp] = match;
  let variadic = 0;
  const argTypes = args!
    .split(' ')
    .filter((a) => a !== '')
    .map((a) => {
      if (a.endsWith('?')) variadic = 1;
      if (a.endsWith('...')) variadic = -1;
      return TYPES[a.replace(/\?|\.\.\./, '')]!;
    });
  return { name: name!, argTypes, variadic, returnType: TYPES[ret!]!, experimental: exp !== undefined };
}

const expected = UPSTREAM.trim().split('\n').map(parseLine);

describe('FUNCTIONS', () => {
  it('has exactly the functions of Prometheus v3.5.0', () => {
    expect([...FUNCTIONS.keys()].sort()).toEqual(expected.map((e) => e.name).sort());
  });

  it.each(expected)('$name has the upstream signature', (want) => {
    const got = lookupFunction(want.name)!;
    expect({
      name: got.name,
      argTypes: got.argTypes,
      variadic: got.variadic,
      returnType: got.returnType,
      experimental: got.experimental,
    }).toEqual(want);
  });

  it('documents every function in one or two short sentences', () => {
    for (const f of FUNCTIONS.values()) {
      expect(f.doc, f.name).toMatch(/^\S.*\.$/);
      expect(f.doc.length, f.name).toBeLessThan(220);
    }
  });

  it('returns undefined for unknown names', () => {
    expect(lookupFunction('nope')).toBeUndefined();
    expect(lookupFunction('sum')).toBeUndefined();
  });
});

describe('functionArity and argumentType', () => {
  it('fixed arity', () => {
    expect(functionArity(lookupFunction('clamp')!)).toEqual({ min: 3, max: 3 });
    expect(functionArity(lookupFunction('time')!)).toEqual({ min: 0, max: 0 });
    expect(argumentType(lookupFunction('clamp')!, 3)).toBeUndefined();
  });

  it('optional last argument', () => {
    expect(functionArity(lookupFunction('round')!)).toEqual({ min: 1, max: 2 });
    expect(functionArity(lookupFunction('hour')!)).toEqual({ min: 0, max: 1 });
    expect(argumentType(lookupFunction('round')!, 1)).toBe('scalar');
  });

  it('repeating last argument', () => {
    const labelJoin = lookupFunction('label_join')!;
    expect(functionArity(labelJoin)).toEqual({ min: 3, max: Infinity });
    expect(argumentType(labelJoin, 7)).toBe('string');
    expect(argumentType(labelJoin, 0)).toBe('vector');
  });
});

describe('AGGREGATIONS', () => {
  it('lists every aggregation operator with its parameter type', () => {
    const table = Object.fromEntries(
      [...AGGREGATIONS.values()].map((a) => [a.name, `${a.paramType ?? '-'}${a.experimental ? ' exp' : ''}`]),
    );
    expect(table).toEqual({
      sum: '-',
      avg: '-',
      count: '-',
      min: '-',
      max: '-',
      group: '-',
      stddev: '-',
      stdvar: '-',
      topk: 'scalar',
      bottomk: 'scalar',
      quantile: 'scalar',
      count_values: 'string',
      limitk: 'scalar exp',
      limit_ratio: 'scalar exp',
    });
  });

  it('documents every operator and looks names up', () => {
    for (const a of AGGREGATIONS.values()) expect(a.doc, a.name).toMatch(/^\S.*\.$/);
    expect(lookupAggregation('topk')?.paramType).toBe('scalar');
    expect(lookupAggregation('rate')).toBeUndefined();
  });
});
