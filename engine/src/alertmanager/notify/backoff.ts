/**
 * The exponential backoff Alertmanager retries with (cenkalti/backoff's defaults): 500ms growing
 * by 1.5 up to 60s, each delay randomised by ±50%, never giving up by itself.
 */
export const INITIAL_INTERVAL_MS = 500;
export const MULTIPLIER = 1.5;
export const MAX_INTERVAL_MS = 60_000;
export const RANDOMIZATION_FACTOR = 0.5;

export class ExponentialBackoff {
  private current = INITIAL_INTERVAL_MS;

  /** `random` returns a number in [0, 1). */
  constructor(private readonly random: () => number = Math.random) {}

  next(): number {
    const delta = RANDOMIZATION_FACTOR * this.current;
    const delay = this.current - delta + this.random() * 2 * delta;
    this.current = Math.min(this.current * MULTIPLIER, MAX_INTERVAL_MS);
    return delay;
  }
}
