/**
 * The local alert manager run inside a simulation: alerts that rules send enter the real alert
 * manager (routing, grouping, inhibition, time intervals, silences, the notification log) on a
 * virtual clock that follows the simulation, with no store on disk; each integration records the
 * notification it would send instead of sending it.
 *
 * Alerts an evaluation sends at a time arrive after the alert manager's timers due at that time
 * have fired: a group flushing on the same millisecond as an evaluation does not see its alerts.
 */
import { AlertManager } from '../alertmanager/alert-manager.js';
import { RecordingIntegration, type RecordedNotification } from '../alertmanager/notify/recording-integration.js';
import type { Logger } from '../alertmanager/server/log.js';
import { compareStrings } from '../labels/labels.js';
import type { NotifierAlert } from '../rules/notifier-alert.js';
import { SteppingClock } from './stepping-clock.js';

export interface NotificationSimulationOptions {
  /** The Alertmanager configuration file: named in messages; lookup tables are read beside it. */
  configFile: string;
  configText: string;
  startMs: number;
}

export interface NotificationSimulationResult {
  /** In time order; at one time by receiver, group key and integration. */
  notifications: RecordedNotification[];
  /** The configuration's receivers, in its order. */
  receivers: string[];
  /** Alerts the alert manager refused (as POST /api/v2/alerts would have). */
  rejected: { atMs: number; message: string }[];
  /** What the alert manager warned about: the configuration's warnings first. */
  warnings: string[];
}

export class NotificationSimulation {
  private readonly rejected: NotificationSimulationResult['rejected'] = [];

  private constructor(
    private readonly manager: AlertManager,
    private readonly clock: SteppingClock,
    /** Filled by the recording integrations. */
    private readonly notifications: readonly RecordedNotification[],
    private readonly warnings: readonly string[],
  ) {}

  /** Starts the alert manager at `startMs`; throws ConfigLoadError for a configuration with errors. */
  static async start(options: NotificationSimulationOptions): Promise<NotificationSimulation> {
    const clock = new SteppingClock(options.startMs);
    const warnings: string[] = [];
    const notifications: RecordedNotification[] = [];
    const manager = await AlertManager.start({
      configFile: options.configFile,
      configText: options.configText,
      clock,
      log: warningCollector(warnings),
      integrationFor: (config) => new RecordingIntegration(config, (n) => notifications.push(n)),
    });
    return new NotificationSimulation(manager, clock, notifications, warnings);
  }

  /** Moves the alert manager's clock to `atMs` and posts the alerts an evaluation sent then. */
  async receive(atMs: number, alerts: readonly NotifierAlert[]): Promise<void> {
    await this.advanceTo(atMs);
    if (alerts.length === 0) return;
    const result = await this.manager.postAlerts(
      alerts.map((alert) => ({
        labels: [...alert.labels],
        annotations: [...alert.annotations].map(([name, value]): [string, string] => [name, value]),
        startsAt: alert.startsAtMs,
        endsAt: alert.endsAtMs,
        generatorURL: alert.generatorURL,
      })),
    );
    for (const message of result.errors) this.rejected.push({ atMs, message });
  }

  /** Runs the alert manager up to `endMs`, stops it and says what it would have sent. */
  async finish(endMs: number): Promise<NotificationSimulationResult> {
    await this.advanceTo(endMs);
    const receivers = this.manager.receivers();
    await this.manager.close();
    return { notifications: [...this.notifications].sort(compareNotifications), receivers, rejected: this.rejected, warnings: [...this.warnings] };
  }

  /** Stops the alert manager without running it further. */
  close(): Promise<void> {
    return this.manager.close();
  }

  private advanceTo(atMs: number): Promise<void> {
    return this.clock.advanceTo(atMs, async () => {
      await new Promise<void>((resolve) => setImmediate(resolve));
      await this.manager.idle();
    });
  }
}

function compareNotifications(a: RecordedNotification, b: RecordedNotification): number {
  return (
    a.atMs - b.atMs ||
    compareStrings(a.receiver, b.receiver) ||
    compareStrings(a.groupKey, b.groupKey) ||
    compareStrings(a.integration, b.integration) ||
    a.index - b.index
  );
}

/** Keeps the configuration's warnings and any other warning or error the alert manager logs. */
function warningCollector(warnings: string[]): Logger {
  return (level, message, fields = {}) => {
    if (level !== 'warn' && level !== 'error') return;
    if (message === 'Configuration warning' && fields.problem !== undefined) warnings.push(String(fields.problem));
    else warnings.push(fields.err === undefined ? message : `${message}: ${fields.err}`);
  };
}
