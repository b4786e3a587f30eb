/**
 * Alertmanager's silence validation, with 0.25's messages (Silences.Set prefixes them with
 * `silence invalid: `). A silence needs a matcher that does not match the empty string, so that
 * it cannot silence everything; as upstream, only `=` and `=~` matchers count as able to.
 *
 * Klaxon adds limits on a matcher's regex that Alertmanager does not have: compiling and matching
 * cost grows with the compiled program, which a short pattern can make large (`(…){1000}`).
 */
import { RE2JS } from 're2js';
import { goQuote } from '../../labels/labels.js';
import { compileAnchored, RegexSyntaxError } from '../../labels/matcher.js';
import { isValidLabelName, isValidLabelValue, type NameValidation } from '../../labels/name-validation.js';
import type { Silence, SilenceMatcher } from '../model.js';

/** The longest regex a silence matcher may have, in UTF-8 bytes; a longer one is refused before compiling. */
export const MAX_SILENCE_REGEX_BYTES = 8192;
/** The most instructions a silence matcher's regex may compile to. */
export const MAX_SILENCE_REGEX_INSTRUCTIONS = 10_000;

export function validateSilenceMatcher(matcher: SilenceMatcher, names: NameValidation = 'legacy'): string | undefined {
  if (!isValidLabelName(matcher.name, names)) return `invalid label name ${goQuote(matcher.name)}`;
  if (!matcher.isRegex) {
    return isValidLabelValue(matcher.value) ? undefined : `invalid label value ${goQuote(matcher.value)}`;
  }
  const limitProblem = regexLimitProblem(matcher.value);
  if (limitProblem) return limitProblem;
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

function regexLimitProblem(pattern: string): string | undefined {
  const bytes = Buffer.byteLength(pattern, 'utf8');
  if (bytes > MAX_SILENCE_REGEX_BYTES) return `regular expression too long: ${bytes} bytes (limit: ${MAX_SILENCE_REGEX_BYTES} bytes)`;
  const instructions = programSize(pattern);
  if (instructions > MAX_SILENCE_REGEX_INSTRUCTIONS) {
    return `regular expression too complex: it compiles to ${instructions} instructions (limit: ${MAX_SILENCE_REGEX_INSTRUCTIONS})`;
  }
  return undefined;
}

/**
 * The size of the pattern's program; 0 when it does not compile (compileAnchored then says why).
 * Compiled apart from compileAnchored's cache, which is not to keep a regex that is refused.
 */
function programSize(pattern: string): number {
  try {
    return RE2JS.compile(pattern).programSize();
  } catch {
    return 0;
  }
}

function matchesEmpty(matcher: SilenceMatcher): boolean {
  if (!matcher.isEqual) return false;
  if (!matcher.isRegex) return matcher.value === '';
  return compileAnchored(matcher.value, { dotAll: false }).matches('');
}
