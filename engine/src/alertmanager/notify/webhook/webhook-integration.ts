/**
 * The webhook integration (Alertmanager's notify/webhook): POSTs the version-4 JSON message to
 * the configured URL with the config's HTTP client settings, and tells the retry stage whether a
 * failure is worth retrying.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '../../../clock.js';
import type { IntegrationConfig } from '../../config/types.js';
import type { StoredAlert } from '../../model.js';
import { abortAfter } from '../clock-signals.js';
import type { NotifyContext } from '../context.js';
import type { Integration, NotifyOutcome } from '../integration.js';
import { templateData } from '../template-data.js';
import { httpClientHeaders } from './http-client-settings.js';
import { outcomeOfResponse } from './http-outcome.js';
import { truncateAlerts, webhookBody } from './webhook-message.js';
import { readWebhookSettings, type WebhookSettings } from './webhook-settings.js';

export const USER_AGENT = 'Klaxon';

export interface WebhookIntegrationOptions {
  clock: Clock;
  /** Alertmanager's --web.external-url, as the message's `externalURL`. */
  externalURL: string;
  /** Reads `url_file` and secret files; the file system unless a test says otherwise. */
  readFile?: (path: string) => Promise<string>;
}

export class WebhookIntegration implements Integration {
  readonly type = 'webhook';
  readonly index: number;
  readonly sendResolved: boolean;
  private readonly settings: WebhookSettings;
  private readonly read: (path: string) => Promise<string>;

  constructor(
    config: IntegrationConfig,
    private readonly options: WebhookIntegrationOptions,
  ) {
    this.index = config.index;
    this.sendResolved = config.sendResolved;
    this.settings = readWebhookSettings(config.settings);
    this.read = options.readFile ?? ((path) => readFile(path, 'utf8'));
  }

  async notify(ctx: NotifyContext, alerts: readonly StoredAlert[]): Promise<NotifyOutcome> {
    const { clock, externalURL } = this.options;
    const { kept, truncated } = truncateAlerts(alerts, this.settings.maxAlerts);
    const data = templateData({
      receiver: ctx.receiver,
      groupLabels: ctx.groupLabels,
      alerts: kept,
      notificationReason: ctx.notificationReason ?? 'unknown',
      externalURL,
      now: clock.now(),
    });
    const body = webhookBody(data, ctx.groupKey, truncated);
    let url: string;
    let headers: Headers;
    try {
      url = await this.url();
    } catch (e) {
      return { retry: false, error: new Error(`read url_file: ${(e as Error).message}`) };
    }
    try {
      // Upstream reads these inside the HTTP client, where a failure is retried like a network error.
      headers = await httpClientHeaders(this.settings.http, this.read);
    } catch (e) {
      return { retry: true, error: new Error(`read http_config secret: ${(e as Error).message}`) };
    }
    headers.set('Content-Type', 'application/json');
    headers.set('User-Agent', USER_AGENT);
    const timeout = this.settings.timeout > 0
      ? abortAfter(clock, this.settings.timeout, new Error(`configured webhook timeout reached (${this.settings.timeout}ms)`))
      : undefined;
    const signal = timeout ? AbortSignal.any([ctx.signal, timeout.signal]) : ctx.signal;
    (globalThis as any).__probe?.('F');/*LATPROBE*/
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body,
        signal,
        redirect: this.settings.http.followRedirects ? 'follow' : 'manual',
      });
      (globalThis as any).__probe?.('G');/*LATPROBE*/
      return await outcomeOfResponse(response, clock.now());
    } catch (e) {
      return { retry: true, error: new Error(`post webhook: ${describeFetchError(e, signal)}`) };
    } finally {
      timeout?.cancel();
    }
  }

  private async url(): Promise<string> {
    if (this.settings.url !== undefined) return this.settings.url;
    if (this.settings.urlFile === undefined) throw new Error('no url or url_file');
    return (await this.read(this.settings.urlFile)).trim();
  }
}

/** The cause of a failed fetch without the URL, which may carry a secret. */
function describeFetchError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const e = error as Error & { cause?: { message?: string; code?: string } };
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message}: ${cause}` : e.message;
}
