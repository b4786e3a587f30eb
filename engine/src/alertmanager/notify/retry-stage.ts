/**
 * Sends the batch through one integration, retrying recoverable failures with exponential backoff
 * until success or the flush's deadline (Alertmanager's RetryStage). Without send_resolved only
 * firing alerts are sent, and a batch of resolved alerts alone counts as sent, so that the
 * notification log still records the resolution.
 */
import type { Clock } from '../../clock.js';
import type { StoredAlert } from '../model.js';
import { isResolvedAt } from './alert-status.js';
import { ExponentialBackoff } from './backoff.js';
import { sleepOn } from './clock-signals.js';
import type { NotifyContext } from './context.js';
import { integrationName, type Integration } from './integration.js';
import type { Stage } from './stage.js';

export interface RetryStageOptions {
  integration: Integration;
  clock: Clock;
  /** Backoff randomisation source in [0, 1); Math.random unless a test fixes it. */
  random?: () => number;
  /** Told about each failed attempt that will be retried. */
  onAttemptFailed?: (error: Error, attempt: number) => void;
  /** Told about each batch the integration accepted. */
  onSent?: (ctx: NotifyContext, sent: readonly StoredAlert[]) => void;
}

export function retryStage({ integration, clock, random, onAttemptFailed, onSent }: RetryStageOptions): Stage {
  const name = integrationName(integration);
  return {
    async exec(ctx, alerts) {
      if (!ctx.firingAlerts) throw new Error('firing alerts missing');
      let sent = alerts;
      if (!integration.sendResolved) {
        if (ctx.firingAlerts.length === 0) return { ctx, alerts };
        sent = alerts.filter((a) => !isResolvedAt(a, ctx.now));
      }
      const backoff = new ExponentialBackoff(random);
      let lastError: Error | undefined;
      for (let attempt = 1; ; attempt++) {
        if (ctx.signal.aborted) {
          const cause = lastError?.message ?? abortMessage(ctx.signal);
          throw new Error(`${ctx.receiver}/${name}: notify retry canceled after ${attempt - 1} attempts: ${cause}`);
        }
        const started = clock.now();
        const outcome = await integration.notify(ctx, sent);
        if (!outcome.error) {
          onSent?.(ctx, sent);
          return { ctx, alerts };
        }
        if (!outcome.retry) {
          throw new Error(`${ctx.receiver}/${name}: notify retry canceled due to unrecoverable error after ${attempt} attempts: ${outcome.error.message}`);
        }
        if (!ctx.signal.aborted) {
          lastError = outcome.error;
          onAttemptFailed?.(outcome.error, attempt);
        }
        // The backoff runs from the start of an attempt, as upstream's ticker does.
        const wait = Math.max(started + backoff.next() - clock.now(), outcome.retryAfterMs ?? 0);
        await sleepOn(clock, wait, ctx.signal);
      }
    },
  };
}

function abortMessage(signal: AbortSignal): string {
  return signal.reason instanceof Error ? signal.reason.message : 'context canceled';
}
