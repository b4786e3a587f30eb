/**
 * A one-line progress bar redrawn in place on a terminal: `[########            ] 40% simulating`.
 * Redraws at most every 100 ms of wall time, so that calling it often costs little.
 */
const WIDTH = 30;
const REDRAW_MS = 100;

export interface ProgressBar {
  /** Shows `fraction` (0 to 1) done. */
  update(fraction: number): void;
  /** Erases the bar. */
  done(): void;
}

export function progressBar(write: (text: string) => void, label: string, now: () => number = Date.now): ProgressBar {
  let lastDrawMs = -Infinity;
  let drawn = false;
  return {
    update(fraction) {
      const t = now();
      if (t - lastDrawMs < REDRAW_MS) return;
      lastDrawMs = t;
      const clamped = Math.min(1, Math.max(0, fraction));
      const filled = Math.round(clamped * WIDTH);
      write(`\r[${'#'.repeat(filled)}${' '.repeat(WIDTH - filled)}] ${Math.floor(clamped * 100)}% ${label}`);
      drawn = true;
    },
    done() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}

/** A bar that draws nothing, for output that is not a terminal. */
export const noProgress: ProgressBar = { update() {}, done() {} };
