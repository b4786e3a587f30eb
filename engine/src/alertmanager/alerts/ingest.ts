/**
 * What POST /api/v2/alerts does with decoded alerts before they are stored: stamp them received
 * now; an unset start becomes the end, or now; an unset end becomes now + resolve_timeout and
 * marks the alert as timing out; empty-valued labels are dropped; then each alert is validated
 * on its own, so that the valid ones are stored and the invalid ones reported. Upstream answers
 * 400 with the problems joined by "; " when there are any (joinAlertErrors).
 */
import { Labels } from '../../labels/labels.js';
import type { NameValidation } from '../../labels/name-validation.js';
import type { Alert } from '../model.js';
import type { PostableAlert } from './postable-alert.js';
import { validateAlert } from './validate-alert.js';

export interface IngestOptions {
  now: number;
  /** The config's global resolve_timeout, ms. */
  resolveTimeout: number;
  /** Which label names are valid; default `legacy`, as Alertmanager 0.25. */
  names?: NameValidation;
}

export interface IngestResult {
  /** The valid alerts, in the order posted. */
  alerts: Alert[];
  /** One message per invalid alert, in the order posted. */
  errors: string[];
}

export function ingestPostedAlerts(posted: readonly PostableAlert[], options: IngestOptions): IngestResult {
  const alerts: Alert[] = [];
  const errors: string[] = [];
  for (const alert of posted) {
    const { startsAt, endsAt, timeout } = withDefaultTimes(alert, options);
    const labels = nonEmptyLabels(alert.labels);
    const problem = validateAlert({ labels, annotations: alert.annotations, startsAt, endsAt }, options.names);
    if (problem) {
      errors.push(problem);
      continue;
    }
    alerts.push({
      labels: labelSet(labels),
      annotations: Object.fromEntries(alert.annotations),
      startsAt,
      endsAt,
      generatorURL: alert.generatorURL,
      updatedAt: options.now,
      timeout,
    });
  }
  return { alerts, errors };
}

/** The 400 answer's text for the invalid alerts of a request. */
export function joinAlertErrors(errors: readonly string[]): string {
  return errors.join('; ');
}

function withDefaultTimes(alert: PostableAlert, { now, resolveTimeout }: IngestOptions): Pick<Alert, 'startsAt' | 'endsAt' | 'timeout'> {
  const startsAt = alert.startsAt !== 0 ? alert.startsAt : alert.endsAt !== 0 ? alert.endsAt : now;
  if (alert.endsAt !== 0) return { startsAt, endsAt: alert.endsAt, timeout: false };
  return { startsAt, endsAt: now + resolveTimeout, timeout: true };
}

/** The pairs with a value, a name given twice keeping its first place and its last value. */
function nonEmptyLabels(pairs: readonly [string, string][]): readonly [string, string][] {
  if (sortedWithValues(pairs)) return pairs;
  const kept: [string, string][] = [];
  // Names are distinct unless a body repeats one (keys that differ only in lone surrogates).
  const positions = pairs.length > 16 ? new Map<string, number>() : undefined;
  for (const pair of pairs) {
    if (pair[1] === '') continue;
    const at = positions ? positions.get(pair[0]) : kept.findIndex((p) => p[0] === pair[0]);
    if (at === undefined || at < 0) {
      positions?.set(pair[0], kept.length);
      kept.push(pair);
    } else kept[at] = [pair[0], pair[1]];
  }
  return kept;
}

/** Whether every pair has a value and the names are in strictly increasing order (so distinct). */
function sortedWithValues(pairs: readonly [string, string][]): boolean {
  for (let i = 0; i < pairs.length; i++) {
    if (pairs[i]![1] === '' || (i > 0 && !(pairs[i - 1]![0] < pairs[i]![0]))) return false;
  }
  return true;
}

/** The label set of distinct, non-empty pairs; posted labels usually come sorted already, and need no sort. */
function labelSet(pairs: readonly [string, string][]): Labels {
  const names: string[] = [];
  const values: string[] = [];
  for (const [name, value] of pairs) {
    if (names.length > 0 && !(names[names.length - 1]! < name)) return Labels.from(pairs);
    names.push(name);
    values.push(value);
  }
  return Labels.fromSorted(names, values);
}
