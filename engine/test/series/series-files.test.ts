import { describe, expect, it } from 'vitest';
import { loadCsvSeriesFile } from '../../src/series/csv-series-file.js';
import { loadJsonSeriesFile } from '../../src/series/json-series-file.js';
import type { LoadedSeries } from '../../src/series/loaded-series.js';
import type { MemoryStore } from '../../src/series/memory-store.js';
import { loadNotationFile } from '../../src/series/notation-file.js';
import { loadSeriesFile, seriesFormatOf } from '../../src/series/series-file.js';
import { parseSampleValue, parseTimestamp } from '../../src/series/sample-text.js';

/** Every series with its samples (`t=v`, `t=stale`), sorted. */
function dump(store: MemoryStore): string[] {
  return store.select([], -Infinity, Infinity).map((s) => {
    const points = [...Array.from(s.ts, (t, i) => [t, String(s.vs[i])] as const), ...Array.from(s.staleTs, (t) => [t, 'stale'] as const)];
    points.sort((a, b) => a[0] - b[0]);
    return `${s.labels} ${points.map(([t, v]) => `${t / 1000}=${v}`).join(' ')}`;
  }).sort();
}

/** `line:col message` of each problem. */
function problemsAt(text: string, loaded: LoadedSeries): string[] {
  return loaded.problems.map((p) => {
    const before = text.slice(0, p.range.start).split('\n');
    return `${before.length}:${before[before.length - 1]!.length + 1} ${p.message}`;
  });
}

describe('series notation files', () => {
  it('loads lines at 1m by default, `load` changes the interval, comments and blank lines are skipped', () => {
    const loaded = loadNotationFile('# a comment\nup{job="a"} 1 _ 0 stale\n\nload 30s\n  rate_total 0+10x2\n', 's.txt');
    expect(loaded.problems).toEqual([]);
    expect(dump(loaded.store)).toEqual(['{__name__="rate_total"} 0=0 30=10 60=20', '{__name__="up", job="a"} 0=1 120=0 180=stale']);
    expect([loaded.firstMs, loaded.lastMs, loaded.times]).toEqual([0, 180_000, 'relative']);
  });

  it('locates errors at their line and column', () => {
    const text = 'up 1 2\n  down{job="a"} 1 oops\nload never\n';
    expect(problemsAt(text, loadNotationFile(text, 's.txt'))).toEqual([
      expect.stringMatching(/^2:19 /),
      expect.stringMatching(/^3:6 invalid interval after "load"/),
    ]);
  });
});

describe('CSV series files', () => {
  it('reads a header, Unix or RFC 3339 times, labels from the other columns, stale markers, quoted fields', () => {
    const text = 'timestamp,__name__,job,instance,value\n' +
      '1704067200,up,api,"a:1",1\n' +
      '2024-01-01T00:01:00Z,up,api,"a:1",0\n' +
      '1704067320.5,up,api,a:1,stale\n' +
      '# a comment\n' +
      '1704067200,up,,"b,""quoted""",+Inf\r\n';
    const loaded = loadCsvSeriesFile(text, 's.csv');
    expect(loaded.problems).toEqual([]);
    expect(dump(loaded.store)).toEqual([
      '{__name__="up", instance="a:1", job="api"} 1704067200=1 1704067260=0 1704067320.5=stale',
      '{__name__="up", instance="b,\\"quoted\\""} 1704067200=Infinity',
    ]);
    expect([loaded.firstMs, loaded.lastMs, loaded.times]).toEqual([1704067200000, 1704067320500, 'absolute']);
  });

  it('accepts `metric` and `time` as column names', () => {
    const loaded = loadCsvSeriesFile('time,metric,value\n60,x,2\n', 's.csv');
    expect(dump(loaded.store)).toEqual(['{__name__="x"} 60=2']);
  });

  it('reports a missing column, bad cells and short rows where they are', () => {
    const text = 'timestamp,job,value\nsoon,a,1\n60,a,lots\n60,a\n';
    expect(problemsAt(text, loadCsvSeriesFile(text, 's.csv'))).toEqual([
      '2:1 invalid timestamp "soon": expected Unix seconds or an RFC 3339 date',
      '3:6 invalid value "lots": expected a number, NaN, +Inf, -Inf or stale',
      '4:1 expected 3 fields as in the header, found 2',
    ]);
    expect(problemsAt('job,value\n', loadCsvSeriesFile('job,value\n', 's.csv'))).toEqual(['1:1 the header needs a "timestamp" column']);
  });
});

describe('JSON series files', () => {
  const matrix = { status: 'success', data: { resultType: 'matrix', result: [
    { metric: { __name__: 'up', job: 'api' }, values: [[1704067200, '1'], [1704067260.25, 'NaN']] },
  ] } };

  it('reads a query_range response, its data, or its result list', () => {
    for (const shape of [matrix, matrix.data, matrix.data.result]) {
      const loaded = loadJsonSeriesFile(JSON.stringify(shape), 's.json');
      expect(loaded.problems).toEqual([]);
      expect(dump(loaded.store)).toEqual(['{__name__="up", job="api"} 1704067200=1 1704067260.25=NaN']);
    }
  });

  it('reads instant vector results', () => {
    const loaded = loadJsonSeriesFile('[{"metric": {"__name__": "x"}, "value": [60, "-Inf"]}]', 's.json');
    expect(dump(loaded.store)).toEqual(['{__name__="x"} 60=-Infinity']);
  });

  it('reports malformed JSON at its position and malformed series by number', () => {
    expect(problemsAt('{"a": }', loadJsonSeriesFile('{"a": }', 's.json'))).toEqual([expect.stringMatching(/^1:7 invalid JSON/)]);
    const bad = loadJsonSeriesFile('[{"metric": {}, "values": [[1, 2]]}]', 's.json');
    expect(bad.problems.map((p) => p.message)).toEqual(['series 1: invalid sample [1,2]: expected [unix seconds, "value"]']);
  });
});

describe('series files', () => {
  it('tells the format by extension, else by content', () => {
    expect(seriesFormatOf('a.CSV', '')).toBe('csv');
    expect(seriesFormatOf('a.yaml', '')).toBe('yaml');
    expect(seriesFormatOf('a', '{"status": "success"}')).toBe('json');
    expect(seriesFormatOf('a', '# c\ninterval: 1m\n')).toBe('yaml');
    expect(seriesFormatOf('a', 'timestamp,job,value\n')).toBe('csv');
    expect(seriesFormatOf('a', '{job="a"} 1 2\n')).toBe('notation');
    expect(seriesFormatOf('a', 'up 1 2\n')).toBe('notation');
  });

  it('loads promtool YAML as relative times from 0', () => {
    const loaded = loadSeriesFile("interval: 2m\ninput_series:\n  - series: up\n    values: '1 2 3'\n", 's.yml');
    expect([loaded.firstMs, loaded.lastMs, loaded.times, loaded.store.seriesCount]).toEqual([0, 240_000, 'relative', 1]);
  });
});

describe('sample text', () => {
  it('parses values as the API writes them', () => {
    expect(['1', '-2.5e3', '.5', '+Inf', '-inf', 'NaN', 'Infinity', '0x10', '1_0', ''].map(parseSampleValue)).toEqual([1, -2500, 0.5, Infinity, -Infinity, NaN, Infinity, undefined, undefined, undefined]);
  });

  it('parses Unix seconds and RFC 3339 dates to milliseconds', () => {
    expect(['1704067200', '1704067200.1234', '2024-01-01T00:00:00Z', '2024-01-01T01:00:00+01:00', '2024-01-01', 'now'].map(parseTimestamp)).toEqual([
      1704067200000, 1704067200123, 1704067200000, 1704067200000, undefined, undefined,
    ]);
  });
});
