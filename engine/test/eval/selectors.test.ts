import { describe, expect, it } from 'vitest';
import { instant, load, MINUTE, range, SECOND, show, showRange, vectorAt } from './eval-helpers.js';

describe('instant vector selectors', () => {
  const store = load(10 * SECOND, `
    metric{job="a"} 0 1 stale 3
    metric{job="b"} 10 11 12 13
  `);

  it('looks back up to five minutes, excluding a sample exactly five minutes old', () => {
    expect(vectorAt(store, 'metric{job="b"}', 30 * SECOND + 5 * MINUTE - 1)).toEqual(['{__name__="metric", job="b"} 13']);
    expect(vectorAt(store, 'metric{job="b"}', 30 * SECOND + 5 * MINUTE)).toEqual([]);
  });

  it('honours a shorter lookback delta', () => {
    expect(vectorAt(store, 'metric{job="b"}', 45 * SECOND, { lookbackDeltaMs: 10 * SECOND })).toEqual([]);
    expect(vectorAt(store, 'metric{job="b"}', 39 * SECOND, { lookbackDeltaMs: 10 * SECOND })).toEqual([
      '{__name__="metric", job="b"} 13',
    ]);
  });

  it('ends a series at a staleness marker until the next sample', () => {
    expect(vectorAt(store, 'metric{job="a"}', 15 * SECOND)).toEqual(['{__name__="metric", job="a"} 1']);
    expect(vectorAt(store, 'metric{job="a"}', 25 * SECOND)).toEqual([]);
    expect(vectorAt(store, 'metric{job="a"}', 30 * SECOND)).toEqual(['{__name__="metric", job="a"} 3']);
  });

  it('applies positive and negative offsets', () => {
    expect(vectorAt(store, 'metric{job="b"} offset 20s', 30 * SECOND)).toEqual(['{__name__="metric", job="b"} 11']);
    expect(vectorAt(store, 'metric{job="b"} offset -20s', 10 * SECOND)).toEqual(['{__name__="metric", job="b"} 13']);
  });

  it('pins the evaluation time with @, offset counting back from it', () => {
    expect(vectorAt(store, 'metric{job="b"} @ 20', 10 * MINUTE)).toEqual(['{__name__="metric", job="b"} 12']);
    expect(vectorAt(store, 'metric{job="b"} @ 30 offset 20s', 0)).toEqual(['{__name__="metric", job="b"} 11']);
  });

  it('resolves @ start() and @ end() to the bounds of the query', () => {
    const result = range(store, 'metric{job="b"} @ start()', 10 * SECOND, 30 * SECOND, 10 * SECOND);
    expect(showRange(result)).toEqual(['{__name__="metric", job="b"} 11@10 11@20 11@30']);
    const atEnd = range(store, 'metric{job="b"} @ end()', 0, 20 * SECOND, 10 * SECOND);
    expect(showRange(atEnd)).toEqual(['{__name__="metric", job="b"} 12@0 12@10 12@20']);
  });

  it('stamps instant results with the evaluation time', () => {
    const { value } = instant(store, 'metric{job="b"}', 35 * SECOND);
    expect(value.type === 'vector' && value.samples.map((s) => s.t)).toEqual([35 * SECOND]);
  });

  it('keeps the series order of the store', () => {
    const { value } = instant(store, 'metric', 30 * SECOND);
    expect(show(value)).toEqual(['{__name__="metric", job="a"} 3', '{__name__="metric", job="b"} 13']);
  });
});

describe('range vector selectors', () => {
  const store = load(10 * SECOND, 'metric 0 1 2 stale 4 5');

  it('returns the samples in the left-open window (t - range, t], without staleness markers', () => {
    const { value } = instant(store, 'metric[30s]', 50 * SECOND);
    expect(show(value)).toEqual(['{__name__="metric"} 4@40 5@50']);
    expect(show(instant(store, 'metric[31s]', 40 * SECOND).value)).toEqual(['{__name__="metric"} 1@10 2@20 4@40']);
  });

  it('applies offset and @ to the window', () => {
    expect(show(instant(store, 'metric[20s] offset 20s', 50 * SECOND).value)).toEqual(['{__name__="metric"} 2@20']);
    expect(show(instant(store, 'metric[20s] @ 20', 0).value)).toEqual(['{__name__="metric"} 1@10 2@20']);
  });

  it('feeds windows to range functions at every step of a range query', () => {
    const result = range(store, 'count_over_time(metric[20s])', 0, 60 * SECOND, 10 * SECOND);
    expect(showRange(result)).toEqual(['{} 1@0 2@10 2@20 1@30 1@40 2@50 1@60']);
  });
});

describe('timestamp()', () => {
  const store = load(10 * SECOND, 'metric 1 2 3');

  it('reports the sample time of a selector and the evaluation time of anything else', () => {
    expect(vectorAt(store, 'timestamp(metric)', 25 * SECOND)).toEqual(['{} 20']);
    expect(vectorAt(store, 'timestamp((metric))', 25 * SECOND)).toEqual(['{} 20']);
    expect(vectorAt(store, 'timestamp(metric + 0)', 25 * SECOND)).toEqual(['{} 25']);
    expect(vectorAt(store, 'timestamp(sort(metric))', 25 * SECOND)).toEqual(['{} 25']);
  });

  it('ignores the offset of a selector pinned with @, as Prometheus does', () => {
    expect(vectorAt(store, 'timestamp(metric @ 15 offset 10s)', 0)).toEqual(['{} 10']);
    expect(vectorAt(store, 'timestamp(metric offset 10s)', 25 * SECOND)).toEqual(['{} 10']);
  });
});
