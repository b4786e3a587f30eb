/**
 * The silencer (Alertmanager's silence.Silencer): which silences silence an alert. Only active
 * silences mute; pending ones that match are remembered on the marker. IDs are sorted.
 */
import { fingerprint } from '../../labels/fingerprint.js';
import type { Labels } from '../../labels/labels.js';
import type { AlertMarker } from '../alerts/marker.js';
import type { Silences } from './silences.js';

export class Silencer {
  constructor(
    private readonly silences: Silences,
    private readonly marker?: AlertMarker,
  ) {}

  /** IDs of the active silences that match the labels, sorted. */
  silencedBy(labels: Labels): string[] {
    return this.silences.query({ states: ['active'], matching: labels }).map((s) => s.id).sort();
  }

  /** Whether an active silence matches; marks the alert's active and pending silences. */
  mutes(labels: Labels): boolean {
    const matching = this.silences.query({ states: ['active', 'pending'], matching: labels });
    const active = matching.filter((s) => this.silences.state(s) === 'active').map((s) => s.id).sort();
    const pending = matching.filter((s) => this.silences.state(s) === 'pending').map((s) => s.id).sort();
    this.marker?.setSilenced(fingerprint(labels), active, pending);
    return active.length > 0;
  }
}
