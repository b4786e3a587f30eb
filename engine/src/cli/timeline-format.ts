/**
 * The people-readable output of `klaxon simulate` (and `run`): a time-ordered table of alert
 * state changes with values and rendered annotations, the notifications that would go out, a
 * summary per alerting rule (and receiver), and errors.
 */
import { formatDurationMs } from '../promql/duration.js';
import type { AlertTransition } from '../rules/alert-state.js';
import type { RuleGroup } from '../rules/rule.js';
import type { SimulationResult } from '../rules/simulate.js';
import { summarizeRules, type RuleSummary } from '../rules/simulation-report.js';
import type { NotificationSimulationResult } from '../simulate/notification-simulation.js';
import { notificationLines, receiverSummaryLines } from './notifications-format.js';
import { alignColumns } from './text-table.js';
import { formatSimulationTime, type SimulationSpan } from './simulation-time.js';

/** With `notifications` (an Alertmanager config was given), a section of them follows the timelines and the summary counts them per receiver. */
export function formatTimeline(groups: readonly RuleGroup[], result: SimulationResult, span: SimulationSpan, notifications?: NotificationSimulationResult): string {
  const at = (ms: number) => formatSimulationTime(ms, span.times);
  const rules = groups.flatMap((g) => g.rules);
  const alerting = rules.filter((r) => r.kind === 'alert').length;
  const lines: string[] = [
    `Evaluated ${groups.length} group(s) with ${alerting} alerting and ${rules.length - alerting} recording rule(s) ` +
      `over ${span.seriesCount} series from ${at(span.startMs)} to ${at(span.endMs)} (${result.evaluations} group evaluations).`,
    '',
  ];
  const rows: string[][] = [['TIME', 'STATE', 'ALERT', 'LABELS', '']];
  const notes = new Map<number, string[]>();
  for (const { rule, transition } of result.transitions) {
    rows.push([at(transition.atMs), stateWord(transition), rule.name, transition.labels.without(['alertname']).toString(), valueCell(transition)]);
    if (transition.to !== 'inactive' && transition.annotations.size > 0) {
      notes.set(rows.length - 1, [...transition.annotations].map(([name, text]) => annotationNote(name, text)));
    }
  }
  alignColumns(rows).forEach((line, i) => {
    lines.push(line);
    for (const note of notes.get(i) ?? []) lines.push(`      ${note}`);
  });
  if (rows.length === 1) lines.push('(no alert became pending)');
  if (notifications) lines.push('', ...notificationLines(notifications, at));
  lines.push('', 'Summary:');
  for (const summary of summarizeRules(groups, result, span.endMs)) lines.push(`  ${summaryLine(summary)}`);
  if (notifications) for (const line of receiverSummaryLines(notifications)) lines.push(`  ${line}`);
  lines.push(...errorLines(result, at));
  return lines.join('\n') + '\n';
}

/** One annotation under its transition; one that expanded to nothing shows as `""`, as it is kept. */
function annotationNote(name: string, text: string): string {
  return `${name}: ${text === '' ? '""' : text.replace(/\n/g, '\n      ')}`;
}

function stateWord(t: AlertTransition): string {
  if (t.to !== 'inactive') return t.to;
  if (t.cause === 'limit') return 'dropped';
  return t.from === 'pending' ? 'cleared' : 'resolved';
}

function valueCell(t: AlertTransition): string {
  return t.to === 'inactive' ? '' : `value=${formatValue(t.value)}`;
}

function summaryLine(s: RuleSummary): string {
  const extras: string[] = [];
  if (s.flaps > 0) extras.push(`${s.flaps} flap(s)`);
  if (s.firingAtEnd > 0) extras.push(`${s.firingAtEnd} still firing at the end`);
  if (s.pendingOnly > 0) extras.push(`${s.pendingOnly} pending alert(s) cleared before firing`);
  if (s.errors > 0) extras.push(`${s.errors} failed evaluation(s)`);
  const head = s.timesFired === 0 ? `${s.rule.name}: never fired` : `${s.rule.name}: fired ${s.timesFired} time(s), firing for ${formatDurationMs(s.firingMs)} in total`;
  return extras.length > 0 ? `${head}, ${extras.join(', ')}` : head;
}

/** Errors grouped by rule and message: a rule that fails at every evaluation gives one line. */
function errorLines(result: SimulationResult, at: (ms: number) => string): string[] {
  const grouped = new Map<string, { name: string; message: string; first: number; last: number; count: number }>();
  for (const e of result.errors) {
    const key = `${e.group.name}\xff${e.rule.name}\xff${e.message}`;
    const entry = grouped.get(key);
    if (entry) {
      entry.last = e.atMs;
      entry.count++;
    } else grouped.set(key, { name: e.rule.name, message: e.message, first: e.atMs, last: e.atMs, count: 1 });
  }
  return [...grouped.values()].map((e) =>
    e.count === 1 ? `error: ${e.name} at ${at(e.first)}: ${e.message}` : `error: ${e.name} at ${e.count} evaluations from ${at(e.first)} to ${at(e.last)}: ${e.message}`,
  );
}

/** A sample value, short: integers as they are, others to four significant digits. */
function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : '-Inf';
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}
