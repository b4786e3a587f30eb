/**
 * An HTTP server around a Router: authentication first, errors as answers (an HttpError with
 * its status, anything else a 500 that is logged without request data), and never a crash.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { authenticate, type HttpAuth } from './auth.js';
import { HttpError } from './http-error.js';
import { sendText } from './respond.js';
import type { Router } from './router.js';

export interface HttpServerOptions {
  router: Router;
  /** Default 127.0.0.1: nothing is reachable from other machines unless asked. */
  host?: string;
  port: number;
  auth?: HttpAuth;
  /** Paths answered without authentication (health checks). */
  publicPaths?: ReadonlySet<string>;
  /** Where unexpected errors are reported. */
  log?: (message: string) => void;
}

export interface RunningHttpServer {
  server: Server;
  /** `http://host:port` as bound (the real port when 0 was asked for). */
  url: string;
  close(): Promise<void>;
}

export async function serveHttp(options: HttpServerOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    void handle(request, response, options);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${shownHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: HttpServerOptions): Promise<void> {
  try {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!options.publicPaths?.has(url.pathname)) authenticate(request, options.auth ?? {});
    const { handler, params } = options.router.resolve(request.method ?? 'GET', url.pathname);
    await handler({ request, response, url, params });
    if (!response.headersSent) sendText(response, 200, '');
  } catch (error) {
    if (error instanceof HttpError) {
      sendText(response, error.status, error.message, error.headers);
      return;
    }
    options.log?.(`internal error answering ${request.method} ${request.url?.split('?')[0]}: ${error instanceof Error ? error.message : String(error)}`);
    sendText(response, 500, 'internal server error');
  }
}
