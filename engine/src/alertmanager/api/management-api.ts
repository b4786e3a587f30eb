/** Alertmanager's management endpoints: /-/healthy and /-/ready (GET and HEAD), POST /-/reload. */
import { sendText } from '../../http/respond.js';
import type { Router } from '../../http/router.js';
import type { ApiContext } from './api-context.js';

export function addManagementRoutes(router: Router, prefix: string, { manager }: ApiContext): void {
  router.add('GET', `${prefix}/-/healthy`, ({ response }) => sendText(response, 200, 'OK'));
  router.add('GET', `${prefix}/-/ready`, ({ response }) => sendText(response, 200, 'OK'));
  router.add('POST', `${prefix}/-/reload`, async ({ response }) => {
    try {
      await manager.reloadFromFile();
      sendText(response, 200, '');
    } catch (error) {
      sendText(response, 500, `failed to reload config: ${(error as Error).message}\n`);
    }
  });
}
