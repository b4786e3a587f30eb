/**
 * A route's mute_time_intervals and active_time_intervals: outside its active times, or inside
 * one of its mute times, the whole batch is dropped at the flush time (the notification log is
 * not written, so the group notifies once the mute ends).
 */
import type { Stage } from './stage.js';

/** Whether `at` lies in any of the named time intervals; may throw for a name the config lacks. */
export type TimeIntervalCheck = (names: readonly string[], at: number) => boolean;

export function timeMuteStage(inIntervals: TimeIntervalCheck): Stage {
  return {
    async exec(ctx, alerts) {
      if (ctx.muteTimeIntervals.length > 0 && inIntervals(ctx.muteTimeIntervals, ctx.now)) return { ctx, alerts: [] };
      return { ctx, alerts };
    },
  };
}

export function timeActiveStage(inIntervals: TimeIntervalCheck): Stage {
  return {
    async exec(ctx, alerts) {
      if (ctx.activeTimeIntervals.length > 0 && !inIntervals(ctx.activeTimeIntervals, ctx.now)) return { ctx, alerts: [] };
      return { ctx, alerts };
    },
  };
}
