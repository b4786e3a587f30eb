/**
 * The inhibitor (Alertmanager's inhibit.Inhibitor): a listener of the alert provider that
 * indexes every put alert matching a rule's source side, and a muter that tells whether an
 * alert is inhibited. Sources are taken from all stored alerts, so silenced sources still
 * inhibit; resolved ones do not. `inhibitedBy` holds the fingerprint of the inhibiting alert
 * of the first rule that inhibits (at most one, as upstream).
 *
 * On a config reload, build a new Inhibitor and attach it (it replays the stored alerts), then
 * detach the old one.
 */
import type { Clock } from '../../clock.js';
import { fingerprint } from '../../labels/fingerprint.js';
import type { Labels } from '../../labels/labels.js';
import type { AlertListener, AlertProvider } from '../alerts/provider.js';
import type { AlertMarker } from '../alerts/marker.js';
import type { InhibitRuleConfig } from '../config/types.js';
import type { StoredAlert } from '../model.js';
import { InhibitRule } from './inhibit-rule.js';

export class Inhibitor implements AlertListener {
  readonly rules: readonly InhibitRule[];

  constructor(
    rules: readonly Pick<InhibitRuleConfig, 'sourceMatchers' | 'targetMatchers' | 'equal'>[],
    private readonly clock: Clock,
    private readonly marker?: AlertMarker,
  ) {
    this.rules = rules.map((rule) => new InhibitRule(rule));
  }

  /** Subscribes to the provider, replaying the alerts it holds; returns the function that detaches. */
  attach(provider: AlertProvider): () => void {
    return provider.subscribe(this, { replay: true });
  }

  alertStored(alert: StoredAlert): void {
    for (const rule of this.rules) rule.addSource(alert);
  }

  alertsDeleted(alerts: readonly StoredAlert[]): void {
    for (const alert of alerts) for (const rule of this.rules) rule.removeSource(alert);
  }

  /** Fingerprints of the alerts that inhibit an alert with these labels now (zero or one). */
  inhibitedBy(labels: Labels): string[] {
    const now = this.clock.now();
    for (const rule of this.rules) {
      const source = rule.inhibitorOf(labels, now);
      if (source !== undefined) return [source];
    }
    return [];
  }

  /** Whether the alert is inhibited; marks it with what inhibits it. */
  mutes(labels: Labels): boolean {
    const by = this.inhibitedBy(labels);
    this.marker?.setInhibited(fingerprint(labels), by);
    return by.length > 0;
  }
}
