/** Waiting and timing out on the injected clock. */
import type { Clock } from '../../clock.js';

/** Resolves after `ms` on the clock, or as soon as `signal` aborts (without rejecting). */
export function sleepOn(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    let cancel = (): void => {};
    const done = (): void => {
      cancel();
      signal.removeEventListener('abort', done);
      resolve();
    };
    cancel = clock.setTimer(ms, done);
    signal.addEventListener('abort', done, { once: true });
  });
}

/** A signal the clock aborts after `ms` with `reason`; `cancel` stops the timer. */
export function abortAfter(clock: Clock, ms: number, reason: Error): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const cancel = clock.setTimer(ms, () => controller.abort(reason));
  return { signal: controller.signal, cancel };
}
