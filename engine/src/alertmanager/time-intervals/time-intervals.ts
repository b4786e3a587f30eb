/**
 * A config's named time intervals, and the two questions the notification pipeline asks of a
 * route's lists of names: is it muted now (`mute_time_intervals`), is it active now
 * (`active_time_intervals`).
 */
import type { TimeIntervalConfig, TimeIntervalSpec } from '../config/types.js';
import { intervalContains } from './contains-time.js';

export class TimeIntervals {
  private readonly byName = new Map<string, readonly TimeIntervalSpec[]>();

  /** From `time_intervals` and `mute_time_intervals`; on a clash of names `time_intervals` wins, as upstream. */
  constructor(intervals: readonly TimeIntervalConfig[]) {
    for (const deprecated of [true, false]) {
      for (const interval of intervals) {
        if (interval.deprecatedKey === deprecated) this.byName.set(interval.name.value, interval.intervals);
      }
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Whether any entry of the named interval covers the instant; throws for a name the config lacks. */
  contains(name: string, at: number): boolean {
    const specs = this.byName.get(name);
    if (!specs) throw new Error(`time interval ${name} doesn't exist in config`);
    return specs.some((spec) => intervalContains(spec, at));
  }

  /** The names, of those given, whose intervals cover the instant, in the given order. */
  containing(names: readonly string[], at: number): string[] {
    return names.filter((name) => this.contains(name, at));
  }

  /** A route with these `mute_time_intervals` is muted when any of them covers the instant. */
  isMuted(muteTimeIntervals: readonly string[], at: number): boolean {
    return muteTimeIntervals.some((name) => this.contains(name, at));
  }

  /** A route with these `active_time_intervals` notifies only while one covers the instant; none listed means always. */
  isActive(activeTimeIntervals: readonly string[], at: number): boolean {
    return activeTimeIntervals.length === 0 || activeTimeIntervals.some((name) => this.contains(name, at));
  }
}
