/** Every lint `klaxon check` runs, in the order their findings are reported for a rule. */
import type { Lint } from '../lint.js';
import { constantComparison } from './constant-comparison.js';
import { duplicateRule } from './duplicate-rule.js';
import { forBelowInterval } from './for-below-interval.js';
import { missingAnnotation } from './missing-annotation.js';
import { rateNonCounter } from './rate-non-counter.js';
import { regexEquality } from './regex-equality.js';
import { templateMissingLabel } from './template-missing-label.js';
import { unknownSeverity } from './unknown-severity.js';

export const LINTS: readonly Lint[] = [
  rateNonCounter,
  templateMissingLabel,
  forBelowInterval,
  regexEquality,
  constantComparison,
  duplicateRule,
  missingAnnotation,
  unknownSeverity,
];

export const LINT_NAMES: readonly string[] = LINTS.map((l) => l.name);
