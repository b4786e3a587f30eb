import { describe, expect, it } from 'vitest';
import { naturalLess } from '../../../src/promql/eval/functions/natural-order.js';
import type { Value } from '../../../src/promql/eval/values.js';
import { context, impl, str, vec } from './helpers.js';

const requests = (): Value =>
  vec(
    [{ __name__: 'http_requests', job: 'api-server', instance: '0', group: 'production' }, 100],
    [{ __name__: 'http_requests', job: 'api-server', instance: '1', group: 'production' }, 200],
    [{ __name__: 'http_requests', job: 'api-server', instance: '0', group: 'canary' }, 300],
    [{ __name__: 'http_requests', job: 'api-server', instance: '1', group: 'canary' }, 400],
    [{ __name__: 'http_requests', job: 'api-server', instance: '2', group: 'canary' }, NaN],
    [{ __name__: 'http_requests', job: 'app-server', instance: '0', group: 'production' }, 500],
    [{ __name__: 'http_requests', job: 'app-server', instance: '1', group: 'production' }, 600],
    [{ __name__: 'http_requests', job: 'app-server', instance: '0', group: 'canary' }, 700],
    [{ __name__: 'http_requests', job: 'app-server', instance: '1', group: 'canary' }, 800],
    [{ __name__: 'http_requests', job: 'api-server', instance: '2', group: 'production' }, 100],
  );

function run(name: string, input: Value, ...labelNames: string[]) {
  return impl(name)([input, ...labelNames.map(str)], context(3000));
}

/** Each sample as `group/instance/job=value`. */
const compact = (name: string, input: Value, ...labelNames: string[]) =>
  run(name, input, ...labelNames).map((s) => `${s.labels.get('group')}/${s.labels.get('instance')}/${s.labels.get('job')}=${s.v}`);

describe('sort and sort_desc', () => {
  it('order by value with NaN last either way, keeping equal values in input order', () => {
    expect(run('sort', requests()).map((s) => s.v)).toEqual([100, 100, 200, 300, 400, 500, 600, 700, 800, NaN]);
    expect(compact('sort', requests()).slice(0, 2)).toEqual(['production/0/api-server=100', 'production/2/api-server=100']);
    expect(run('sort_desc', requests()).map((s) => s.v)).toEqual([800, 700, 600, 500, 400, 300, 200, 100, 100, NaN]);
  });

  it('keep the metric name and its drop flag as they are', () => {
    const out = run('sort', vec([{ __name__: 'a' }, 2, true]));
    expect(out.map((s) => [s.labels.get('__name__'), s.dropName, s.t])).toEqual([['a', true, 3000]]);
    expect(run('sort', vec([{ __name__: 'a' }, 1]))[0]!.dropName).toBe(false);
  });
});

describe('sort_by_label', () => {
  it('orders by the given labels, then by the whole label set', () => {
    expect(compact('sort_by_label', requests(), 'instance')).toEqual([
      'canary/0/api-server=300',
      'canary/0/app-server=700',
      'production/0/api-server=100',
      'production/0/app-server=500',
      'canary/1/api-server=400',
      'canary/1/app-server=800',
      'production/1/api-server=200',
      'production/1/app-server=600',
      'canary/2/api-server=NaN',
      'production/2/api-server=100',
    ]);
    expect(compact('sort_by_label', requests(), 'job', 'instance', 'group')).toEqual([
      'canary/0/api-server=300',
      'production/0/api-server=100',
      'canary/1/api-server=400',
      'production/1/api-server=200',
      'canary/2/api-server=NaN',
      'production/2/api-server=100',
      'canary/0/app-server=700',
      'production/0/app-server=500',
      'canary/1/app-server=800',
      'production/1/app-server=600',
    ]);
  });

  it('sort_by_label_desc reverses both orders', () => {
    expect(compact('sort_by_label_desc', requests(), 'instance')).toEqual([
      'production/2/api-server=100',
      'canary/2/api-server=NaN',
      'production/1/app-server=600',
      'production/1/api-server=200',
      'canary/1/app-server=800',
      'canary/1/api-server=400',
      'production/0/app-server=500',
      'production/0/api-server=100',
      'canary/0/app-server=700',
      'canary/0/api-server=300',
    ]);
  });

  it('compares numbers inside values naturally', () => {
    const natural = ['0', '1', '2', '3', '10', '11', '12', '20', '21', '100'];
    const cpus = vec(...[...natural].reverse().map((cpu): [Record<string, string>, number] => [{ cpu }, 1]));
    expect(run('sort_by_label', cpus, 'cpu').map((s) => s.labels.get('cpu'))).toEqual(natural);
    const nodes = vec(
      [{ instance: '4m600', release: '1.2.3' }, 1],
      [{ instance: '4m5', release: '1.11.3' }, 1],
      [{ instance: '4m1000', release: '1.111.3' }, 1],
    );
    expect(run('sort_by_label', nodes, 'instance').map((s) => s.labels.get('instance'))).toEqual(['4m5', '4m600', '4m1000']);
    expect(run('sort_by_label', nodes, 'release').map((s) => s.labels.get('release'))).toEqual(['1.2.3', '1.11.3', '1.111.3']);
  });
});

describe('naturalLess', () => {
  it.each([
    ['a2', 'a10', true],
    ['a10', 'a2', false],
    ['a', 'b', true],
    ['x1y', 'x1z', true],
    ['1', '1a', true],
    ['1a', '1', false],
    ['99999999999999999999', '100000000000000000000', false],
    ['', 'a', false],
    ['a', '', false],
  ])('%j < %j is %s', (a, b, expected) => {
    expect(naturalLess(a, b)).toBe(expected);
  });
});
