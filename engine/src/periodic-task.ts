import type { Clock } from './clock.js';

/** A task that runs every `intervalMs` on a clock between start() and stop(), such as garbage collection. */
export class PeriodicTask {
  private cancelTimer: (() => void) | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly task: () => void,
  ) {}

  /** Schedules the first run one interval from now; does nothing when already started. */
  start(): void {
    if (this.cancelTimer) return;
    // The next run is scheduled before this one, so a task that throws keeps its schedule.
    const tick = (): void => {
      this.cancelTimer = this.clock.setTimer(this.intervalMs, tick);
      this.task();
    };
    this.cancelTimer = this.clock.setTimer(this.intervalMs, tick);
  }

  stop(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
