/**
 * The wall clock `klaxon serve` runs on: timers due at once run as soon as the current piece of
 * work is done (a microtask), rather than after setTimeout's one-millisecond minimum or behind the
 * I/O and immediates already queued, so that a group with group_wait 0s notifies as soon as the
 * request that created it has been handled, before the store commits it.
 */
import { wallClock, type Clock } from '../../clock.js';

export const serveClock: Clock = {
  now: wallClock.now,
  setTimer(ms, fn) {
    if (ms > 0) return wallClock.setTimer(ms, fn);
    let cancelled = false;
    queueMicrotask(() => {
      if (!cancelled) fn();
    });
    return () => {
      cancelled = true;
    };
  },
};
