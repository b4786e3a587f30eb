/**
 * A silence's state at a time: pending before it starts, active until it ends, expired from its
 * end on (the API's rule). Expiring a silence sets its end to now, so it stops muting at once.
 */
import type { Silence, SilenceState } from '../model.js';

export function silenceState(silence: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < silence.startsAt) return 'pending';
  if (now < silence.endsAt) return 'active';
  return 'expired';
}
