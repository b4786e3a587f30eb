import { describe, expect, it } from 'vitest';
import { goPow } from '../../src/promql/eval/operators.js';
import { evalError, instant, load, MINUTE, range, showRange, vectorAt } from './eval-helpers.js';

const scalar = (text: string) => {
  const { value } = instant(load(MINUTE, ''), text, 0);
  if (value.type !== 'scalar') throw new Error(`not a scalar: ${text}`);
  return value.v;
};

describe('scalar arithmetic', () => {
  it('follows Go float64 semantics', () => {
    expect(scalar('7 % 3')).toBe(1);
    expect(scalar('-7 % 3')).toBe(-1);
    expect(scalar('7 % -3')).toBe(1);
    expect(scalar('1 % 0')).toBeNaN();
    expect(scalar('5 % Inf')).toBe(5);
    expect(scalar('2 ^ 10')).toBe(1024);
    expect(scalar('(-2) ^ 0.5')).toBeNaN();
    expect(scalar('-2 ^ 2')).toBe(-4);
    expect(scalar('1 / 0')).toBe(Infinity);
    expect(scalar('0 / 0')).toBeNaN();
    expect(scalar('10 atan2 20')).toBeCloseTo(0.4636476090008061, 15);
  });

  it("uses Go's math.Pow special cases", () => {
    expect(goPow(1, NaN)).toBe(1);
    expect(goPow(-1, Infinity)).toBe(1);
    expect(goPow(NaN, 0)).toBe(1);
    expect(goPow(2, NaN)).toBeNaN();
  });

  it('compares scalars only with bool, yielding 0 or 1', () => {
    expect(scalar('1 < bool 2')).toBe(1);
    expect(scalar('NaN == bool NaN')).toBe(0);
  });
});

describe('vector and scalar', () => {
  const store = load(MINUTE, `
    a{x="1"} 1
    a{x="2"} 5
  `);

  it('drops the metric name for arithmetic and bool comparisons, keeps it for filters', () => {
    expect(vectorAt(store, 'a * 2', 0)).toEqual(['{x="1"} 2', '{x="2"} 10']);
    expect(vectorAt(store, 'a > 2', 0)).toEqual(['{__name__="a", x="2"} 5']);
    expect(vectorAt(store, 'a > bool 2', 0)).toEqual(['{x="1"} 0', '{x="2"} 1']);
  });

  it('keeps the value of the vector when the scalar is on the left of a comparison', () => {
    expect(vectorAt(store, '2 < a', 0)).toEqual(['{__name__="a", x="2"} 5']);
    expect(vectorAt(store, '2 - a', 0)).toEqual(['{x="1"} 1', '{x="2"} -3']);
  });
});

describe('vector matching', () => {
  const store = load(MINUTE, `
    node_cpu{instance="a", mode="idle"} 3
    node_cpu{instance="a", mode="user"} 1
    node_cpu{instance="b", mode="idle"} 8
    node_role{instance="a", role="db"} 1
    node_role{instance="b", role="web"} 1
    threshold{instance="a"} 2
    other_cpu{instance="a", mode="idle"} 5
    left{k="1", x="a"} 10
    right{k="1", y="b"} 3
  `);

  it('matches one-to-one on all labels but the name, or on/ignoring the listed ones', () => {
    expect(vectorAt(store, 'left / on(k) right', 0)).toEqual(['{k="1"} 3.3333333333333335']);
    expect(vectorAt(store, 'left - ignoring(x, y) right', 0)).toEqual(['{k="1"} 7']);
    expect(vectorAt(store, 'left - right', 0)).toEqual([]);
  });

  it('copies labels from the one side with group_left(...) and group_right(...)', () => {
    expect(vectorAt(store, 'node_cpu * on(instance) group_left(role) node_role', 0)).toEqual([
      '{instance="a", mode="idle", role="db"} 3',
      '{instance="a", mode="user", role="db"} 1',
      '{instance="b", mode="idle", role="web"} 8',
    ]);
    expect(vectorAt(store, 'node_role * on(instance) group_right(role) node_cpu', 0)).toEqual([
      '{instance="a", mode="idle", role="db"} 3',
      '{instance="a", mode="user", role="db"} 1',
      '{instance="b", mode="idle", role="web"} 8',
    ]);
  });

  it('filters on comparisons, keeping the left name and value', () => {
    expect(vectorAt(store, 'node_cpu > on(instance) group_left threshold', 0)).toEqual([
      '{__name__="node_cpu", instance="a", mode="idle"} 3',
    ]);
    expect(vectorAt(store, 'node_cpu > bool on(instance) group_left threshold', 0)).toEqual([
      '{instance="a", mode="idle"} 1',
      '{instance="a", mode="user"} 0',
    ]);
  });

  it('reports duplicate series on the one side', () => {
    const e = evalError(() => instant(store, 'node_role * on(instance) node_cpu', 0));
    expect(e.message).toBe(
      'found duplicate series for the match group {instance="a"} on the right hand-side of the operation: ' +
        '[{__name__="node_cpu", instance="a", mode="user"}, {__name__="node_cpu", instance="a", mode="idle"}]' +
        ';many-to-many matching not allowed: matching labels must be unique on one side',
    );
    const left = evalError(() => instant(store, 'node_cpu * on(instance) group_right node_role', 0));
    expect(left.message).toContain('on the left hand-side of the operation');
  });

  it('reports ambiguous one-to-one and many-to-one matches', () => {
    expect(evalError(() => instant(store, 'node_cpu + on(instance) threshold', 0)).message).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    const sameResult = '{__name__=~"node_cpu|other_cpu", mode="idle"} + on(instance) group_left node_role';
    expect(evalError(() => instant(store, sameResult, 0)).message).toBe(
      'multiple matches for labels: grouping labels must ensure unique matches',
    );
  });

  it('does not count filtered samples towards ambiguous matches', () => {
    expect(vectorAt(store, 'node_cpu{instance="a"} > on(instance) threshold', 0)).toEqual([
      '{instance="a"} 3',
    ]);
  });

  it('gives the error the range of the binary expression', () => {
    const text = 'node_role * on(instance) node_cpu';
    const e = evalError(() => instant(store, `sum(${text})`, 0));
    expect(e.range).toEqual({ start: 4, end: 4 + text.length });
  });
});

describe('set operators', () => {
  const store = load(MINUTE, `
    a{x="1"} 1
    a{x="2"} 2
    b{x="2"} 20
    b{x="3"} 30
  `);

  it('and keeps left samples with a match, unless those without', () => {
    expect(vectorAt(store, 'a and b', 0)).toEqual(['{__name__="a", x="2"} 2']);
    expect(vectorAt(store, 'a unless b', 0)).toEqual(['{__name__="a", x="1"} 1']);
    expect(vectorAt(store, 'a and on() b', 0)).toHaveLength(2);
  });

  it('or adds right samples whose signature is not on the left', () => {
    expect(vectorAt(store, 'a or b', 0)).toEqual(['{__name__="a", x="1"} 1', '{__name__="a", x="2"} 2', '{__name__="b", x="3"} 30']);
    expect(vectorAt(store, '(a * 10) or b', 0)).toEqual(['{__name__="b", x="3"} 30', '{x="1"} 10', '{x="2"} 20']);
  });

  it('works across the steps of a range query', () => {
    const s = load(MINUTE, `
      foo{job="1"} 1+1x4
      bar{job="2"} 1+1x4
    `);
    expect(showRange(range(s, 'foo > 2 or bar', 0, 2 * MINUTE, MINUTE))).toEqual([
      '{__name__="bar", job="2"} 1@0 2@60 3@120',
      '{__name__="foo", job="1"} 3@120',
    ]);
  });
});
