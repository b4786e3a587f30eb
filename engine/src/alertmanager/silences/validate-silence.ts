/**
 * Alertmanager's silence validation, with 0.25's messages (Silences.Set prefixes them with
 * `silence invalid: `). A silence needs a matcher that does not match the empty string, so that
 * it cannot silence everything; as upstream, only `=` and `=~` matchers count as able to.
 */
import { goQuote } from '../../labels/labels.js';
import { compileAnchored, RegexSyntaxError } from '../../labels/matcher.js';
import { isValidLabelName, isValidLabelValue, type NameValidation } from '../../labels/name-validation.js';
import type { Silence, SilenceMatcher } from '../model.js';

export function validateSilenceMatcher(matcher: SilenceMatcher, names: NameValidation = 'legacy'): string | undefined {
  if (!isValidLabelName(matcher.name, names)) return `invalid label name ${goQuote(matcher.name)}`;
  if (!matcher.isRegex) {
    return isValidLabelValue(matcher.value) ? undefined : `invalid label value ${goQuote(matcher.value)}`;
  }
  try {
    compileAnchored(matcher.value, { dotAll: false });
    return undefined;
  } catch (e) {
    if (e instanceof RegexSyntaxError) return `invalid regular expression ${goQuote(matcher.value)}: ${e.message}`;
    throw e;
  }
}

/** The first problem with the silence, or undefined. */
export function validateSilence(
  silence: Pick<Silence, 'matchers' | 'startsAt' | 'endsAt'>,
  names: NameValidation = 'legacy',
): string | undefined {
  if (silence.matchers.length === 0) return 'at least one matcher required';
  let allMatchEmpty = true;
  for (const [index, matcher] of silence.matchers.entries()) {
    const problem = validateSilenceMatcher(matcher, names);
    if (problem) return `invalid label matcher ${index}: ${problem}`;
    allMatchEmpty &&= matchesEmpty(matcher);
  }
  if (allMatchEmpty) return 'at least one matcher must not match the empty string';
  if (silence.startsAt === 0) return 'invalid zero start timestamp';
  if (silence.endsAt === 0) return 'invalid zero end timestamp';
  if (silence.endsAt < silence.startsAt) return 'end time must not be before start time';
  return undefined;
}

function matchesEmpty(matcher: SilenceMatcher): boolean {
  if (!matcher.isEqual) return false;
  if (!matcher.isRegex) return matcher.value === '';
  return compileAnchored(matcher.value, { dotAll: false }).matches('');
}
