/** A `webhook_configs` entry's fields as the webhook integration uses them. */
import { tryParseDuration } from '../../../promql/duration.js';
import { asRecord, readHttpClientSettings, type HttpClientSettings } from './http-client-settings.js';

export interface WebhookSettings {
  /** `url`, or undefined when the URL comes from `url_file`. */
  url?: string;
  urlFile?: string;
  /** 0 sends every alert. */
  maxAlerts: number;
  /** Per-request timeout in ms; 0 leaves only the flush's deadline. */
  timeout: number;
  http: HttpClientSettings;
}

/** Reads the decoded settings (snake_case keys; durations in ms or as duration strings). */
export function readWebhookSettings(settings: Readonly<Record<string, unknown>>): WebhookSettings {
  return {
    url: typeof settings.url === 'string' ? settings.url : undefined,
    urlFile: typeof settings.url_file === 'string' ? settings.url_file : undefined,
    maxAlerts: typeof settings.max_alerts === 'number' ? settings.max_alerts : 0,
    timeout: durationMs(settings.timeout),
    http: readHttpClientSettings(asRecord(settings.http_config)),
  };
}

function durationMs(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value !== '') return tryParseDuration(value).ms ?? 0;
  return 0;
}
