/** Routes, an alert provider and a recording pipeline for the dispatcher tests. */
import type { AlertListener } from '../../../src/alertmanager/alerts/provider.js';
import type { AlertSource, DispatchRoute, RouteMatcher } from '../../../src/alertmanager/dispatch/dispatch-route.js';
import type { StoredAlert } from '../../../src/alertmanager/model.js';
import type { NotifyContext } from '../../../src/alertmanager/notify/context.js';
import type { Stage } from '../../../src/alertmanager/notify/stage.js';
import { formatGroupLabels } from '../../../src/alertmanager/routing/group-labels.js';
import { DEFAULT_ROUTE_OPTS, type RouteOpts } from '../../../src/alertmanager/routing/route-opts.js';
import type { Clock } from '../../../src/clock.js';
import type { Labels } from '../../../src/labels/labels.js';

export function route(key: string, opts: Partial<RouteOpts>, id = key): DispatchRoute {
  const full: RouteOpts = { ...DEFAULT_ROUTE_OPTS, ...opts };
  return {
    opts: full,
    id: () => id,
    groupLabels: (labels: Labels) => (full.groupByAll ? labels : labels.keepOnly(full.groupBy)),
    groupLabelsKey: (labels: Labels) => (full.groupByAll ? labels : labels.keepOnly(full.groupBy)).key(),
    groupKey: (groupLabels: Labels) => `${key}:${formatGroupLabels(groupLabels)}`,
  };
}

/** Sends every alert to the routes whose predicate accepts it. */
export function routesBy(...entries: [DispatchRoute, (labels: Labels) => boolean][]): RouteMatcher {
  return { match: (labels) => entries.filter(([, accepts]) => accepts(labels)).map(([r]) => r) };
}

/** Holds the current alerts and replays them on subscription, like the alert provider, without merging. */
export class FakeProvider implements AlertSource {
  private listener: AlertListener | undefined;

  constructor(private readonly current: StoredAlert[] = []) {}

  subscribe(listener: AlertListener, options: { replay?: boolean } = {}): () => void {
    if (options.replay) for (const alert of this.current) listener.alertStored?.(alert, true);
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  post(...alerts: StoredAlert[]): void {
    for (const alert of alerts) this.listener?.alertStored?.(alert, false);
  }

  get subscribed(): boolean {
    return this.listener !== undefined;
  }
}

export interface Flush {
  at: number;
  ctx: NotifyContext;
  alerts: readonly StoredAlert[];
}

/** A pipeline that records each flush and fails while `failing` is set. */
export class RecordingPipeline implements Stage {
  readonly flushes: Flush[] = [];
  failing = false;
  /** Runs during a flush, before it completes. */
  during: ((flush: Flush) => void) | undefined;

  constructor(private readonly clock: Clock) {}

  async exec(ctx: NotifyContext, alerts: readonly StoredAlert[]) {
    const flush = { at: this.clock.now(), ctx, alerts };
    this.flushes.push(flush);
    this.during?.(flush);
    if (this.failing) throw new Error('notify failed');
    return { ctx, alerts };
  }

  names(index: number): string[] {
    return this.flushes[index]!.alerts.map((a) => a.labels.get('alertname') + (a.endsAt === 0 ? '' : ' (resolved)'));
  }
}
