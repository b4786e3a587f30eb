/**
 * A Klaxon alert manager behind its real HTTP API on 127.0.0.1:0, on a virtual clock, with its
 * configuration file and store in a temporary directory; and small request helpers.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { AlertManager, type AlertManagerOptions } from '../../../src/alertmanager/alert-manager.js';
import { createApiRouter } from '../../../src/alertmanager/api/api-router.js';
import type { LogLevel } from '../../../src/alertmanager/server/log.js';
import { VirtualClock } from '../../../src/clock.js';
import type { HttpAuth } from '../../../src/http/auth.js';
import { serveHttp, type RunningHttpServer } from '../../../src/http/serve-http.js';
import { tempDirectory } from '../../store/temp-directory.js';

export const T0 = Date.UTC(2026, 10, 27, 5, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export const BASIC_CONFIG = `route:
  receiver: default
  group_by: [alertname]
  routes:
  - matchers: ['team="db"']
    receiver: db
receivers:
- name: default
- name: db
`;

export interface ApiServerOptions {
  config?: string;
  /** Reuse a directory (and so its store) from an earlier server. */
  directory?: string;
  clock?: VirtualClock;
  auth?: HttpAuth;
  maxBodyBytes?: number;
  /** Extra files beside the configuration (lookup tables). */
  files?: Record<string, string>;
  manager?: Partial<AlertManagerOptions>;
  /** Serve every endpoint under this path, as --web.external-url's path makes `klaxon serve` do. */
  routePrefix?: string;
  /** Default true: closed after each test. A server shared by a file's tests closes itself. */
  autoClose?: boolean;
}

export interface ApiServer {
  url: string;
  manager: AlertManager;
  clock: VirtualClock;
  directory: string;
  configFile: string;
  logs: { level: LogLevel; message: string; fields?: Record<string, unknown> }[];
  /** Closes the HTTP server and the manager (which closes the store). */
  close(): Promise<void>;
}

const running: ApiServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const directory = options.directory ?? tempDirectory();
  const configFile = join(directory, 'alertmanager.yml');
  if (options.config !== undefined || options.directory === undefined) writeFileSync(configFile, options.config ?? BASIC_CONFIG);
  for (const [name, text] of Object.entries(options.files ?? {})) writeFileSync(join(directory, name), text);
  const clock = options.clock ?? new VirtualClock(T0);
  const logs: ApiServer['logs'] = [];
  const log = (level: LogLevel, message: string, fields?: Record<string, unknown>) => logs.push({ level, message, fields });
  let ids = 0;
  const manager = await AlertManager.start({
    configFile,
    clock,
    storagePath: join(directory, 'data'),
    storeOptions: { synchronous: 'normal' },
    log,
    newSilenceId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    random: () => 0.5,
    ...options.manager,
  });
  let http: RunningHttpServer;
  try {
    http = await serveHttp({
      router: createApiRouter({ manager, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024, log }, options.routePrefix),
      port: 0,
      auth: options.auth,
    });
  } catch (error) {
    await manager.close();
    throw error;
  }
  let closed = false;
  const server: ApiServer = {
    url: http.url,
    manager,
    clock,
    directory,
    configFile,
    logs,
    async close() {
      if (closed) return;
      closed = true;
      await http.close();
      await manager.close();
    },
  };
  if (options.autoClose !== false) running.push(server);
  return server;
}

export interface Answer {
  status: number;
  body: unknown;
  text: string;
  headers: Headers;
}

/** Sends a request; `body` is sent as JSON unless it is a string or bytes (sent as they are). */
export async function call(url: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const raw = body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
  const response = await fetch(`${url}${path}`, {
    method,
    headers: raw === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: raw,
  });
  const text = await response.text();
  let parsed: unknown = text;
  if (response.headers.get('content-type')?.startsWith('application/json')) parsed = JSON.parse(text);
  return { status: response.status, body: parsed, text, headers: response.headers };
}

/** An ISO time `ms` after T0, or relative to `base`. */
export function iso(offsetMs: number, base = T0): string {
  return new Date(base + offsetMs).toISOString();
}
