/**
 * Every endpoint `klaxon serve` answers, under the route prefix that --web.external-url's path
 * gives (as Alertmanager's --web.route-prefix defaults to it): the Alertmanager API v2, the
 * management endpoints, and Klaxon's webhook and history endpoints.
 */
import { Router } from '../../http/router.js';
import type { ApiContext } from './api-context.js';
import { addAlertRoutes } from './alerts-api.js';
import { addKlaxonRoutes } from './klaxon-api.js';
import { addManagementRoutes } from './management-api.js';
import { addSilenceRoutes } from './silences-api.js';
import { addStatusRoutes } from './status-api.js';

export type { ApiContext } from './api-context.js';

/**
 * Adds the endpoints to `router` (a new one by default) and returns it. `routePrefix` is '' or a
 * path without a trailing slash (`/alertmanager`).
 */
export function createApiRouter(context: ApiContext, routePrefix = '', router = new Router()): Router {
  const v2 = `${routePrefix}/api/v2`;
  addStatusRoutes(router, v2, context);
  addAlertRoutes(router, v2, context);
  addSilenceRoutes(router, v2, context);
  addManagementRoutes(router, routePrefix, context);
  addKlaxonRoutes(router, `${routePrefix}/api/klaxon/v1`, context);
  return router;
}

/** The route prefix of an external URL: its path without trailing slashes (Alertmanager's rule). */
export function routePrefixOf(externalURL: string): string {
  if (externalURL === '') return '';
  const path = new URL(externalURL).pathname.replace(/\/+$/, '');
  return path === '' || path.startsWith('/') ? path : `/${path}`;
}
