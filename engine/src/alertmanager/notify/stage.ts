/**
 * A notification pipeline is a composition of stages; each takes the context and the alerts and
 * passes on a possibly narrowed context and alert list, or throws. As Alertmanager's notify.Stage.
 */
import type { StoredAlert } from '../model.js';
import type { NotifyContext } from './context.js';

export interface StageResult {
  ctx: NotifyContext;
  alerts: readonly StoredAlert[];
}

export interface Stage {
  exec(ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<StageResult>;
}

/** Runs stages in order; stops, with no alerts, as soon as a stage leaves none. */
export function multiStage(stages: readonly Stage[]): Stage {
  return {
    async exec(ctx, alerts) {
      let result: StageResult = { ctx, alerts };
      for (const stage of stages) {
        if (result.alerts.length === 0) return { ctx: result.ctx, alerts: [] };
        result = await stage.exec(result.ctx, result.alerts);
      }
      return result;
    },
  };
}

/** Several failures at once, as Alertmanager's types.MultiError prints them. */
export class MultiError extends Error {
  constructor(readonly errors: readonly Error[]) {
    super(errors.map((e) => e.message).join('; '));
    this.name = 'MultiError';
  }
}

/** Runs stages concurrently on the same input and passes the input on; fails if any of them failed. */
export function fanoutStage(stages: readonly Stage[]): Stage {
  return {
    async exec(ctx, alerts) {
      const outcomes = await Promise.allSettled(stages.map((stage) => stage.exec(ctx, alerts)));
      const errors = outcomes.flatMap((o) => (o.status === 'rejected' ? [asError(o.reason)] : []));
      if (errors.length > 0) throw new MultiError(errors);
      return { ctx, alerts };
    },
  };
}

/** Runs the pipeline of the receiver the context names. */
export function routingStage(byReceiver: ReadonlyMap<string, Stage>): Stage {
  return {
    exec(ctx, alerts) {
      const stage = byReceiver.get(ctx.receiver);
      if (!stage) return Promise.reject(new Error('stage for receiver missing'));
      return stage.exec(ctx, alerts);
    },
  };
}

export function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}
