/**
 * An alert's `for` is checked only when its group evaluates. A `for` shorter than the interval
 * therefore acts like one interval: the alert fires on the second evaluation, later than written.
 */
import { formatDurationMs } from '../../promql/duration.js';
import { NO_FINDINGS, type Finding, type Lint, type RuleInput } from '../lint.js';
import { ruleNameRange } from '../locate.js';

export const forBelowInterval: Lint = {
  name: 'for-below-interval',
  summary: "an alert's `for` is shorter than its group's evaluation interval",
  checkRule({ rule, group, config }: RuleInput): readonly Finding[] {
    if (rule.kind !== 'alert' || rule.forMs === 0) return NO_FINDINGS;
    const intervalMs = group.intervalMs || config.evaluationIntervalMs;
    if (rule.forMs >= intervalMs) return NO_FINDINGS;
    const source = group.intervalMs ? `group "${group.name}" evaluates every` : 'groups without an interval evaluate every';
    return [{
      message: `for: ${formatDurationMs(rule.forMs)} is shorter than the evaluation interval (${source} ${formatDurationMs(intervalMs)}): the alert can only fire after ${formatDurationMs(intervalMs)}`,
      range: rule.positions?.for ?? ruleNameRange(rule),
    }];
  },
};
