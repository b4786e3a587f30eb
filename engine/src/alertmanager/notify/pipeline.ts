/**
 * The notification pipeline as Alertmanager builds it (PipelineBuilder.New): per receiver,
 * inhibition, active and mute times, silences, then every integration of the receiver in
 * parallel, each deduplicating against the notification log, sending with retries and logging.
 */
import type { Clock } from '../../clock.js';
import type { StoredAlert } from '../model.js';
import type { NotificationLogReader, NotificationLogWriter } from '../nflog/notification-log.js';
import type { NotifyContext } from './context.js';
import { dedupStage } from './dedup-stage.js';
import type { Integration } from './integration.js';
import { muteStage, type Muter } from './mute-stage.js';
import { retryStage } from './retry-stage.js';
import { setNotifiesStage } from './set-notifies-stage.js';
import { fanoutStage, multiStage, routingStage, type Stage } from './stage.js';
import { timeActiveStage, timeMuteStage, type TimeIntervalCheck } from './time-stages.js';

export interface PipelineOptions {
  /** Each receiver's integrations, by receiver name. */
  receivers: ReadonlyMap<string, readonly Integration[]>;
  inhibitor: Muter;
  silencer: Muter;
  inTimeIntervals: TimeIntervalCheck;
  nflog: NotificationLogReader & NotificationLogWriter;
  clock: Clock;
  random?: () => number;
  onAttemptFailed?: (receiver: string, integration: Integration, error: Error, attempt: number) => void;
  onSent?: (ctx: NotifyContext, integration: Integration, sent: readonly StoredAlert[]) => void;
}

export function buildPipeline(options: PipelineOptions): Stage {
  const shared = [
    muteStage(options.inhibitor),
    timeActiveStage(options.inTimeIntervals),
    timeMuteStage(options.inTimeIntervals),
    muteStage(options.silencer),
  ];
  const byReceiver = new Map<string, Stage>();
  for (const [name, integrations] of options.receivers) {
    byReceiver.set(name, multiStage([...shared, receiverStage(name, integrations, options)]));
  }
  return routingStage(byReceiver);
}

function receiverStage(name: string, integrations: readonly Integration[], options: PipelineOptions): Stage {
  return fanoutStage(
    integrations.map((integration) => {
      const receiver = { groupName: name, integration: integration.type, index: integration.index };
      return multiStage([
        dedupStage({ nflog: options.nflog, receiver, sendResolved: integration.sendResolved }),
        retryStage({
          integration,
          clock: options.clock,
          random: options.random,
          onAttemptFailed: (error, attempt) => options.onAttemptFailed?.(name, integration, error, attempt),
          onSent: (ctx, sent) => options.onSent?.(ctx, integration, sent),
        }),
        setNotifiesStage(options.nflog, receiver),
      ]);
    }),
  );
}
