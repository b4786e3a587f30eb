/** Drops the alerts a muter mutes (firing and resolved alike): the inhibitor and the silencer. */
import type { Labels } from '../../labels/labels.js';
import type { Stage } from './stage.js';

export interface Muter {
  mutes(labels: Labels): boolean;
}

export function muteStage(muter: Muter): Stage {
  return {
    async exec(ctx, alerts) {
      return { ctx, alerts: alerts.filter((a) => !muter.mutes(a.labels)) };
    },
  };
}
