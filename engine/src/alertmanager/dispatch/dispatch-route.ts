/**
 * What the dispatcher needs of the routing tree (the routing module's Route provides it) and of
 * the alert provider; kept as interfaces so that the dispatcher can be driven by small fakes too.
 */
import type { Labels } from '../../labels/labels.js';
import type { RouteOpts } from '../routing/route-opts.js';
import type { AlertProvider } from '../alerts/provider.js';

export interface DispatchRoute {
  readonly opts: RouteOpts;
  /** Unique among the tree's routes (upstream's Route.ID()). */
  id(): string;
  /** The alert's labels that decide its group on this route. */
  groupLabels(labels: Labels): Labels;
  /** A string equal for two label sets exactly when their group labels are, made without building them. */
  groupLabelsKey(labels: Labels): string;
  /** `routeKey:{groupLabels}`, as upstream formats it. */
  groupKey(groupLabels: Labels): string;
}

export interface RouteMatcher {
  /** The routes an alert with these labels goes to, in tree order. */
  match(labels: Labels): readonly DispatchRoute[];
}

/** Where alerts come from: the alert provider, which replays its current alerts on subscription. */
export type AlertSource = Pick<AlertProvider, 'subscribe'>;
