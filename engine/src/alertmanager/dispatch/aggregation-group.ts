/**
 * An aggregation group (Alertmanager's aggrGroup): the alerts of one route with the same group
 * labels, flushed through the notification pipeline first after group_wait (at once for an alert
 * that started longer than group_wait ago), then every group_interval. A flush sends copies in
 * which alerts still firing have no end; after a successful one, the resolved alerts that were not
 * updated meanwhile are dropped, and a group left empty is destroyed.
 */
import type { Clock } from '../../clock.js';
import type { Labels } from '../../labels/labels.js';
import type { StoredAlert } from '../model.js';
import { isResolvedAt } from '../notify/alert-status.js';
import type { NotifyContext } from '../notify/context.js';
import { compareAlerts } from './alert-order.js';
import type { DispatchRoute } from './dispatch-route.js';

/** Alertmanager's notify.MinTimeout: a flush never gets less time than this to notify. */
export const MIN_FLUSH_TIMEOUT_MS = 10_000;

export interface AggregationGroupDeps {
  clock: Clock;
  /** Runs the pipeline; true when every integration succeeded. */
  notify: (ctx: NotifyContext, alerts: readonly StoredAlert[]) => Promise<boolean>;
  /** Called once the group has emptied itself. */
  onDestroyed: (group: AggregationGroup) => void;
}

export class AggregationGroup {
  readonly groupKey: string;
  private readonly alerts = new Map<string, StoredAlert>();
  private cancelTimer: () => void = () => {};
  private hasFlushed = false;
  private stopped = false;
  private flushing: Promise<void> | undefined;
  private tickWaiting = false;
  private readonly inFlight = new Set<AbortController>();

  constructor(
    readonly labels: Labels,
    readonly route: DispatchRoute,
    private readonly deps: AggregationGroupDeps,
  ) {
    this.groupKey = route.groupKey(labels);
    this.schedule(route.opts.groupWait);
  }

  get receiver(): string {
    return this.route.opts.receiver;
  }

  /** Adds or replaces the alert (by fingerprint). */
  insert(alert: StoredAlert): void {
    this.alerts.set(alert.fingerprint, alert);
    if (!this.hasFlushed && alert.startsAt + this.route.opts.groupWait < this.deps.clock.now()) this.schedule(0);
  }

  list(): StoredAlert[] {
    return [...this.alerts.values()];
  }

  get empty(): boolean {
    return this.alerts.size === 0;
  }

  /** Cancels the timer and any notification in flight. */
  stop(): void {
    this.stopped = true;
    this.cancelTimer();
    for (const controller of this.inFlight) controller.abort(new Error('context canceled'));
  }

  /** Resolves once no flush is running. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private schedule(ms: number): void {
    this.cancelTimer();
    this.cancelTimer = this.deps.clock.setTimer(ms, () => this.tick());
  }

  private tick(): void {
    if (this.stopped) return;
    // Like upstream's run loop, a tick that comes during a flush is handled when it ends.
    if (this.flushing) {
      this.tickWaiting = true;
      return;
    }
    const now = this.deps.clock.now();
    this.schedule(this.route.opts.groupInterval);
    this.hasFlushed = true;
    this.flushing = this.flush(now).finally(() => {
      this.flushing = undefined;
      if (this.tickWaiting) {
        this.tickWaiting = false;
        this.tick();
      }
    });
  }

  private async flush(now: number): Promise<void> {
    if (this.alerts.size === 0) return;
    const batch = this.list()
      .map((a) => (isResolvedAt(a, now) ? { ...a } : { ...a, endsAt: 0 }))
      .sort(compareAlerts);
    const { opts } = this.route;
    const controller = new AbortController();
    const cancelDeadline = this.deps.clock.setTimer(Math.max(opts.groupInterval, MIN_FLUSH_TIMEOUT_MS), () =>
      controller.abort(new Error('context deadline exceeded')),
    );
    this.inFlight.add(controller);
    const ctx: NotifyContext = {
      now,
      groupKey: this.groupKey,
      groupLabels: this.labels,
      receiver: opts.receiver,
      repeatInterval: opts.repeatInterval,
      muteTimeIntervals: opts.muteTimeIntervals,
      activeTimeIntervals: opts.activeTimeIntervals,
      signal: controller.signal,
    };
    let succeeded: boolean;
    try {
      succeeded = await this.deps.notify(ctx, batch);
    } finally {
      cancelDeadline();
      this.inFlight.delete(controller);
    }
    if (!succeeded || this.stopped) return;
    for (const sent of batch) {
      if (sent.endsAt === 0) continue;
      const current = this.alerts.get(sent.fingerprint);
      if (current && current.updatedAt === sent.updatedAt) this.alerts.delete(sent.fingerprint);
    }
    if (this.alerts.size === 0) {
      this.stop();
      this.deps.onDestroyed(this);
    }
  }
}
