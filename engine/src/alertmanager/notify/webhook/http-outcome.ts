/**
 * What an HTTP answer means for the retry stage (Alertmanager's notify.Retrier): 2xx is success,
 * 5xx is worth retrying, other statuses are not, except 429, which Klaxon retries after the
 * Retry-After the receiver asked for (upstream 0.25 and 0.34 give up on 429).
 */
import type { NotifyOutcome } from '../integration.js';

const TOO_MANY_REQUESTS = 429;

export async function outcomeOfResponse(response: Response, now: number): Promise<NotifyOutcome> {
  const body = await response.text().catch(() => '');
  const status = response.status;
  if (status >= 200 && status < 300) return { retry: false };
  const error = new Error(`unexpected status code ${status}${body === '' ? '' : `: ${body}`}`);
  if (status === TOO_MANY_REQUESTS) {
    return { retry: true, error, retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), now) };
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
