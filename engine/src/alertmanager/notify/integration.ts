/** One configured integration of a receiver (one `<type>_configs` entry) that can send a batch. */
import type { IntegrationType } from '../config/types.js';
import type { StoredAlert } from '../model.js';
import type { NotifyContext } from './context.js';

/** A send's outcome: success when there is no error; otherwise whether trying again may help. */
export interface NotifyOutcome {
  retry: boolean;
  error?: Error;
  /** How long the receiver asked to be left alone (HTTP 429's Retry-After). */
  retryAfterMs?: number;
}

export interface Integration {
  readonly type: IntegrationType;
  /** Position among the receiver's configs of the same type. */
  readonly index: number;
  readonly sendResolved: boolean;
  /** Sends the batch; must not throw (failures are outcomes). */
  notify(ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<NotifyOutcome>;
}

/** `webhook[0]`, as Alertmanager names an integration in messages. */
export function integrationName(integration: Pick<Integration, 'type' | 'index'>): string {
  return `${integration.type}[${integration.index}]`;
}
