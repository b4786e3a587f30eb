/** The options a route resolves to once inheritance is applied (Alertmanager's dispatch.RouteOpts). */
import type { RouteConfig } from '../config/types.js';

export interface RouteOpts {
  receiver: string;
  /** Label names to group by; empty with `groupByAll` false puts every alert of the route in one group. */
  groupBy: readonly string[];
  /** `group_by: ['...']`: every distinct label set is its own group. */
  groupByAll: boolean;
  /** Milliseconds. */
  groupWait: number;
  groupInterval: number;
  repeatInterval: number;
  /** Names of the time intervals during which the route is muted; never inherited. */
  muteTimeIntervals: readonly string[];
  /** Names of the time intervals outside which the route is muted; never inherited. */
  activeTimeIntervals: readonly string[];
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** What the root route starts from. */
export const DEFAULT_ROUTE_OPTS: RouteOpts = Object.freeze({
  receiver: '',
  groupBy: [],
  groupByAll: false,
  groupWait: 30 * SECOND,
  groupInterval: 5 * MINUTE,
  repeatInterval: 4 * HOUR,
  muteTimeIntervals: [],
  activeTimeIntervals: [],
});

/**
 * A route's options: its parent's (or the defaults at the root) overridden by what the route sets.
 * An explicit `group_by` list, even an empty one, replaces the parent's and clears `...`.
 */
export function resolveRouteOpts(config: RouteConfig, parent: RouteOpts = DEFAULT_ROUTE_OPTS): RouteOpts {
  const groupByAll = config.groupBy !== undefined ? false : config.groupByAll || parent.groupByAll;
  return {
    receiver: config.receiver?.value || parent.receiver,
    groupBy: config.groupBy ?? parent.groupBy,
    groupByAll,
    groupWait: config.groupWait ?? parent.groupWait,
    groupInterval: config.groupInterval ?? parent.groupInterval,
    repeatInterval: config.repeatInterval ?? parent.repeatInterval,
    muteTimeIntervals: config.muteTimeIntervals.map((n) => n.value),
    activeTimeIntervals: config.activeTimeIntervals.map((n) => n.value),
  };
}
