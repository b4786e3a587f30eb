/**
 * The local alert manager as one object: for a configuration file and a clock it holds the alerts,
 * their markers, the silences and the notification log, and runs the parts one configuration
 * defines (routing, inhibition, time intervals, the dispatcher with its notification pipeline,
 * enrichment), keeping everything in the store. Operations that change state resolve once the
 * change is committed to the store, so that an API answer is never ahead of the file.
 *
 * A reload builds the new configuration's parts completely before swapping them in; a
 * configuration with errors is refused and the running one kept. As in Alertmanager, alerts
 * outlive a reload and aggregation groups are rebuilt from them.
 */
import { readFile } from 'node:fs/promises';
import type { Clock } from '../clock.js';
import { fingerprint } from '../labels/fingerprint.js';
import { KlaxonStore, type HistoryQuery, type StoreOptions, type StoredHistoryEvent } from '../store/klaxon-store.js';
import { alertFilter, selectAlerts, type AlertsFilter, type AlertView, type ReceiverFilter } from './alerts/alert-query.js';
import { ingestPostedAlerts, type IngestResult } from './alerts/ingest.js';
import { AlertMarker } from './alerts/marker.js';
import type { PostableAlert } from './alerts/postable-alert.js';
import { AlertProvider } from './alerts/provider.js';
import type { AlertmanagerConfig } from './config/types.js';
import type { Alert, Silence, StoredAlert } from './model.js';
import { DEFAULT_MAINTENANCE_INTERVAL_MS, DEFAULT_RETENTION_MS, NotificationLog } from './nflog/notification-log.js';
import { isResolvedAt } from './notify/alert-status.js';
import { selectSilences, type FilterMatcher, type GettableSilence } from './silences/gettable-silence.js';
import { Silences, type SetSilenceResult, type SilenceInput } from './silences/silences.js';
import { ConfigGeneration, type GenerationContext, type IntegrationFactory } from './server/config-generation.js';
import { ConfigLoadError, loadManagerConfig, type LoadedManagerConfig } from './server/load-manager-config.js';
import { silentLogger, type Logger } from './server/log.js';
import { shownConfig } from './server/redact-secrets.js';
import { StateJournal } from './server/state-journal.js';

export { ConfigLoadError } from './server/load-manager-config.js';

export interface AlertManagerOptions {
  /** The configuration file: reloads read it, and enrichment finds its lookup tables beside it. */
  configFile: string;
  /** The file's text when already read; otherwise it is read from `configFile`. */
  configText?: string;
  clock: Clock;
  /** The store's directory (`--storage.path`); without one nothing outlives the process. */
  storagePath?: string;
  storeOptions?: StoreOptions;
  /** `--web.external-url`: notifications link to it. */
  externalURL?: string;
  /** `--data.retention`, ms: how long silences, notification-log entries and history are kept. */
  retention?: number;
  log?: Logger;
  /** Tests fix these: backoff randomisation and silence IDs. */
  random?: () => number;
  newSilenceId?: () => string;
  /** Replaces the receivers' integrations: `klaxon simulate` records notifications instead of sending them. */
  integrationFor?: IntegrationFactory;
}

/** Alerts forwarded by another Alertmanager's webhook, and where they come from. */
export interface ForwardedAlerts {
  alerts: readonly PostableAlert[];
  receiver: string;
  groupKey: string;
  externalURL: string;
}

/** An aggregation group as GET /api/v2/alerts/groups lists it. */
export interface AlertGroupView {
  labels: StoredAlert['labels'];
  receiver: string;
  alerts: AlertView[];
}

export class AlertManager {
  readonly clock: Clock;
  readonly startedAt: number;
  private generation: ConfigGeneration;
  private shownConfigText: string;
  private reloading: Promise<void> = Promise.resolve();
  /** What close() undoes: subscriptions and timers. */
  private readonly teardown: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly options: AlertManagerOptions,
    private readonly store: KlaxonStore | undefined,
    private readonly provider: AlertProvider,
    private readonly silences: Silences,
    private readonly journal: StateJournal,
    private readonly context: GenerationContext,
    loaded: LoadedManagerConfig,
  ) {
    this.clock = options.clock;
    this.startedAt = options.clock.now();
    this.generation = new ConfigGeneration(loaded.config, loaded.enricher, context);
    this.shownConfigText = shownConfig(loaded.config.original);
  }

  /**
   * Loads the configuration, opens the store and restores what it kept, and starts. Throws
   * ConfigLoadError for a configuration with errors and StoreError for a store it cannot use.
   */
  static async start(options: AlertManagerOptions): Promise<AlertManager> {
    const log = options.log ?? silentLogger;
    const externalURL = options.externalURL ?? '';
    const text = options.configText ?? (await readConfigFile(options.configFile));
    log('info', 'Loading configuration file', { file: options.configFile });
    const loaded = await loadManagerConfig(text, options.configFile, { externalURL });
    const store = options.storagePath === undefined ? undefined : KlaxonStore.open(options.storagePath, options.storeOptions);
    try {
      const { clock } = options;
      const retention = options.retention ?? DEFAULT_RETENTION_MS;
      const marker = new AlertMarker();
      const journal = new StateJournal(store, log);
      const record = journal.record.bind(journal);
      const provider = new AlertProvider({
        clock,
        marker,
        onHistory: record,
        onListenerError: (error) => log('error', 'Alert listener failed', { err: (error as Error).message }),
      });
      const silences = new Silences({ clock, retention, onHistory: record, newId: options.newSilenceId });
      const nflog = new NotificationLog({ clock, retention });
      if (store) {
        provider.load(store.listAlerts());
        silences.load(store.listSilences());
        nflog.load(store.listNotificationLog());
      }
      const context: GenerationContext = { clock, provider, marker, silences, nflog, externalURL, log, record, random: options.random, integrationFor: options.integrationFor };
      const manager = new AlertManager(options, store, provider, silences, journal, context, loaded);
      manager.begin(nflog, retention);
      for (const warning of loaded.warnings) log('warn', 'Configuration warning', { problem: warning });
      log('info', 'Completed loading of configuration file', { file: options.configFile, alerts: provider.size, silences: silences.size });
      return manager;
    } catch (error) {
      store?.close();
      throw error;
    }
  }

  get config(): AlertmanagerConfig {
    return this.generation.config;
  }

  /** The configuration as GET /api/v2/status shows it: Klaxon's keys removed, secrets hidden. */
  get shownConfig(): string {
    return this.shownConfigText;
  }

  /** The receivers' names, in the configuration's order. */
  receivers(): string[] {
    return this.config.receivers.map((r) => r.name.value);
  }

  // Alerts.

  /**
   * POST /api/v2/alerts: stores the valid alerts (enriched) and reports the invalid ones; resolves
   * once the stored alerts are committed.
   */
  async postAlerts(posted: readonly PostableAlert[]): Promise<IngestResult> {
    const now = this.options.clock.now();
    const result = ingestPostedAlerts(posted, { now, resolveTimeout: this.config.global.resolveTimeout });
    result.alerts = this.accept(result.alerts, now);
    await this.journal.commit();
    return result;
  }

  /** Alerts another Alertmanager notified through its webhook: taken as if posted, with history saying where from. */
  async receiveForwarded(forwarded: ForwardedAlerts): Promise<IngestResult> {
    const now = this.options.clock.now();
    const result = ingestPostedAlerts(forwarded.alerts, { now, resolveTimeout: this.config.global.resolveTimeout });
    const source = { receiver: forwarded.receiver, groupKey: forwarded.groupKey, externalURL: forwarded.externalURL };
    result.alerts = this.accept(result.alerts, now, (alert) => {
      const status = isResolvedAt(alert, now) ? 'resolved' : 'firing';
      this.journal.record({ at: now, kind: 'webhook.received', fingerprint: fingerprint(alert.labels), data: { ...source, status } });
    });
    await this.journal.commit();
    return result;
  }

  /** GET /api/v2/alerts: the alerts that pass the filters, with status and receivers, by fingerprint. */
  alerts(filter: AlertsFilter, receiver?: ReceiverFilter): AlertView[] {
    const generation = this.generation;
    return selectAlerts(this.provider.list(), {
      filter,
      receiver,
      now: this.options.clock.now(),
      receiversOf: (alert) => generation.receiversOf(alert.labels),
      statusOf: (alert) => generation.statusOf(alert),
    });
  }

  /** GET /api/v2/alerts/groups: the aggregation groups, their alerts filtered, as Alertmanager lists them. */
  alertGroups(filter: AlertsFilter, receiver?: ReceiverFilter): AlertGroupView[] {
    const generation = this.generation;
    const statusOf = (alert: StoredAlert) => generation.statusOf(alert);
    const listing = generation.dispatcher.groups({
      route: (route) => !receiver || receiver.matches(route.opts.receiver),
      alert: (alert, now) => alertFilter(filter, now, statusOf)(alert),
    });
    return listing.groups.map((group) => ({
      labels: group.labels,
      receiver: group.receiver,
      alerts: group.alerts.map((alert) => ({ alert, status: statusOf(alert), receivers: listing.receivers.get(alert.fingerprint) ?? [] })),
    }));
  }

  // Silences.

  /** GET /api/v2/silences. */
  listSilences(filter: readonly FilterMatcher[]): GettableSilence[] {
    return selectSilences(this.silences.query(), { filter, now: this.options.clock.now() });
  }

  getSilence(id: string): Silence | undefined {
    return this.silences.get(id);
  }

  /** POST /api/v2/silences: creates, updates or replaces; throws the silences' API errors. */
  async setSilence(input: SilenceInput): Promise<SetSilenceResult> {
    const result = this.silences.set(input);
    await this.journal.commit();
    return result;
  }

  /** DELETE /api/v2/silence/{id}; throws SilenceNotFoundError. */
  async expireSilence(id: string): Promise<'expired' | 'already-expired'> {
    const result = this.silences.expire(id);
    await this.journal.commit();
    return result;
  }

  // History, configuration, lifecycle.

  /** Recorded history, newest first unless asked otherwise; empty without a store. */
  history(query: HistoryQuery): StoredHistoryEvent[] {
    return this.store?.queryHistory(query) ?? [];
  }

  /** Swaps in a new configuration; throws ConfigLoadError and keeps the running one if it has errors. */
  reload(text: string): Promise<void> {
    const done = this.reloading.then(() => this.apply(text));
    this.reloading = done.catch(() => undefined);
    return done;
  }

  /** Reads the configuration file again and reloads it (SIGHUP, POST /-/reload). */
  async reloadFromFile(): Promise<void> {
    const { configFile } = this.options;
    let text: string;
    try {
      this.log('info', 'Loading configuration file', { file: configFile });
      text = await readConfigFile(configFile);
    } catch (error) {
      this.log('error', 'Loading configuration file failed', { file: configFile, err: (error as Error).message });
      throw error;
    }
    await this.reload(text);
  }

  /** Resolves once no aggregation group is notifying. */
  idle(): Promise<void> {
    return this.generation.dispatcher.idle();
  }

  /** Stops every timer and notification, commits what is pending and closes the store. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.reloading;
    this.generation.stop();
    for (const stop of this.teardown.splice(0)) stop();
    try {
      await this.journal.close();
      await this.store?.flush();
    } catch (error) {
      this.log('error', 'Failed to write state to the store on close', { err: (error as Error).message });
    } finally {
      this.store?.close();
    }
  }

  private get log(): Logger {
    return this.context.log;
  }

  private begin(nflog: NotificationLog, retention: number): void {
    const { provider, silences, journal } = this;
    this.teardown.push(provider.subscribe(journal), silences.subscribe(journal), nflog.subscribe((entry) => journal.notificationLogged(entry)));
    this.generation.start();
    provider.start();
    silences.start();
    this.teardown.push(() => provider.stop(), () => silences.stop());
    this.teardown.push(nflog.startMaintenance(DEFAULT_MAINTENANCE_INTERVAL_MS, (removed) => journal.notificationsExpired(removed)));
    this.teardown.push(this.every(DEFAULT_MAINTENANCE_INTERVAL_MS, () => this.pruneHistory(retention)));
  }

  private async apply(text: string): Promise<void> {
    const { configFile } = this.options;
    if (this.closed) throw new Error('the alert manager is closed');
    let loaded: LoadedManagerConfig;
    try {
      loaded = await loadManagerConfig(text, configFile, { externalURL: this.context.externalURL });
    } catch (error) {
      this.log('error', 'Loading configuration file failed', { file: configFile, err: oneLine((error as Error).message) });
      throw error;
    }
    const next = new ConfigGeneration(loaded.config, loaded.enricher, this.context);
    const shown = shownConfig(loaded.config.original);
    this.generation.stop();
    this.generation = next;
    this.shownConfigText = shown;
    next.start();
    for (const warning of loaded.warnings) this.log('warn', 'Configuration warning', { problem: warning });
    this.log('info', 'Completed loading of configuration file', { file: configFile });
  }

  /** Enriches each alert, stores them and returns them as stored; `received` sees each enriched alert first. */
  private accept(alerts: readonly Alert[], now: number, received?: (alert: Alert) => void): Alert[] {
    const enriched = alerts.map((alert) => this.enrich(alert, now));
    if (received) enriched.forEach(received);
    this.provider.put(enriched);
    return enriched;
  }

  /** Adds what the enrichment rules say; records it unless the stored alert already had it all. */
  private enrich(alert: Alert, now: number): Alert {
    const enricher = this.generation.enricher;
    if (enricher.empty) return alert;
    const { alert: enriched, added, errors } = enricher.enrich(alert, now);
    const fp = fingerprint(enriched.labels);
    for (const error of errors) this.log('warn', 'Enrichment failed', { fingerprint: fp, err: error });
    const addedLabels = Object.entries(added.labels);
    const addedAnnotations = Object.entries(added.annotations);
    if (addedLabels.length + addedAnnotations.length + errors.length === 0) return enriched;
    const stored = this.provider.get(fp);
    const known = stored !== undefined && errors.length === 0 && addedAnnotations.every(([name, value]) => stored.annotations[name] === value);
    if (!known) {
      this.journal.record({ at: now, kind: 'alert.enriched', fingerprint: fp, data: { labels: added.labels, annotations: added.annotations, ...(errors.length > 0 ? { errors } : {}) } });
    }
    return enriched;
  }

  private pruneHistory(retention: number): void {
    this.store?.pruneHistory(this.options.clock.now() - retention).catch((error: unknown) => {
      this.log('error', 'Failed to prune history', { err: (error as Error).message });
    });
  }

  /** Runs `task` every `interval` on the clock until the returned function is called. */
  private every(interval: number, task: () => void): () => void {
    const { clock } = this.options;
    let cancel = clock.setTimer(interval, function tick() {
      cancel = clock.setTimer(interval, tick);
      task();
    });
    return () => cancel();
  }
}

async function readConfigFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ConfigLoadError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function oneLine(message: string): string {
  return message.split('\n').join('; ');
}
