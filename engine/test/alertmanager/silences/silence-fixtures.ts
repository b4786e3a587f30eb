/** Silences for tests. */
import type { SilenceMatcher } from '../../../src/alertmanager/model.js';
import { Silences, type SilenceInput, type SilencesOptions } from '../../../src/alertmanager/silences/silences.js';
import { VirtualClock } from '../../../src/clock.js';

export const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export const eq = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: true });
export const ne = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: false, isEqual: false });
export const re = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: true, isEqual: true });
export const nre = (name: string, value: string): SilenceMatcher => ({ name, value, isRegex: true, isEqual: false });

export function input(spec: Partial<SilenceInput> = {}): SilenceInput {
  return { matchers: [eq('a', 'b')], startsAt: T0, endsAt: T0 + HOUR, createdBy: 'me', comment: 'why', ...spec };
}

/** Silences on a virtual clock with IDs id-1, id-2, ... */
export function setup(options: Partial<SilencesOptions> = {}) {
  const clock = new VirtualClock(T0);
  let next = 0;
  const silences = new Silences({ clock, newId: () => `id-${++next}`, ...options });
  return { clock, silences };
}
