/**
 * A virtual clock that can be moved one due timer at a time, letting asynchronous work started by
 * each timer finish before the next one fires. The alert manager needs this on a virtual clock:
 * a flush runs its notification pipeline asynchronously, and the timers it sets (the group's next
 * flush, its deadline) must not fire before it has finished.
 */
import { VirtualClock, type Clock } from '../clock.js';

export class SteppingClock implements Clock {
  private readonly clock: VirtualClock;
  /** The due times of the timers not yet fired nor cancelled. */
  private readonly pending = new Set<{ at: number }>();

  constructor(startMs: number) {
    this.clock = new VirtualClock(startMs);
  }

  now(): number {
    return this.clock.now();
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer = { at: this.clock.now() + Math.max(0, ms) };
    this.pending.add(timer);
    const cancel = this.clock.setTimer(ms, () => {
      this.pending.delete(timer);
      fn();
    });
    return () => {
      this.pending.delete(timer);
      cancel();
    };
  }

  /**
   * Moves to `targetMs`, one due time after another; after the timers due at each time have
   * fired, waits for `settle` (the work they started) before looking for the next.
   */
  async advanceTo(targetMs: number, settle: () => Promise<void>): Promise<void> {
    for (let next = this.nextDue(); next !== undefined && next <= targetMs; next = this.nextDue()) {
      this.clock.advanceTo(next);
      await settle();
    }
    this.clock.advanceTo(targetMs);
  }

  private nextDue(): number | undefined {
    let next: number | undefined;
    for (const { at } of this.pending) if (next === undefined || at < next) next = at;
    return next;
  }
}
