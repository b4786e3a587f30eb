/**
 * Klaxon's own endpoints beside the Alertmanager API:
 * - POST /api/klaxon/v1/webhook takes Alertmanager's webhook message (version 4), so that an
 *   existing Alertmanager can forward its notifications; the alerts are taken as if posted.
 * - GET /api/klaxon/v1/history?fingerprint=&silence=&limit= lists recorded history, newest first.
 */
import { sendJson } from '../../http/respond.js';
import type { Router } from '../../http/router.js';
import { ApiRequestError } from '../alerts/api-errors.js';
import { formatApiTime } from '../alerts/api-time.js';
import type { StoredHistoryEvent } from '../../store/klaxon-store.js';
import { answerPostedAlerts } from './alerts-api.js';
import { readJsonBody } from './api-body.js';
import { apiHandler, type ApiContext } from './api-context.js';
import { parseWebhookPayload } from './webhook-payload.js';

export const DEFAULT_HISTORY_LIMIT = 1000;

export function addKlaxonRoutes(router: Router, base: string, context: ApiContext): void {
  const { manager, log } = context;
  router.add(
    'POST',
    `${base}/webhook`,
    apiHandler(context, async ({ request, response }) => {
      const forwarded = parseWebhookPayload(await readJsonBody(request, 'webhook message', context.maxBodyBytes));
      const { alerts, errors } = await manager.receiveForwarded(forwarded);
      log('info', 'Received alerts through the webhook', { receiver: forwarded.receiver, groupKey: forwarded.groupKey, num_alerts: alerts.length });
      answerPostedAlerts(response, errors, log);
    }),
  );
  router.add(
    'GET',
    `${base}/history`,
    apiHandler(context, ({ url, response }) => {
      const fingerprint = url.searchParams.get('fingerprint') || undefined;
      const silenceId = url.searchParams.get('silence') || undefined;
      const limit = historyLimit(url.searchParams.get('limit'));
      sendJson(response, 200, manager.history({ fingerprint, silenceId, limit }).map(formatHistoryEvent));
    }),
  );
}

function historyLimit(text: string | null): number {
  if (text === null || text === '') return DEFAULT_HISTORY_LIMIT;
  if (!/^[0-9]+$/.test(text) || Number(text) < 1) throw new ApiRequestError(400, `limit must be a positive integer, not ${JSON.stringify(text)}`);
  return Number(text);
}

function formatHistoryEvent(event: StoredHistoryEvent): Record<string, unknown> {
  return {
    id: event.id,
    at: formatApiTime(event.at),
    kind: event.kind,
    ...(event.fingerprint === undefined ? {} : { fingerprint: event.fingerprint }),
    ...(event.silenceId === undefined ? {} : { silenceId: event.silenceId }),
    ...(event.data === undefined ? {} : { data: event.data }),
  };
}
