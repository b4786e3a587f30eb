/** GET /api/v2/status and GET /api/v2/receivers. Klaxon runs alone: its cluster status is `disabled`. */
import { sendJson } from '../../http/respond.js';
import type { Router } from '../../http/router.js';
import { formatApiTime } from '../alerts/api-time.js';
import { versionInfo } from '../server/version-info.js';
import { apiHandler, type ApiContext } from './api-context.js';

export function addStatusRoutes(router: Router, base: string, context: ApiContext): void {
  const { manager } = context;
  router.add(
    'GET',
    `${base}/status`,
    apiHandler(context, ({ response }) =>
      sendJson(response, 200, {
        cluster: { peers: [], status: 'disabled' },
        config: { original: manager.shownConfig },
        uptime: formatApiTime(manager.startedAt),
        versionInfo: versionInfo(),
      }),
    ),
  );
  router.add(
    'GET',
    `${base}/receivers`,
    apiHandler(context, ({ response }) => sendJson(response, 200, manager.receivers().map((name) => ({ name })))),
  );
}
