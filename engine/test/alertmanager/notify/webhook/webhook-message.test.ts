import { describe, expect, it } from 'vitest';
import { templateData } from '../../../../src/alertmanager/notify/template-data.js';
import { truncateAlerts, webhookBody } from '../../../../src/alertmanager/notify/webhook/webhook-message.js';
import { Labels } from '../../../../src/labels/labels.js';
import { alert } from '../fixtures.js';

const NOW = 1_704_067_300_000;

const firing = {
  ...alert({ alertname: 'Disk<Full>', instance: 'db&1', job: 'db' }, { startsAt: 1_704_067_200_500 }),
  annotations: { summary: 'line1\nline2 \u2028 "q"', empty: '' },
  generatorURL: 'http://prom/graph?g0.expr=up&x=<1>',
};
const resolved = alert({ alertname: 'Disk<Full>', instance: 'db2', job: 'db' }, { startsAt: 1_704_067_200_000, endsAt: 1_704_067_260_123 });

function body(alerts = [firing, resolved], truncated = 0): string {
  const data = templateData({
    receiver: 'team.web+hook',
    groupLabels: Labels.from({ alertname: 'Disk<Full>' }),
    alerts,
    notificationReason: 'first notification',
    externalURL: 'http://am.example:9093',
    now: NOW,
  });
  return webhookBody(data, '{}:{alertname="Disk<Full>"}', truncated);
}

describe('webhookBody', () => {
  it('writes the version 4 message as Go does', () => {
    const expected =
      String.raw`{"receiver":"team\\.web\\+hook","status":"firing","alerts":[` +
      String.raw`{"status":"firing","labels":{"alertname":"Disk\u003cFull\u003e","instance":"db\u00261","job":"db"},` +
      String.raw`"annotations":{"empty":"","summary":"line1\nline2 \u2028 \"q\""},"startsAt":"2024-01-01T00:00:00.5Z",` +
      String.raw`"endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph?g0.expr=up\u0026x=\u003c1\u003e","fingerprint":"${firing.fingerprint}"},` +
      String.raw`{"status":"resolved","labels":{"alertname":"Disk\u003cFull\u003e","instance":"db2","job":"db"},"annotations":{},` +
      String.raw`"startsAt":"2024-01-01T00:00:00Z","endsAt":"2024-01-01T00:01:00.123Z","generatorURL":"","fingerprint":"${resolved.fingerprint}"}],` +
      String.raw`"notification_reason":"first notification","groupLabels":{"alertname":"Disk\u003cFull\u003e"},` +
      String.raw`"commonLabels":{"alertname":"Disk\u003cFull\u003e","job":"db"},"commonAnnotations":{},"externalURL":"http://am.example:9093",` +
      String.raw`"version":"4","groupKey":"{}:{alertname=\"Disk\u003cFull\u003e\"}","truncatedAlerts":0}` +
      '\n';
    expect(body()).toBe(expected);
  });

  it('is resolved when no alert fires, and keeps common annotations', () => {
    const a = { ...resolved, annotations: { team: 'db', x: '1' } };
    const b = { ...alert({ alertname: 'Other' }, { endsAt: NOW - 1 }), annotations: { team: 'db', x: '2' } };
    const message = JSON.parse(body([a, b])) as Record<string, unknown>;
    expect(message.status).toBe('resolved');
    expect(message.commonLabels).toEqual({});
    expect(message.commonAnnotations).toEqual({ team: 'db' });
  });

  it('has empty lists and maps, never null, for an empty batch', () => {
    const message = JSON.parse(body([])) as Record<string, unknown>;
    expect(message).toMatchObject({ status: 'resolved', alerts: [], commonLabels: {}, commonAnnotations: {} });
  });

  it('reports how many alerts max_alerts cut', () => {
    expect(truncateAlerts([1, 2, 3], 2)).toEqual({ kept: [1, 2], truncated: 1 });
    expect(truncateAlerts([1, 2, 3], 0)).toEqual({ kept: [1, 2, 3], truncated: 0 });
    expect(truncateAlerts([1, 2, 3], 3)).toEqual({ kept: [1, 2, 3], truncated: 0 });
    expect(JSON.parse(body([firing], 1)).truncatedAlerts).toBe(1);
  });
});
