/**
 * Everything the alert manager derives from one configuration: the routing tree, the inhibitor,
 * the silencer, the time intervals, the receivers' integrations and the notification pipeline,
 * the dispatcher and the enrichment stage. A reload builds a new generation, then stops the old
 * one and starts the new one; alerts, silences and the notification log outlive both.
 */
import type { Clock } from '../../clock.js';
import type { Labels } from '../../labels/labels.js';
import type { AlertMarker } from '../alerts/marker.js';
import type { AlertProvider } from '../alerts/provider.js';
import type { AlertmanagerConfig, IntegrationConfig } from '../config/types.js';
import { Dispatcher } from '../dispatch/dispatcher.js';
import type { Enricher } from '../enrichment/enricher.js';
import { Inhibitor } from '../inhibit/inhibitor.js';
import type { AlertStatus, HistoryEvent, StoredAlert } from '../model.js';
import type { NotificationLog } from '../nflog/notification-log.js';
import { isResolvedAt } from '../notify/alert-status.js';
import type { NotifyContext } from '../notify/context.js';
import { integrationName, type Integration } from '../notify/integration.js';
import { createIntegrations } from '../notify/integrations.js';
import { buildPipeline } from '../notify/pipeline.js';
import { Route } from '../routing/route.js';
import { Silencer } from '../silences/silencer.js';
import type { Silences } from '../silences/silences.js';
import { TimeIntervals } from '../time-intervals/time-intervals.js';
import type { Logger } from './log.js';
import { UnsupportedIntegration } from './unsupported-integration.js';

/** What outlives a generation, and where it reports. */
export interface GenerationContext {
  clock: Clock;
  provider: AlertProvider;
  marker: AlertMarker;
  silences: Silences;
  nflog: NotificationLog;
  externalURL: string;
  log: Logger;
  record: (event: HistoryEvent) => void;
  /** Backoff randomisation; Math.random unless a test fixes it. */
  random?: () => number;
  /** Builds each configured integration in place of the real ones (a simulation records instead of sending). */
  integrationFor?: IntegrationFactory;
}

export type IntegrationFactory = (config: IntegrationConfig) => Integration;

export class ConfigGeneration {
  readonly route: Route;
  readonly inhibitor: Inhibitor;
  readonly silencer: Silencer;
  readonly timeIntervals: TimeIntervals;
  readonly dispatcher: Dispatcher;
  private detachInhibitor: (() => void) | undefined;
  private stopped = false;

  constructor(
    readonly config: AlertmanagerConfig,
    readonly enricher: Enricher,
    private readonly context: GenerationContext,
  ) {
    const { clock, marker, silences, nflog, provider } = context;
    this.route = Route.fromConfig(config.route);
    this.inhibitor = new Inhibitor(config.inhibitRules, clock, marker);
    this.silencer = new Silencer(silences, marker);
    this.timeIntervals = new TimeIntervals(config.timeIntervals);
    const pipeline = buildPipeline({
      receivers: this.receiverIntegrations(),
      inhibitor: this.inhibitor,
      silencer: this.silencer,
      inTimeIntervals: (names, at) => this.timeIntervals.isMuted(names, at),
      nflog,
      clock,
      random: context.random,
      onAttemptFailed: (receiver, integration, error, attempt) =>
        context.log('warn', 'Notify attempt failed, will retry later', { receiver, integration: integrationName(integration), attempts: attempt, err: error.message }),
      onSent: (ctx, integration, sent) => this.recordSent(ctx, integration, sent),
    });
    this.dispatcher = new Dispatcher({
      clock,
      alerts: provider,
      routes: this.route,
      pipeline,
      onError: (error, group) => {
        if (this.stopped) {
          context.log('debug', 'Notification cancelled: the configuration was replaced or the server stopped', { receiver: group.receiver, groupKey: group.groupKey });
          return;
        }
        context.log('error', 'Notify for alerts failed', { receiver: group.receiver, groupKey: group.groupKey, num_alerts: group.list().length, err: error.message });
        for (const alert of group.list()) {
          context.record({ at: clock.now(), kind: 'notification.failed', fingerprint: alert.fingerprint, data: { receiver: group.receiver, groupKey: group.groupKey, error: error.message } });
        }
      },
    });
  }

  /** Starts following alerts: the inhibitor first, so that the first flushes see every source. */
  start(): void {
    this.detachInhibitor ??= this.inhibitor.attach(this.context.provider);
    this.dispatcher.start();
  }

  /** Stops the groups (cancelling notifications in flight) and detaches the inhibitor. */
  stop(): void {
    this.stopped = true;
    this.dispatcher.stop();
    this.detachInhibitor?.();
    this.detachInhibitor = undefined;
  }

  /** The receivers the routing tree sends alerts with these labels to, in tree order. */
  receiversOf(labels: Labels): string[] {
    return this.route.match(labels).map((route) => route.opts.receiver);
  }

  /** The alert's status now, marking it as Alertmanager's API does before it reads the marker. */
  statusOf(alert: StoredAlert): AlertStatus {
    this.inhibitor.mutes(alert.labels);
    this.silencer.mutes(alert.labels);
    return this.context.marker.status(alert.fingerprint);
  }

  private receiverIntegrations(): Map<string, Integration[]> {
    const { clock, externalURL, log, integrationFor } = this.context;
    if (integrationFor) {
      return new Map(this.config.receivers.map((r) => [r.name.value, r.integrations.map(integrationFor)]));
    }
    const { byReceiver, unsupported } = createIntegrations(this.config.receivers, { clock, externalURL });
    for (const { receiver, config } of unsupported) {
      byReceiver.get(receiver)?.push(new UnsupportedIntegration(config));
      log('warn', 'Integration not supported yet: its notifications will fail', { receiver, integration: integrationName(config) });
    }
    return byReceiver;
  }

  private recordSent(ctx: NotifyContext, integration: Integration, sent: readonly StoredAlert[]): void {
    const data = { receiver: ctx.receiver, integration: integrationName(integration), groupKey: ctx.groupKey, reason: ctx.notificationReason ?? 'unknown' };
    for (const alert of sent) {
      const status = isResolvedAt(alert, ctx.now) ? 'resolved' : 'firing';
      this.context.record({ at: this.context.clock.now(), kind: 'notification.sent', fingerprint: alert.fingerprint, data: { ...data, status } });
    }
  }
}
