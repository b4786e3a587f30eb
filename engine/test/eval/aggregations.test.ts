import { describe, expect, it } from 'vitest';
import { evalError, instant, load, MINUTE, range, SECOND, show, showRange, vectorAt } from './eval-helpers.js';

const requests = load(5 * MINUTE, `
  http_requests{job="api", instance="0", group="production"} 0+10x10
  http_requests{job="api", instance="1", group="production"} 0+20x10
  http_requests{job="api", instance="0", group="canary"} 0+30x10
  http_requests{job="api", instance="1", group="canary"} 0+40x10
  http_requests{job="app", instance="0", group="production"} 0+50x10
  http_requests{job="app", instance="1", group="production"} 0+60x10
`);
const T = 50 * MINUTE;

describe('grouping', () => {
  it('groups by the listed labels, ignoring ones that are absent', () => {
    expect(vectorAt(requests, 'sum by (group, nonexistent) (http_requests)', T)).toEqual([
      '{group="canary"} 700',
      '{group="production"} 1400',
    ]);
  });

  it('groups without the listed labels and the metric name', () => {
    expect(vectorAt(requests, 'sum without (instance) (http_requests)', T)).toEqual([
      '{group="canary", job="api"} 700',
      '{group="production", job="api"} 300',
      '{group="production", job="app"} 1100',
    ]);
  });

  it('keeps the metric name when grouping by it', () => {
    expect(vectorAt(requests, 'max by (__name__) (http_requests)', T)).toEqual(['{__name__="http_requests"} 600']);
  });

  it('outputs groups in order of first appearance', () => {
    expect(show(instant(requests, 'count by (job) (http_requests)', T).value)).toEqual(['{job="api"} 4', '{job="app"} 2']);
  });
});

describe('value aggregations', () => {
  it('computes sum, avg, count, min, max and group', () => {
    expect(vectorAt(requests, 'sum(http_requests)', T)).toEqual(['{} 2100']);
    expect(vectorAt(requests, 'avg(http_requests)', T)).toEqual(['{} 350']);
    expect(vectorAt(requests, 'count(http_requests)', T)).toEqual(['{} 6']);
    expect(vectorAt(requests, 'min(http_requests)', T)).toEqual(['{} 100']);
    expect(vectorAt(requests, 'max(http_requests)', T)).toEqual(['{} 600']);
    expect(vectorAt(requests, 'group(http_requests)', T)).toEqual(['{} 1']);
  });

  it('compensates sums (1e100 + 2 + 8 - 1e100 is 10)', () => {
    const store = load(MINUTE, `
      data{p="a"} 2
      data{p="b"} 1e100
      data{p="c"} 8
      data{p="d"} -1e100
    `);
    expect(vectorAt(store, 'sum(data)', 0)).toEqual(['{} 10']);
    expect(vectorAt(store, 'avg(data)', 0)).toEqual(['{} 2.5']);
  });

  it('averages huge values without overflowing, and infinities as Prometheus does', () => {
    const store = load(MINUTE, `
      big{p="a"} 9.988465674311579e+307
      big{p="b"} 9.988465674311579e+307
      big{p="c"} 9.988465674311579e+307
      mixed{p="a"} Inf
      mixed{p="b"} -Inf
      infs{p="a"} Inf
      infs{p="b"} 0
    `);
    const { value } = instant(store, 'avg(big)', 0);
    expect(value.type === 'vector' && value.samples[0]!.v / 9.988465674311579e307).toBeCloseTo(1, 12);
    expect(vectorAt(store, 'avg(mixed)', 0)).toEqual(['{} NaN']);
    expect(vectorAt(store, 'avg(infs)', 0)).toEqual(['{} Infinity']);
  });

  it('treats NaN in min and max as Prometheus does', () => {
    const store = load(MINUTE, `
      m{p="a"} NaN
      m{p="b"} 3
      m{p="c"} 1
    `);
    expect(vectorAt(store, 'max(m)', 0)).toEqual(['{} 3']);
    expect(vectorAt(store, 'min(m)', 0)).toEqual(['{} 1']);
  });

  it('computes stddev and stdvar; an infinity or NaN poisons its group', () => {
    expect(vectorAt(requests, 'stdvar(http_requests{job="api"})', T)).toEqual(['{} 12500']);
    expect(vectorAt(requests, 'stddev by (job) (http_requests)', T)).toEqual(['{job="api"} 111.80339887498948', '{job="app"} 50']);
    const store = load(MINUTE, `
      s{l="a"} Inf
      s{l="b"} 1
    `);
    expect(vectorAt(store, 'stddev(s)', 0)).toEqual(['{} NaN']);
  });

  it('interpolates quantiles and warns about parameters outside [0, 1]', () => {
    expect(vectorAt(requests, 'quantile(0.5, http_requests)', T)).toEqual(['{} 350']);
    const result = instant(requests, 'quantile(1.5, http_requests)', T);
    expect(show(result.value)).toEqual(['{} Infinity']);
    expect(result.annotations.map((a) => a.message)).toEqual([
      'PromQL warning: quantile value should be between 0 and 1, got 1.5',
    ]);
  });

  it('evaluates the parameter at every step', () => {
    const store = load(10 * SECOND, `
      data{point="a"} 0
      data{point="b"} 1
      data{point="c"} 4
      q 0 1 0.5
    `);
    expect(showRange(range(store, 'quantile(scalar(q), data)', 0, 20 * SECOND, 10 * SECOND))).toEqual(['{} 0@0 4@10 1@20']);
  });
});

describe('topk, bottomk', () => {
  const store = load(MINUTE, `
    m{i="a"} 1
    m{i="b"} 3
    m{i="c"} NaN
    m{i="d"} 3
    m{i="e"} 2
  `);

  it('returns the k largest or smallest samples, best first, NaN last', () => {
    expect(show(instant(store, 'topk(3, m)', 0).value)).toEqual(['{__name__="m", i="b"} 3', '{__name__="m", i="d"} 3', '{__name__="m", i="e"} 2']);
    expect(show(instant(store, 'bottomk(2, m)', 0).value)).toEqual(['{__name__="m", i="a"} 1', '{__name__="m", i="e"} 2']);
    expect(show(instant(store, 'topk(5, m)', 0).value).at(-1)).toBe('{__name__="m", i="c"} NaN');
    expect(show(instant(store, 'bottomk(5, m)', 0).value).at(-1)).toBe('{__name__="m", i="c"} NaN');
  });

  it('truncates k and returns nothing for k < 1', () => {
    expect(vectorAt(store, 'count(topk(2.9, m))', 0)).toEqual(['{} 2']);
    expect(vectorAt(store, 'topk(0, m)', 0)).toEqual([]);
    expect(vectorAt(store, 'topk(-1, m)', 0)).toEqual([]);
  });

  it('rejects k that does not fit an int64', () => {
    expect(evalError(() => instant(store, 'topk(NaN, m)', 0)).message).toBe('Scalar value NaN overflows int64');
    expect(evalError(() => instant(store, 'topk(1e19, m)', 0)).message).toBe('Scalar value 1e+19 overflows int64');
  });

  it('keeps k per group', () => {
    const s = load(MINUTE, `
      m{g="x", i="1"} 1
      m{g="x", i="2"} 2
      m{g="y", i="3"} 3
    `);
    expect(vectorAt(s, 'topk by (g) (1, m)', 0)).toEqual(['{__name__="m", g="x", i="2"} 2', '{__name__="m", g="y", i="3"} 3']);
  });
});

describe('count_values', () => {
  const store = load(MINUTE, `
    version{job="a", i="0"} 6
    version{job="a", i="1"} 6
    version{job="b", i="0"} 7
    version{job="b", i="1"} 1e21
  `);

  it('counts samples per value, the value formatted as Go does', () => {
    expect(vectorAt(store, 'count_values("v", version)', 0)).toEqual([
      '{v="1000000000000000000000"} 1',
      '{v="6"} 2',
      '{v="7"} 1',
    ]);
  });

  it('groups by the value label too, and may overwrite a label', () => {
    expect(vectorAt(store, 'count_values by (job) ("v", version)', 0)).toEqual([
      '{job="a", v="6"} 2',
      '{job="b", v="1000000000000000000000"} 1',
      '{job="b", v="7"} 1',
    ]);
    expect(vectorAt(store, 'count_values without (i) ("job", version)', 0)).toEqual([
      '{job="1000000000000000000000"} 1',
      '{job="6"} 2',
      '{job="7"} 1',
    ]);
  });
});

describe('limitk and limit_ratio', () => {
  const store = load(MINUTE, Array.from({ length: 40 }, (_, i) => `m{i="${i}"} ${i}`).join('\n'));

  it('limitk returns k samples of the input', () => {
    expect(vectorAt(store, 'count(limitk(7, m) and m)', 0)).toEqual(['{} 7']);
  });

  it('limit_ratio(r) and limit_ratio(-(1 - r)) are complements', () => {
    for (const r of ['0.3', '0.5', '0.8']) {
      expect(vectorAt(store, `count(limit_ratio(${r}, m) or limit_ratio(-(1 - ${r}), m))`, 0)).toEqual(['{} 40']);
      expect(vectorAt(store, `limit_ratio(${r}, m) and limit_ratio(-(1 - ${r}), m)`, 0)).toEqual([]);
    }
  });

  it('caps ratios beyond ±1 with a warning', () => {
    const result = instant(store, 'count(limit_ratio(1.5, m))', 0);
    expect(show(result.value)).toEqual(['{} 40']);
    expect(result.annotations.map((a) => a.message)).toEqual([
      'PromQL warning: ratio value should be between -1 and 1, got 1.5, capping to 1',
    ]);
  });
});
