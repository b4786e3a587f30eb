/**
 * Whether a silence's matchers match a label set (all must; a missing label reads as empty),
 * with regexes anchored as Alertmanager anchors them (`^(?:re)$`, `.` not matching newline).
 * Compiled matchers are cached per silence record; records are never mutated.
 */
import type { Labels } from '../../labels/labels.js';
import { Matcher } from '../../labels/matcher.js';
import { silenceMatchType, type Silence } from '../model.js';

const compiled = new WeakMap<Silence, readonly Matcher[]>();

export function silenceMatchers(silence: Silence): readonly Matcher[] {
  let matchers = compiled.get(silence);
  if (!matchers) {
    matchers = silence.matchers.map((m) => new Matcher(m.name, silenceMatchType(m), m.value, { dotAll: false }));
    compiled.set(silence, matchers);
  }
  return matchers;
}

export function silenceMatches(silence: Silence, labels: Labels): boolean {
  return silenceMatchers(silence).every((m) => m.matches(labels.get(m.name)));
}
