/**
 * Per-alert status markers (Alertmanager's types.MemMarker): which active silences silence an
 * alert, which alerts inhibit it, which time intervals mute it. An alert never marked is
 * `unprocessed`; once marked it is `suppressed` when any of the three lists is non-empty, else
 * `active`. The silencer, the inhibitor and the time-interval stages write; the API reads.
 */
import type { AlertState, AlertStatus } from '../model.js';

interface Marks {
  silencedBy: readonly string[];
  pendingSilences: readonly string[];
  inhibitedBy: readonly string[];
  mutedBy: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

export class AlertMarker {
  private readonly marks = new Map<string, Marks>();

  /** Replaces the active (and pending) silences of the alert. */
  setSilenced(fingerprint: string, activeIds: readonly string[], pendingIds: readonly string[] = NONE): void {
    this.update(fingerprint, { silencedBy: [...activeIds], pendingSilences: [...pendingIds] });
  }

  /** Replaces the fingerprints of the alerts that inhibit the alert. */
  setInhibited(fingerprint: string, alertFingerprints: readonly string[]): void {
    this.update(fingerprint, { inhibitedBy: [...alertFingerprints] });
  }

  /** Replaces the names of the time intervals that mute the alert. */
  setMuted(fingerprint: string, timeIntervals: readonly string[]): void {
    this.update(fingerprint, { mutedBy: [...timeIntervals] });
  }

  status(fingerprint: string): AlertStatus {
    const marks = this.marks.get(fingerprint);
    if (!marks) return { state: 'unprocessed', silencedBy: [], inhibitedBy: [], mutedBy: [] };
    return {
      state: stateOf(marks),
      silencedBy: [...marks.silencedBy],
      inhibitedBy: [...marks.inhibitedBy],
      mutedBy: [...marks.mutedBy],
    };
  }

  /** Pending silences that will silence the alert once they start. */
  pendingSilences(fingerprint: string): string[] {
    return [...(this.marks.get(fingerprint)?.pendingSilences ?? NONE)];
  }

  delete(fingerprint: string): void {
    this.marks.delete(fingerprint);
  }

  /** How many marked alerts are in one of the states; all marked alerts when none is given. */
  count(...states: AlertState[]): number {
    if (states.length === 0) return this.marks.size;
    let n = 0;
    for (const marks of this.marks.values()) if (states.includes(stateOf(marks))) n++;
    return n;
  }

  private update(fingerprint: string, change: Partial<Marks>): void {
    const previous = this.marks.get(fingerprint) ?? { silencedBy: NONE, pendingSilences: NONE, inhibitedBy: NONE, mutedBy: NONE };
    this.marks.set(fingerprint, { ...previous, ...change });
  }
}

function stateOf(marks: Marks): AlertState {
  return marks.silencedBy.length > 0 || marks.inhibitedBy.length > 0 || marks.mutedBy.length > 0 ? 'suppressed' : 'active';
}
