import { describe, expect, it } from 'vitest';
import { formatGettableAlert } from '../../../src/alertmanager/alerts/gettable-alert.js';
import { MINUTE, stored, T0 } from './alert-fixtures.js';

describe('formatGettableAlert', () => {
  const alert = stored({
    labels: { severity: 'critical', alertname: 'X', cluster: 'c1' },
    annotations: { z: '1', a: '2' },
    startsAt: T0,
    endsAt: T0 + 5 * MINUTE,
    updatedAt: T0 + 123,
    generatorURL: 'http://g/x',
  });
  const active = { state: 'active' as const, silencedBy: [], inhibitedBy: [], mutedBy: [] };

  it("prints upstream's shape: field order, sorted maps, millisecond times", () => {
    const printed = JSON.stringify(formatGettableAlert(alert, active, ['default']));
    expect(printed).toBe(
      '{"annotations":{"a":"2","z":"1"},"endsAt":"2026-11-27T05:05:00.000Z","fingerprint":"' +
        alert.fingerprint +
        '","receivers":[{"name":"default"}],"startsAt":"2026-11-27T05:00:00.000Z",' +
        '"status":{"inhibitedBy":[],"mutedBy":[],"silencedBy":[],"state":"active"},"updatedAt":"2026-11-27T05:00:00.123Z",' +
        '"generatorURL":"http://g/x","labels":{"alertname":"X","cluster":"c1","severity":"critical"}}',
    );
  });

  it('leaves out an empty generator URL', () => {
    expect(formatGettableAlert({ ...alert, generatorURL: '' }, active, [])).not.toHaveProperty('generatorURL');
  });

  it("shows an alert muted by its group's time intervals as suppressed", () => {
    expect(formatGettableAlert(alert, active, [], ['weekend']).status).toEqual({
      inhibitedBy: [],
      mutedBy: ['weekend'],
      silencedBy: [],
      state: 'suppressed',
    });
  });
});
