/**
 * Alertmanager's alert.Validate, with its messages. Label and annotation names follow the
 * chosen scheme: Alertmanager 0.25 (the default here) accepts only `[a-zA-Z_][a-zA-Z0-9_]*`,
 * 0.34 any non-empty UTF-8. Pairs are checked in the order given (upstream's map order is random).
 */
import { goQuote } from '../../labels/labels.js';
import { isValidLabelName, isValidLabelValue, type NameValidation } from '../../labels/name-validation.js';

export interface AlertToValidate {
  labels: readonly (readonly [string, string])[];
  annotations: readonly (readonly [string, string])[];
  startsAt: number;
  endsAt: number;
}

/** The first problem with the alert, or undefined when it is valid. */
export function validateAlert(alert: AlertToValidate, names: NameValidation = 'legacy'): string | undefined {
  if (alert.startsAt === 0) return 'start time missing';
  if (alert.endsAt !== 0 && alert.endsAt < alert.startsAt) return 'start time must be before end time';
  const labelProblem = invalidPair(alert.labels, names);
  if (labelProblem) return `invalid label set: ${labelProblem}`;
  if (alert.labels.length === 0) return 'at least one label pair required';
  const annotationProblem = invalidPair(alert.annotations, names);
  if (annotationProblem) return `invalid annotations: ${annotationProblem}`;
  return undefined;
}

function invalidPair(pairs: AlertToValidate['labels'], names: NameValidation): string | undefined {
  for (const pair of pairs) {
    if (!isValidLabelName(pair[0], names)) return `invalid name ${goQuote(pair[0])}`;
    if (!isValidLabelValue(pair[1])) return `invalid value ${goQuote(pair[1])}`;
  }
  return undefined;
}
