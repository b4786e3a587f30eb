/** What every API handler works with, and the wrapper that turns API errors into upstream's answers. */
import type { Handler } from '../../http/router.js';
import { StoreError } from '../../store/klaxon-store.js';
import { sendJson } from '../../http/respond.js';
import type { AlertManager } from '../alert-manager.js';
import type { Logger } from '../server/log.js';
import { sendApiError } from './api-errors.js';

export interface ApiContext {
  manager: AlertManager;
  /** Larger request bodies are refused with 413. */
  maxBodyBytes: number;
  log: Logger;
}

/** Runs the handler; API errors become their answers, a failed store write a 500 (logged). */
export function apiHandler(context: ApiContext, handler: Handler): Handler {
  return async (request) => {
    try {
      await handler(request);
    } catch (error) {
      if (sendApiError(request.response, error)) {
        context.log('debug', 'API request refused', { path: request.url.pathname, method: request.request.method, err: (error as Error).message });
        return;
      }
      if (error instanceof StoreError) {
        context.log('error', 'Failed to write to the store', { path: request.url.pathname, err: error.message });
        sendJson(request.response, 500, `failed to store the change: ${error.message}`);
        return;
      }
      throw error;
    }
  };
}
