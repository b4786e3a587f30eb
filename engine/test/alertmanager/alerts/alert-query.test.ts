import { describe, expect, it } from 'vitest';
import {
  alertFilter,
  DEFAULT_ALERTS_FILTER,
  keepGroup,
  parseApiBool,
  ReceiverFilter,
  selectAlerts,
  type AlertsFilter,
} from '../../../src/alertmanager/alerts/alert-query.js';
import { ApiRequestError } from '../../../src/alertmanager/alerts/api-errors.js';
import type { AlertStatus, StoredAlert } from '../../../src/alertmanager/model.js';
import { Matcher } from '../../../src/labels/matcher.js';
import { MINUTE, stored, T0 } from './alert-fixtures.js';

const now = T0;
const status = (state: AlertStatus['state'], silencedBy: string[] = [], inhibitedBy: string[] = []): AlertStatus => ({
  state,
  silencedBy,
  inhibitedBy,
  mutedBy: [],
});

const alerts = {
  active: stored({ labels: { alertname: 'A', team: 'x' }, endsAt: now + MINUTE }),
  silenced: stored({ labels: { alertname: 'S', team: 'y' }, endsAt: now + MINUTE }),
  inhibited: stored({ labels: { alertname: 'I' }, endsAt: now + MINUTE }),
  unprocessed: stored({ labels: { alertname: 'U' }, endsAt: now + MINUTE }),
  ended: stored({ labels: { alertname: 'E' }, endsAt: now - 1 }),
  endsNow: stored({ labels: { alertname: 'N' }, endsAt: now }),
};
const statuses = new Map<StoredAlert, AlertStatus>([
  [alerts.active, status('active')],
  [alerts.silenced, status('suppressed', ['sil'])],
  [alerts.inhibited, status('suppressed', [], ['fp'])],
  [alerts.unprocessed, status('unprocessed')],
  [alerts.ended, status('active')],
  [alerts.endsNow, status('active')],
]);
const statusOf = (a: StoredAlert) => statuses.get(a)!;
const names = (filter: Partial<AlertsFilter>) =>
  Object.values(alerts)
    .filter(alertFilter({ ...DEFAULT_ALERTS_FILTER, ...filter }, now, statusOf))
    .map((a) => a.labels.get('alertname'))
    .sort();

describe('alertFilter', () => {
  it('lists every alert that has not ended before now by default', () => {
    expect(names({})).toEqual(['A', 'I', 'N', 'S', 'U']);
  });

  it.each<[Partial<AlertsFilter>, string[]]>([
    [{ active: false }, ['I', 'S', 'U']],
    [{ silenced: false }, ['A', 'I', 'N', 'U']],
    [{ inhibited: false }, ['A', 'N', 'S', 'U']],
    [{ unprocessed: false }, ['A', 'I', 'N', 'S']],
    [{ active: false, silenced: false, inhibited: false }, ['U']],
    [{ matchers: [new Matcher('team', '=~', 'x|y', { dotAll: false })] }, ['A', 'S']],
    [{ matchers: [new Matcher('team', '!=', 'x', { dotAll: false })] }, ['I', 'N', 'S', 'U']],
    [{ matchers: [new Matcher('team', '=', '', { dotAll: false })] }, ['I', 'N', 'U']],
  ])('with %o lists %j', (filter, expected) => {
    expect(names(filter)).toEqual(expected);
  });

  it('asks for the status only of alerts that pass the time and label tests', () => {
    const asked: string[] = [];
    const filter = alertFilter({ ...DEFAULT_ALERTS_FILTER, matchers: [new Matcher('team', '=', 'x')] }, now, (a) => {
      asked.push(a.labels.get('alertname'));
      return statusOf(a);
    });
    Object.values(alerts).forEach(filter);
    expect(asked).toEqual(['A']);
  });
});

describe('selectAlerts', () => {
  it('sorts by fingerprint and keeps the alerts one of whose receivers the regex matches', () => {
    const receivers: Record<string, string[]> = { A: ['team-x'], S: ['team-y', 'default'], I: ['default'], U: ['other'], N: ['team-x'] };
    const views = selectAlerts(Object.values(alerts), {
      filter: DEFAULT_ALERTS_FILTER,
      receiver: ReceiverFilter.compile('team-.*'),
      now,
      receiversOf: (a) => receivers[a.labels.get('alertname')] ?? [],
      statusOf,
    });
    const fingerprints = views.map((v) => v.alert.fingerprint);
    expect(fingerprints).toEqual([...fingerprints].sort());
    expect(views.map((v) => v.alert.labels.get('alertname')).sort()).toEqual(['A', 'N', 'S']);
    expect(views.find((v) => v.alert === alerts.silenced)).toMatchObject({ status: status('suppressed', ['sil']), receivers: ['team-y', 'default'] });
  });
});

describe('ReceiverFilter', () => {
  it('anchors the regex', () => {
    const filter = ReceiverFilter.compile('team');
    expect([filter.matches('team'), filter.matches('team-x'), filter.matches('my-team')]).toEqual([true, false, false]);
  });

  it("refuses a bad regex with upstream's 400 message", () => {
    expect(() => ReceiverFilter.compile('(')).toThrow(
      new ApiRequestError(400, 'failed to parse receiver param: error parsing regexp: missing closing ): `^(?:()$`'),
    );
  });
});

describe('parseApiBool', () => {
  it.each<[string | undefined, boolean]>([
    [undefined, true],
    ['', true],
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['yes', true],
    ['on', true],
    ['false', false],
    ['0', false],
    ['maybe', false],
  ])('reads %j as %s', (raw, expected) => {
    expect(parseApiBool(raw)).toBe(expected);
  });
});

describe('keepGroup', () => {
  it('drops groups muted by time intervals only when muted=false', () => {
    expect([keepGroup(true, ['night']), keepGroup(false, ['night']), keepGroup(false, [])]).toEqual([true, false, true]);
  });
});
