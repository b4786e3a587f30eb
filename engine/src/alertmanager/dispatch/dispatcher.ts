/**
 * The dispatcher (Alertmanager's dispatch.Dispatcher): takes every alert the provider stores
 * (its current ones first), routes it to each matching route and puts it into that route's aggregation group for its group
 * labels, creating the group on first use. Groups run the notification pipeline on their own
 * timers and remove themselves once empty.
 */
import type { Clock } from '../../clock.js';
import type { Labels } from '../../labels/labels.js';
import { compareGoStrings } from '../../text/utf8.js';
import type { StoredAlert } from '../model.js';
import type { NotifyContext } from '../notify/context.js';
import { asError, type Stage } from '../notify/stage.js';
import { AggregationGroup } from './aggregation-group.js';
import { compareAlerts, compareLabelSets } from './alert-order.js';
import type { AlertSource, DispatchRoute, RouteMatcher } from './dispatch-route.js';

export interface DispatcherOptions {
  clock: Clock;
  alerts: AlertSource;
  routes: RouteMatcher;
  /** The notification pipeline, routing by the context's receiver (notify's buildPipeline). */
  pipeline: Stage;
  /** Told when a flush's notification failed (the group retries at its next flush). */
  onError?: (error: Error, group: AggregationGroup) => void;
}

/** One aggregation group as the API's /alerts/groups shows it. */
export interface AlertGroupView {
  labels: Labels;
  receiver: string;
  groupKey: string;
  route: DispatchRoute;
  /** In notification order. */
  alerts: StoredAlert[];
}

export interface GroupsFilter {
  route?: (route: DispatchRoute) => boolean;
  alert?: (alert: StoredAlert, now: number) => boolean;
}

export interface GroupsListing {
  /** Sorted by group labels, then receiver; groups left without alerts by the filter are omitted. */
  groups: AlertGroupView[];
  /** For each listed alert's fingerprint, the receivers of the groups it is in, sorted. */
  receivers: Map<string, string[]>;
}

export class Dispatcher {
  private readonly groupsByRoute = new Map<string, Map<string, AggregationGroup>>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: DispatcherOptions) {}

  /** Groups the provider's current alerts, then follows every alert it stores. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.options.alerts.subscribe({ alertStored: (alert) => this.route(alert) }, { replay: true });
  }

  /** Stops following alerts, stops every group's timer and cancels notifications in flight. */
  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const groups of this.groupsByRoute.values()) for (const group of groups.values()) group.stop();
    this.groupsByRoute.clear();
  }

  /** Resolves once no group is flushing. */
  async idle(): Promise<void> {
    for (const groups of [...this.groupsByRoute.values()]) {
      for (const group of [...groups.values()]) await group.idle();
    }
  }

  get groupCount(): number {
    let n = 0;
    for (const groups of this.groupsByRoute.values()) n += groups.size;
    return n;
  }

  /** The groups and their alerts, as Alertmanager's Dispatcher.Groups lists them. */
  groups(filter: GroupsFilter = {}): GroupsListing {
    const now = this.options.clock.now();
    const views: AlertGroupView[] = [];
    const receivers = new Map<string, string[]>();
    for (const groups of this.groupsByRoute.values()) {
      for (const group of groups.values()) {
        if (filter.route && !filter.route(group.route)) continue;
        const alerts = group.list().filter((a) => !filter.alert || filter.alert(a, now));
        if (alerts.length === 0) continue;
        for (const alert of alerts) {
          const list = receivers.get(alert.fingerprint);
          if (list) list.push(group.receiver);
          else receivers.set(alert.fingerprint, [group.receiver]);
        }
        alerts.sort(compareAlerts);
        views.push({ labels: group.labels, receiver: group.receiver, groupKey: group.groupKey, route: group.route, alerts });
      }
    }
    views.sort((a, b) => compareLabelSets(a.labels, b.labels) || compareGoStrings(a.receiver, b.receiver));
    for (const list of receivers.values()) list.sort(compareGoStrings);
    return { groups: views, receivers };
  }

  private route(alert: StoredAlert): void {
    for (const route of this.options.routes.match(alert.labels)) this.group(route, alert).insert(alert);
  }

  private group(route: DispatchRoute, alert: StoredAlert): AggregationGroup {
    const routeId = route.id();
    let groups = this.groupsByRoute.get(routeId);
    if (!groups) {
      groups = new Map();
      this.groupsByRoute.set(routeId, groups);
    }
    const key = route.groupLabelsKey(alert.labels);
    const existing = groups.get(key);
    if (existing) return existing;
    const group: AggregationGroup = new AggregationGroup(route.groupLabels(alert.labels), route, {
      clock: this.options.clock,
      notify: (ctx, alerts) => this.notify(group, ctx, alerts),
      onDestroyed: (destroyed) => this.forget(routeId, key, destroyed),
    });
    groups.set(key, group);
    return group;
  }

  private async notify(group: AggregationGroup, ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<boolean> {
    try {
      await this.options.pipeline.exec(ctx, alerts);
      return true;
    } catch (e) {
      this.options.onError?.(asError(e), group);
      return false;
    }
  }

  private forget(routeId: string, key: string, group: AggregationGroup): void {
    const groups = this.groupsByRoute.get(routeId);
    if (groups?.get(key) !== group) return;
    groups.delete(key);
    if (groups.size === 0) this.groupsByRoute.delete(routeId);
  }
}
