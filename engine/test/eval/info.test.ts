import { describe, expect, it } from 'vitest';
import { evalError, instant, load, MINUTE, vectorAt } from './eval-helpers.js';

const store = load(MINUTE, `
  requests{instance="a:80", job="api", code="200"} 10
  requests{instance="b:80", job="api", code="200"} 20
  requests{instance="c:80", job="db", code="500"} 30
  target_info{instance="a:80", job="api", cluster="eu", version="1.2"} 1
  target_info{instance="b:80", job="api", cluster="us", version="1.3"} 1
  build_info{instance="a:80", job="api", revision="abc"} 1
`);

describe('info()', () => {
  it('adds the data labels of target_info series with the same instance and job', () => {
    expect(vectorAt(store, 'info(requests)', 0)).toEqual([
      '{__name__="requests", cluster="eu", code="200", instance="a:80", job="api", version="1.2"} 10',
      '{__name__="requests", cluster="us", code="200", instance="b:80", job="api", version="1.3"} 20',
      '{__name__="requests", code="500", instance="c:80", job="db"} 30',
    ]);
  });

  it('adds only the selected data labels, and drops series without a match when a matcher needs a value', () => {
    expect(vectorAt(store, 'info(requests, {cluster=~".+"})', 0)).toEqual([
      '{__name__="requests", cluster="eu", code="200", instance="a:80", job="api"} 10',
      '{__name__="requests", cluster="us", code="200", instance="b:80", job="api"} 20',
    ]);
    expect(vectorAt(store, 'info(requests, {cluster="eu"})', 0)).toEqual([
      '{__name__="requests", cluster="eu", code="200", instance="a:80", job="api"} 10',
    ]);
  });

  it('reads other info metrics when the selector names them', () => {
    expect(vectorAt(store, 'info(requests, {__name__="build_info"})', 0)).toEqual([
      '{__name__="requests", code="200", instance="a:80", job="api", revision="abc"} 10',
      '{__name__="requests", code="200", instance="b:80", job="api"} 20',
      '{__name__="requests", code="500", instance="c:80", job="db"} 30',
    ]);
  });

  it('leaves info series themselves alone', () => {
    expect(vectorAt(store, 'info(target_info{instance="a:80"})', 0)).toEqual([
      '{__name__="target_info", cluster="eu", instance="a:80", job="api", version="1.2"} 1',
    ]);
  });

  it('keeps the metric name even of computed series, as Prometheus does', () => {
    expect(vectorAt(store, 'info(requests{instance="c:80"} * 2)', 0)).toEqual([
      '{__name__="requests", code="500", instance="c:80", job="db"} 60',
    ]);
  });

  it('reports info series that conflict', () => {
    const s = load(MINUTE, `
      m{instance="a", job="j"} 1
      target_info{instance="a", job="j", zone="1"} 1
      target_info{instance="a", job="j", zone="2"} 1
    `);
    expect(evalError(() => instant(s, 'info(m)', 0)).message).toBe('found duplicate series for info metric target_info');
  });
});
