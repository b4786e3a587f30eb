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
import { outcomeOfAnswer } from './http-outcome.js';
import { httpPost } from './http-post.js';
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
    let headers: Record<string, string>;
    try {
      url = await this.url();
    } catch (e) {
      return { retry: false, error: new Error(`read url_file: ${(e as Error).message}`) };
    }
    try {
      // Upstream reads these inside the HTTP client, where a failure is retried like a network error.
      headers = Object.fromEntries(await httpClientHeaders(this.settings.http, this.read));
    } catch (e) {
      return { retry: true, error: new Error(`read http_config secret: ${(e as Error).message}`) };
    }
    headers['content-type'] = 'application/json';
    headers['user-agent'] = USER_AGENT;
    const timeout = this.settings.timeout > 0
      ? abortAfter(clock, this.settings.timeout, new Error(`configured webhook timeout reached (${this.settings.timeout}ms)`))
      : undefined;
    const signal = timeout ? eitherSignal(ctx.signal, timeout.signal) : { signal: ctx.signal, dispose: () => {} };
    try {
      const answer = await httpPost(url, { headers, body, signal: signal.signal, followRedirects: this.settings.http.followRedirects });
      return outcomeOfAnswer(answer, clock.now());
    } catch (e) {
      return { retry: true, error: new Error(`post webhook: ${describePostError(e, signal.signal)}`) };
    } finally {
      timeout?.cancel();
      signal.dispose();
    }
  }

  private async url(): Promise<string> {
    if (this.settings.url !== undefined) return this.settings.url;
    if (this.settings.urlFile === undefined) throw new Error('no url or url_file');
    return (await this.read(this.settings.urlFile)).trim();
  }
}

/** Why the POST failed, without the URL, which may carry a secret. */
function describePostError(error: unknown, signal: AbortSignal): string {
  if (signal.aborted && signal.reason instanceof Error) return signal.reason.message;
  const code = (error as NodeJS.ErrnoException).code;
  return code ? `request failed: ${code}` : (error as Error).message;
}

/** A signal that aborts with the first of the two (AbortSignal.any, at a fraction of its cost). */
function eitherSignal(a: AbortSignal, b: AbortSignal): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onA = () => controller.abort(a.reason);
  const onB = () => controller.abort(b.reason);
  if (a.aborted) onA();
  else if (b.aborted) onB();
  a.addEventListener('abort', onA, { once: true });
  b.addEventListener('abort', onB, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      a.removeEventListener('abort', onA);
      b.removeEventListener('abort', onB);
    },
  };
}
