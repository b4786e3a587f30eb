/** The metric names that rule evaluation writes into the store: recorded series and the alert series. */
import { ALERTS_FOR_STATE_METRIC, ALERTS_METRIC } from './alert-series.js';
import type { RuleGroup } from './rule.js';

export function namesWrittenByRules(groups: readonly RuleGroup[]): Set<string> {
  const names = new Set([ALERTS_METRIC, ALERTS_FOR_STATE_METRIC]);
  for (const group of groups) for (const rule of group.rules) if (rule.kind === 'record') names.add(rule.name);
  return names;
}
