/** Records a sent batch in the notification log, to expire after twice the repeat interval. */
import type { ReceiverRef } from '../model.js';
import type { NotificationLogWriter } from '../nflog/notification-log.js';
import type { Stage } from './stage.js';

export function setNotifiesStage(nflog: NotificationLogWriter, receiver: ReceiverRef): Stage {
  return {
    async exec(ctx, alerts) {
      if (!ctx.firingAlerts) throw new Error('firing alerts missing');
      if (!ctx.resolvedAlerts) throw new Error('resolved alerts missing');
      nflog.log(receiver, ctx.groupKey, ctx.firingAlerts, ctx.resolvedAlerts, 2 * ctx.repeatInterval);
      return { ctx, alerts };
    },
  };
}
