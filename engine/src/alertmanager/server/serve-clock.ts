/**
 * The wall clock `klaxon serve` runs on: timers due at once run on the next turn of the event
 * loop (setImmediate) rather than after setTimeout's one-millisecond minimum, so that a group
 * with group_wait 0s notifies as soon as the request that created it has been handled.
 */
import { wallClock, type Clock } from '../../clock.js';

export const serveClock: Clock = {
  now: wallClock.now,
  setTimer(ms, fn) {
    if (ms > 0) return wallClock.setTimer(ms, fn);
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  },
};
