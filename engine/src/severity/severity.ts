/**
 * Alert severities: the `severity` label's many spellings (`page`, `P1`, `warn`...) normalised to
 * four levels. Rule checking reports unknown ones; the alert manager routes and sorts by them.
 */

export const ALERT_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** The label that carries an alert's severity. */
export const SEVERITY_LABEL = 'severity';

/** Lower-case spellings and the level each stands for. */
export type SeverityAliases = ReadonlyMap<string, AlertSeverity>;

const DEFAULT_SPELLINGS: Record<AlertSeverity, readonly string[]> = {
  critical: ['critical', 'crit', 'page', 'pager', 'high', 'p1', 'sev1', 'p0', 'sev0', 'emergency', 'emerg', 'fatal', 'alert', 'disaster'],
  error: ['error', 'err', 'p2', 'sev2', 'major', 'severe'],
  warning: ['warning', 'warn', 'medium', 'p3', 'sev3', 'minor', 'average', 'ticket'],
  info: ['info', 'informational', 'information', 'low', 'p4', 'sev4', 'p5', 'sev5', 'notice', 'debug', 'none'],
};

export const DEFAULT_SEVERITY_ALIASES: SeverityAliases = aliasMap(DEFAULT_SPELLINGS);

/**
 * The default aliases with `extra` added; an extra spelling that the defaults give to another
 * level moves to the level given here.
 */
export function withSeverityAliases(extra: Partial<Record<AlertSeverity, readonly string[]>>, base: SeverityAliases = DEFAULT_SEVERITY_ALIASES): SeverityAliases {
  const merged = new Map(base);
  for (const [severity, spellings] of aliasMap(extra)) merged.set(severity, spellings);
  return merged;
}

/** The level a severity label value stands for, ignoring case and surrounding space; undefined when unknown. */
export function normalizeSeverity(value: string, aliases: SeverityAliases = DEFAULT_SEVERITY_ALIASES): AlertSeverity | undefined {
  return aliases.get(value.trim().toLowerCase());
}

/** 0 for critical up to 3 for info: sorting by it puts the most urgent first. */
export function severityRank(severity: AlertSeverity): number {
  return ALERT_SEVERITIES.indexOf(severity);
}

export function isAlertSeverity(value: string): value is AlertSeverity {
  return (ALERT_SEVERITIES as readonly string[]).includes(value);
}

function aliasMap(spellings: Partial<Record<AlertSeverity, readonly string[]>>): Map<string, AlertSeverity> {
  const map = new Map<string, AlertSeverity>();
  for (const severity of ALERT_SEVERITIES) {
    for (const spelling of spellings[severity] ?? []) map.set(spelling.trim().toLowerCase(), severity);
  }
  return map;
}
