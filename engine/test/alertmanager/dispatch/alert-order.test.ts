import { describe, expect, it } from 'vitest';
import { compareAlerts, compareLabelSets } from '../../../src/alertmanager/dispatch/alert-order.js';
import { Labels } from '../../../src/labels/labels.js';

const l = (o: Record<string, string>) => Labels.from(o);

describe('compareLabelSets (LabelSet.Before)', () => {
  it.each([
    [{ a: '1' }, { a: '1', b: '1' }, -1],
    [{ a: '2' }, { a: '1' }, 1],
    [{ a: '1', c: '1' }, { b: '1', c: '1' }, 1],
    [{ b: '1', c: '1' }, { a: '1', c: '1' }, -1],
    [{ a: '1', b: '2' }, { a: '1', b: '2' }, 0],
    [{ a: '1', b: 'z' }, { a: '2', b: 'a' }, -1],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareLabelSets(l(a), l(b)))).toBe(sign);
  });
});

describe('compareAlerts (AlertSlice.Less)', () => {
  it('orders by job, then instance, alerts having them first, then by label set', () => {
    const labelSets: Record<string, string>[] = [
      { alertname: 'none-b' },
      { alertname: 'x', instance: 'i2' },
      { alertname: 'x', job: 'b' },
      { alertname: 'x', job: 'a', instance: 'i2' },
      { alertname: 'x', job: 'a', instance: 'i1', extra: 'y' },
      { alertname: 'none-a' },
      { alertname: 'x', instance: 'i1' },
      { alertname: 'x', job: 'a' },
    ];
    const alerts = labelSets.map((o) => ({ labels: l(o) }));
    expect(alerts.sort(compareAlerts).map((a) => a.labels.toString())).toEqual([
      '{alertname="x", extra="y", instance="i1", job="a"}',
      '{alertname="x", instance="i2", job="a"}',
      '{alertname="x", job="a"}',
      '{alertname="x", job="b"}',
      '{alertname="x", instance="i1"}',
      '{alertname="x", instance="i2"}',
      '{alertname="none-a"}',
      '{alertname="none-b"}',
    ]);
  });
});
