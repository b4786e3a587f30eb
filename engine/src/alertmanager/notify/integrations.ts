/** Builds the integrations Klaxon can send through from the receivers of a config. */
import type { Clock } from '../../clock.js';
import type { IntegrationConfig, ReceiverConfig } from '../config/types.js';
import type { Integration } from './integration.js';
import { WebhookIntegration } from './webhook/webhook-integration.js';

export interface IntegrationsOptions {
  clock: Clock;
  externalURL: string;
  readFile?: (path: string) => Promise<string>;
}

export interface ReceiverIntegrations {
  /** By receiver name; a receiver with nothing Klaxon can send to has an empty list. */
  byReceiver: Map<string, Integration[]>;
  /** The configured integrations Klaxon cannot send to yet. */
  unsupported: { receiver: string; config: IntegrationConfig }[];
}

export function createIntegrations(receivers: readonly ReceiverConfig[], options: IntegrationsOptions): ReceiverIntegrations {
  const byReceiver = new Map<string, Integration[]>();
  const unsupported: ReceiverIntegrations['unsupported'] = [];
  for (const receiver of receivers) {
    const integrations: Integration[] = [];
    for (const config of receiver.integrations) {
      if (config.type === 'webhook') integrations.push(new WebhookIntegration(config, options));
      else unsupported.push({ receiver: receiver.name.value, config });
    }
    byReceiver.set(receiver.name.value, integrations);
  }
  return { byReceiver, unsupported };
}
