/** GET and POST /api/v2/alerts, GET /api/v2/alerts/groups (Alertmanager 0.25's handlers). */
import type { ServerResponse } from 'node:http';
import { sendJson, sendText } from '../../http/respond.js';
import type { Router } from '../../http/router.js';
import { ApiRequestError } from '../alerts/api-errors.js';
import { formatGettableAlert } from '../alerts/gettable-alert.js';
import { joinAlertErrors } from '../alerts/ingest.js';
import { parsePostableAlerts } from '../alerts/postable-alert.js';
import type { Logger } from '../server/log.js';
import { readJsonBody } from './api-body.js';
import { apiHandler, type ApiContext } from './api-context.js';
import { alertsFilter, receiverFilter } from './query-filters.js';

export function addAlertRoutes(router: Router, base: string, context: ApiContext): void {
  const { manager } = context;
  router.add(
    'GET',
    `${base}/alerts`,
    apiHandler(context, ({ url, response }) => {
      const views = manager.alerts(alertsFilter(url), receiverFilter(url));
      sendJson(response, 200, views.map((view) => formatGettableAlert(view.alert, view.status, view.receivers)));
    }),
  );
  router.add(
    'POST',
    `${base}/alerts`,
    apiHandler(context, async ({ request, response }) => {
      const posted = parsePostableAlerts(await readJsonBody(request, 'alerts', context.maxBodyBytes));
      const { errors } = await manager.postAlerts(posted);
      answerPostedAlerts(response, errors, context.log);
    }),
  );
  router.add(
    'GET',
    `${base}/alerts/groups`,
    apiHandler(context, ({ url, response }) => {
      const groups = manager.alertGroups(alertsFilter(url), receiverFilter(url));
      sendJson(
        response,
        200,
        groups.map((group) => ({
          alerts: group.alerts.map((view) => formatGettableAlert(view.alert, view.status, view.receivers)),
          labels: Object.fromEntries(group.labels),
          receiver: { name: group.receiver },
        })),
      );
    }),
  );
}

/**
 * Answers a request that posted alerts: 200 with an empty body, or 400 with the problems of the
 * invalid ones (the valid ones were taken all the same).
 */
export function answerPostedAlerts(response: ServerResponse, errors: readonly string[], log: Logger): void {
  if (errors.length > 0) {
    const message = joinAlertErrors(errors);
    log('warn', 'Failed to validate alerts', { err: message });
    throw new ApiRequestError(400, message);
  }
  sendText(response, 200, '');
}
