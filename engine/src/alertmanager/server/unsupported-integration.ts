/**
 * Stands in for an integration type Klaxon cannot send to yet: every notification through it
 * fails, without retries, with a message saying so; the failure is logged like any other.
 */
import type { IntegrationConfig, IntegrationType } from '../config/types.js';
import type { Integration, NotifyOutcome } from '../notify/integration.js';

export class UnsupportedIntegration implements Integration {
  readonly type: IntegrationType;
  readonly index: number;
  readonly sendResolved: boolean;

  constructor(config: IntegrationConfig) {
    this.type = config.type;
    this.index = config.index;
    this.sendResolved = config.sendResolved;
  }

  async notify(): Promise<NotifyOutcome> {
    return { retry: false, error: new Error(`${this.type} integration is not supported yet: the notification was not delivered`) };
  }
}
