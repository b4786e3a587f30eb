/**
 * Requests to handlers by method and path. Paths are literal segments and `:name` parameters;
 * a path that exists with another method answers 405 with Allow, an unknown path 404.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error.js';

export interface RequestContext {
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
  params: Readonly<Record<string, string>>;
}

export type Handler = (context: RequestContext) => Promise<void> | void;

interface RouteEntry {
  method: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: RouteEntry[] = [];

  add(method: string, path: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(path), handler });
    return this;
  }

  /** The handler and path parameters for a request; throws 404/405 HttpErrors. */
  resolve(method: string, pathname: string): { handler: Handler; params: Record<string, string> } {
    const segments = splitPath(pathname);
    const allowed: string[] = [];
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      if (route.method === method || (method === 'HEAD' && route.method === 'GET')) return { handler: route.handler, params };
      allowed.push(route.method);
    }
    if (allowed.length > 0) throw new HttpError(405, `method ${method} not allowed`, { allow: [...new Set(allowed)].join(', ') });
    throw new HttpError(404, `no such endpoint: ${pathname}`);
  }
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function matchSegments(pattern: readonly string[], actual: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    const got = actual[i]!;
    if (want.startsWith(':')) {
      try {
        params[want.slice(1)] = decodeURIComponent(got);
      } catch {
        return undefined;
      }
    } else if (want !== got) return undefined;
  }
  return params;
}
