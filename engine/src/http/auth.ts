/**
 * Optional authentication for every endpoint: a bearer token, HTTP basic credentials, or both
 * (either is then enough). Secrets are compared in constant time and never appear in answers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

export interface HttpAuth {
  bearerToken?: string;
  basic?: { user: string; password: string };
}

/** True when some way of authenticating is configured. */
export function authRequired(auth: HttpAuth): boolean {
  return auth.bearerToken !== undefined || auth.basic !== undefined;
}

/** Throws 401 unless the request carries credentials that `auth` accepts. */
export function authenticate(request: IncomingMessage, auth: HttpAuth): void {
  if (!authRequired(auth)) return;
  const header = request.headers.authorization ?? '';
  const space = header.indexOf(' ');
  const scheme = space < 0 ? header.toLowerCase() : header.slice(0, space).toLowerCase();
  const credentials = space < 0 ? '' : header.slice(space + 1).trim();
  if (scheme === 'bearer' && auth.bearerToken !== undefined && sameSecret(credentials, auth.bearerToken)) return;
  if (scheme === 'basic' && auth.basic !== undefined) {
    const decoded = Buffer.from(credentials, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    // Both parts are always compared, so that timing does not tell which one was wrong.
    const userOk = sameSecret(colon < 0 ? decoded : decoded.slice(0, colon), auth.basic.user);
    const passwordOk = sameSecret(colon < 0 ? '' : decoded.slice(colon + 1), auth.basic.password);
    if (colon >= 0 && userOk && passwordOk) return;
  }
  const challenges = [auth.bearerToken !== undefined ? 'Bearer realm="klaxon"' : undefined, auth.basic !== undefined ? 'Basic realm="klaxon"' : undefined].filter((c) => c !== undefined);
  throw new HttpError(401, 'unauthorized', { 'www-authenticate': challenges.join(', ') });
}

/** Constant-time comparison of two secrets of any length (their hashes are compared). */
function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
