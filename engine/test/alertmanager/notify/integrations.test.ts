import { describe, expect, it } from 'vitest';
import type { IntegrationConfig, ReceiverConfig } from '../../../src/alertmanager/config/types.js';
import { integrationName } from '../../../src/alertmanager/notify/integration.js';
import { createIntegrations } from '../../../src/alertmanager/notify/integrations.js';
import { WebhookIntegration } from '../../../src/alertmanager/notify/webhook/webhook-integration.js';
import { VirtualClock } from '../../../src/clock.js';

const range = { start: 0, end: 0 };
const integration = (type: IntegrationConfig['type'], index: number, sendResolved = true): IntegrationConfig => ({
  type, index, sendResolved, settings: { url: 'http://127.0.0.1:1/' }, range,
});
const receiver = (name: string, integrations: IntegrationConfig[]): ReceiverConfig => ({ name: { value: name, range }, integrations, range });

describe('createIntegrations', () => {
  it('builds the webhooks of each receiver and lists the integrations it cannot send to', () => {
    const { byReceiver, unsupported } = createIntegrations(
      [receiver('team', [integration('webhook', 0), integration('slack', 0, false), integration('webhook', 1, false)]), receiver('blackhole', [])],
      { clock: new VirtualClock(), externalURL: 'http://klaxon:9093' },
    );
    const team = byReceiver.get('team')!;
    expect(team.map(integrationName)).toEqual(['webhook[0]', 'webhook[1]']);
    expect(team.every((i) => i instanceof WebhookIntegration)).toBe(true);
    expect(team.map((i) => i.sendResolved)).toEqual([true, false]);
    expect(byReceiver.get('blackhole')).toEqual([]);
    expect(unsupported.map((u) => [u.receiver, u.config.type, u.config.index])).toEqual([['team', 'slack', 0]]);
  });
});
