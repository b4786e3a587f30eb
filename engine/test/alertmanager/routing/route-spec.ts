/** Builds RouteConfig values for tests without going through the YAML loader. */
import type { RouteConfig } from '../../../src/alertmanager/config/types.js';
import { Matcher, type MatchType } from '../../../src/labels/matcher.js';

export interface RouteSpec {
  receiver?: string;
  /** `['...']` sets groupByAll, as the loader does. */
  groupBy?: string[];
  /** Deprecated `match`: equality. */
  match?: Record<string, string>;
  /** Deprecated `match_re`: the value is anchored as the loader anchors it. */
  matchRe?: Record<string, string>;
  matchers?: [string, MatchType, string][];
  continue?: boolean;
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  muteTimeIntervals?: string[];
  activeTimeIntervals?: string[];
  routes?: RouteSpec[];
}

const NO_RANGE = { start: 0, end: 0 };
const located = (value: string) => ({ value, range: NO_RANGE });
const amMatcher = (name: string, type: MatchType, value: string) => new Matcher(name, type, value, { dotAll: false });

export function routeConfig(spec: RouteSpec): RouteConfig {
  const all = spec.groupBy?.includes('...') ?? false;
  return {
    receiver: spec.receiver === undefined ? undefined : located(spec.receiver),
    groupBy: all ? undefined : spec.groupBy,
    groupByAll: all,
    matchers: [
      ...Object.entries(spec.match ?? {}).map(([n, v]) => amMatcher(n, '=', v)),
      ...Object.entries(spec.matchRe ?? {}).map(([n, v]) => amMatcher(n, '=~', `^(?:${v})$`)),
      ...(spec.matchers ?? []).map(([n, t, v]) => amMatcher(n, t, v)),
    ],
    continue: spec.continue ?? false,
    groupWait: spec.groupWait,
    groupInterval: spec.groupInterval,
    repeatInterval: spec.repeatInterval,
    muteTimeIntervals: (spec.muteTimeIntervals ?? []).map(located),
    activeTimeIntervals: (spec.activeTimeIntervals ?? []).map(located),
    routes: (spec.routes ?? []).map(routeConfig),
    range: NO_RANGE,
  };
}
