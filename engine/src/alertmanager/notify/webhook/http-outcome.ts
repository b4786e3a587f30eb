/**
 * What an HTTP answer means for the retry stage (Alertmanager's notify.Retrier): 2xx is success,
 * 5xx is worth retrying, other statuses are not, except 429, which Klaxon retries after the
 * Retry-After the receiver asked for (upstream 0.25 and 0.34 give up on 429).
 */
import type { NotifyOutcome } from '../integration.js';
import type { HttpAnswer } from './http-post.js';

const TOO_MANY_REQUESTS = 429;

export function outcomeOfAnswer({ status, headers, body }: HttpAnswer, now: number): NotifyOutcome {
  if (status >= 200 && status < 300) return { retry: false };
  const error = new Error(`unexpected status code ${status}${body === '' ? '' : `: ${body}`}`);
  if (status === TOO_MANY_REQUESTS) {
    return { retry: true, error, retryAfterMs: parseRetryAfter(headers['retry-after'] ?? null, now) };
  }
  return { retry: status >= 500 && status < 600, error };
}

/** Retry-After as delay-seconds or an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
