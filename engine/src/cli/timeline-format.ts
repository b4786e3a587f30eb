/** The people-readable output of `klaxon run`: a time-ordered log of alert state changes and a summary. */
import { formatDurationMs } from '../promql/duration.js';
import type { AlertingRule, RuleGroup } from '../rules/rule.js';
import type { SimulationResult } from '../rules/simulate.js';

interface Span {
  startMs: number;
  endMs: number;
  seriesCount: number;
}

const at = (ms: number) => (ms === 0 ? '0s' : formatDurationMs(ms));

export function formatTimeline(groups: readonly RuleGroup[], result: SimulationResult, span: Span): string {
  const rules = groups.flatMap((g) => g.rules);
  const alerting = rules.filter((r): r is AlertingRule => r.kind === 'alert');
  const lines: string[] = [
    `Evaluated ${groups.length} group(s) with ${alerting.length} alerting and ${rules.length - alerting.length} recording rule(s) ` +
      `over ${span.seriesCount} series from ${at(span.startMs)} to ${at(span.endMs)} (${result.evaluations} group evaluations).`,
    '',
  ];
  const rows = result.transitions.map(({ rule, transition }) => [
    at(transition.atMs),
    transition.to === 'inactive' ? 'resolved' : transition.to,
    rule.name,
    transition.labels.without(['alertname']).toString(),
    transition.to === 'inactive' ? '' : `value=${formatValue(transition.value)}`,
  ]);
  lines.push(...table([['TIME', 'STATE', 'ALERT', 'LABELS', ''], ...rows]));
  if (rows.length === 0) lines.push('(no alert became pending)');
  lines.push('', 'Summary:');
  for (const rule of alerting) lines.push(`  ${summarise(rule, result, span.endMs)}`);
  for (const e of result.errors) lines.push(`error: ${e.rule.name} at ${at(e.atMs)}: ${e.message}`);
  return lines.join('\n') + '\n';
}

function summarise(rule: AlertingRule, result: SimulationResult, endMs: number): string {
  const mine = result.transitions.filter((t) => t.rule === rule).map((t) => t.transition);
  const fired = mine.filter((t) => t.to === 'firing');
  let firingMs = 0;
  for (const f of fired) {
    const resolved = mine.find((t) => t.from === 'firing' && t.atMs > f.atMs && t.labels.equals(f.labels));
    firingMs += (resolved?.atMs ?? endMs) - f.atMs;
  }
  const still = fired.filter((f) => !mine.some((t) => t.from === 'firing' && t.atMs > f.atMs && t.labels.equals(f.labels))).length;
  if (fired.length === 0) return `${rule.name}: never fired${mine.length > 0 ? ' (was pending)' : ''}`;
  return `${rule.name}: fired ${fired.length} time(s), firing for ${at(firingMs)} in total${still > 0 ? `, ${still} still firing at the end` : ''}`;
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toPrecision(4).replace(/\.?0+$/, '');
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join('  ').trimEnd());
}
