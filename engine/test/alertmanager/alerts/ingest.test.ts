import { describe, expect, it } from 'vitest';
import { ingestPostedAlerts, joinAlertErrors } from '../../../src/alertmanager/alerts/ingest.js';
import { parsePostableAlerts } from '../../../src/alertmanager/alerts/postable-alert.js';
import { validateAlert } from '../../../src/alertmanager/alerts/validate-alert.js';
import { HOUR, MINUTE, T0 } from './alert-fixtures.js';

const options = { now: T0, resolveTimeout: 5 * MINUTE };
const ingest = (body: unknown, names?: 'legacy' | 'utf8') => ingestPostedAlerts(parsePostableAlerts(body), { ...options, names });

describe('ingestPostedAlerts', () => {
  it('defaults an unset start to now and an unset end to now + resolve_timeout, marking the timeout', () => {
    const { alerts, errors } = ingest([{ labels: { a: 'b' } }]);
    expect(errors).toEqual([]);
    expect(alerts[0]).toMatchObject({ startsAt: T0, endsAt: T0 + 5 * MINUTE, timeout: true, updatedAt: T0 });
  });

  it("treats Go's zero time, as amtool sends it, as unset", () => {
    const { alerts } = ingest([{ labels: { a: 'b' }, startsAt: '0001-01-01T00:00:00.000Z', endsAt: '0001-01-01T00:00:00.000Z' }]);
    expect(alerts[0]).toMatchObject({ startsAt: T0, endsAt: T0 + 5 * MINUTE, timeout: true });
  });

  it('defaults an unset start to the given end, which is kept without timeout', () => {
    const { alerts } = ingest([{ labels: { a: 'b' }, endsAt: '2026-11-27T04:00:00Z' }]);
    expect(alerts[0]).toMatchObject({ startsAt: T0 - HOUR, endsAt: T0 - HOUR, timeout: false });
  });

  it('drops empty-valued labels and keeps empty-valued annotations', () => {
    const { alerts } = ingest([{ labels: { a: 'b', gone: '' }, annotations: { note: '' } }]);
    expect(alerts[0]!.labels.toObject()).toEqual({ a: 'b' });
    expect(alerts[0]!.annotations).toEqual({ note: '' });
  });

  it('stores the valid alerts of a request and reports the others in order, joined as upstream', () => {
    const { alerts, errors } = ingest([{ labels: { a: 'b' } }, { labels: { 'c-d': 'e' } }, { labels: { x: '' } }]);
    expect(alerts.map((a) => a.labels.toObject())).toEqual([{ a: 'b' }]);
    // Alertmanager 0.25's answer to this request.
    expect(joinAlertErrors(errors)).toBe('invalid label set: invalid name "c-d"; at least one label pair required');
  });

  it('refuses a start after the defaulted end, as upstream does for a future start without end', () => {
    expect(ingest([{ labels: { a: 'b' }, startsAt: '2030-01-01T00:00:00Z' }]).errors).toEqual(['start time must be before end time']);
  });

  it('accepts UTF-8 names when asked to, as Alertmanager 0.34 does', () => {
    const body = [{ labels: { 'service.name': 'api' }, annotations: { 'runbook-url': 'x' } }];
    expect(ingest(body).errors).toEqual(['invalid label set: invalid name "service.name"']);
    expect(ingest(body, 'utf8').errors).toEqual([]);
  });
});

describe('validateAlert', () => {
  const valid = { labels: [['a', 'b']] as [string, string][], annotations: [] as [string, string][], startsAt: T0, endsAt: 0 };

  it.each<[string, Partial<typeof valid>, string | undefined]>([
    ['a valid alert', {}, undefined],
    ['an alert that ends when it starts', { endsAt: T0 }, undefined],
    ['no start', { startsAt: 0 }, 'start time missing'],
    ['an end before the start', { endsAt: T0 - 1 }, 'start time must be before end time'],
    ['no labels', { labels: [] }, 'at least one label pair required'],
    ['an invalid label name', { labels: [['a', 'b'], ['!bad', 'label']] }, 'invalid label set: invalid name "!bad"'],
    ['an invalid label value', { labels: [['bad', '\udcfflabel']] }, 'invalid label set: invalid value "\\xfflabel"'],
    ['an empty label name', { labels: [['', 'x']] }, 'invalid label set: invalid name ""'],
    ['an invalid annotation name', { annotations: [['!bad', 'x']] }, 'invalid annotations: invalid name "!bad"'],
    ['an invalid annotation value', { annotations: [['bad', '\udcfflabel']] }, 'invalid annotations: invalid value "\\xfflabel"'],
  ])('%s', (_name, change, problem) => {
    expect(validateAlert({ ...valid, ...change })).toBe(problem);
  });

  it('checks the label set before its size, as 0.25 does', () => {
    expect(validateAlert({ ...valid, startsAt: T0, labels: [['1x', 'y']] })).toBe('invalid label set: invalid name "1x"');
  });
});
