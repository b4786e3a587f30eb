/**
 * Prometheus's alert state machine for one alerting rule (rules/alerting.go): pending from
 * `activeAt`, firing once `for` has elapsed, held by `keep_firing_for`, resolved alerts kept (and
 * re-sent) for 15 minutes, the group `limit`, and which alerts are due to be sent.
 */
import type { Labels } from '../labels/labels.js';
import type { InstantVector } from '../promql/eval/values.js';
import { AlertAnnotations } from './alert-annotations.js';
import type { AlertingRule } from './rule.js';

export type AlertState = 'pending' | 'firing' | 'inactive';

/** How long a resolved alert is still kept (and re-sent) after it resolved. */
export const RESOLVED_RETENTION_MS = 15 * 60_000;

export const DUPLICATE_ALERT_LABELS = 'vector contains metrics with the same labelset after applying alert labels';

export interface Alert {
  labels: Labels;
  /** The annotations as expanded at the last evaluation (possibly on first read, see `deferAnnotations`). */
  annotations: AlertAnnotations;
  state: AlertState;
  /** The expression's value at the last evaluation that returned this alert. */
  value: number;
  activeAtMs: number;
  firedAtMs: number | undefined;
  /** Set once the alert resolved; such alerts are kept for RESOLVED_RETENTION_MS. */
  resolvedAtMs: number | undefined;
  lastSentAtMs: number | undefined;
  validUntilMs: number | undefined;
  keepFiringSinceMs: number | undefined;
}

export interface AlertTransition {
  labels: Labels;
  from: AlertState;
  to: AlertState;
  atMs: number;
  value: number;
  /** The annotations as last expanded. */
  annotations: AlertAnnotations;
  /** Set when the group `limit` dropped the alert rather than its expression clearing. */
  cause?: 'limit';
}

/** Expands one label or annotation template for a result sample (see alert-templates.ts). */
export type TemplateExpander = (text: string, sampleLabels: Labels, value: number) => string;

export interface AlertUpdateOptions {
  expand?: TemplateExpander;
  /** The group's `limit`: more pending and firing alerts than this is an error. 0 for none. */
  limit?: number;
  /**
   * Expand annotation templates only when an alert's annotations are read (at a transition, when
   * it is sent), from the labels and value of the evaluation, rather than at every evaluation.
   * The output is the same unless a template calls `query`; such rules are always expanded at once.
   */
  deferAnnotations?: boolean;
}

/** The rule's `limit` was exceeded: all its alerts were dropped, as Prometheus does. */
export class AlertLimitError extends Error {
  constructor(
    limit: number,
    count: number,
    /** The alerts that were pending or firing before the evaluation, now dropped. */
    readonly dropped: AlertTransition[],
  ) {
    super(`exceeded limit of ${limit} with ${count} alerts`);
    this.name = 'AlertLimitError';
  }
}

const verbatim: TemplateExpander = (text) => text;

/** Text without `{{` expands to itself. */
function isTemplate(text: string): boolean {
  return text.includes('{{');
}

export class AlertingRuleState {
  private active = new Map<string, AlertRecord>();
  /** The rule's labels with the group's labels merged in (rule labels win), not yet expanded. */
  readonly labels: Record<string, string>;
  private readonly labelEntries: [string, string][];
  private readonly annotationEntries: [string, string][];
  /** Alert labels by sample labels, when no rule label is a template. */
  private readonly labelsMemo: WeakMap<Labels, Labels> | undefined;
  /** The annotations, when none is a template. */
  private readonly fixedAnnotations: AlertAnnotations | undefined;
  /** Whether an annotation may run a query, so that it must be expanded at the evaluation. */
  private readonly annotationsQuery: boolean;

  constructor(
    readonly rule: AlertingRule,
    groupLabels: Record<string, string> = {},
  ) {
    this.labels = { ...groupLabels, ...rule.labels };
    this.labelEntries = Object.entries(this.labels);
    this.annotationEntries = Object.entries(rule.annotations);
    if (!this.labelEntries.some(([, text]) => isTemplate(text))) this.labelsMemo = new WeakMap();
    if (!this.annotationEntries.some(([, text]) => isTemplate(text))) this.fixedAnnotations = AlertAnnotations.from(this.annotationEntries);
    this.annotationsQuery = this.annotationEntries.some(([, text]) => isTemplate(text) && text.includes('query'));
  }

  /** The alert labels of one result sample: its labels without the metric name, the (expanded) rule labels, `alertname`. */
  alertLabels(sampleLabels: Labels, value = 0, expand: TemplateExpander = verbatim): Labels {
    const memo = this.labelsMemo?.get(sampleLabels);
    if (memo) return memo;
    let labels = sampleLabels.without(['__name__']);
    for (const [name, text] of this.labelEntries) labels = labels.with(name, isTemplate(text) ? expand(text, sampleLabels, value) : text);
    labels = labels.with('alertname', this.rule.name);
    this.labelsMemo?.set(sampleLabels, labels);
    return labels;
  }

  private annotationsFor(sampleLabels: Labels, value: number, expand: TemplateExpander): AlertAnnotations {
    return this.fixedAnnotations ?? AlertAnnotations.from(this.annotationEntries.map(([name, text]) => [name, isTemplate(text) ? expand(text, sampleLabels, value) : text] as const));
  }

  private setAnnotations(alert: AlertRecord, sampleLabels: Labels, value: number, expand: TemplateExpander, defer: boolean): void {
    if (defer && !this.annotationsQuery) alert.expandAnnotationsLater(() => this.annotationsFor(sampleLabels, value, expand));
    else alert.annotations = this.annotationsFor(sampleLabels, value, expand);
  }

  /**
   * Applies one evaluation's result at `nowMs`; returns the state changes it caused. Throws,
   * leaving the state untouched, when two samples map to the same alert labels; throws an
   * AlertLimitError, after dropping every alert, when the limit is exceeded.
   */
  update(result: InstantVector, nowMs: number, options: AlertUpdateOptions = {}): AlertTransition[] {
    const expand = options.expand ?? verbatim;
    const fresh = new Map<string, { labels: Labels; sample: InstantVector[number] }>();
    for (const sample of result) {
      const labels = this.alertLabels(sample.labels, sample.v, expand);
      const key = labels.key();
      if (fresh.has(key)) throw new Error(DUPLICATE_ALERT_LABELS);
      fresh.set(key, { labels, sample });
    }
    const limit = options.limit ?? 0;
    const before = limit > 0 ? this.activeTransitionsToInactive(nowMs) : [];

    const transitions: AlertTransition[] = [];
    const defer = options.deferAnnotations ?? false;
    for (const [key, { labels, sample }] of fresh) {
      const existing = this.active.get(key);
      if (existing && existing.state !== 'inactive') {
        existing.value = sample.v;
        this.setAnnotations(existing, sample.labels, sample.v, expand, defer);
        continue;
      }
      const alert = new AlertRecord(labels, sample.v, nowMs);
      this.setAnnotations(alert, sample.labels, sample.v, expand, defer);
      this.active.set(key, alert);
      transitions.push(transition(alert, 'inactive', 'pending', nowMs));
    }

    let pendingOrFiring = 0;
    for (const [key, alert] of this.active) {
      if (fresh.has(key)) alert.keepFiringSinceMs = undefined;
      else if (!this.holdsFiring(alert, nowMs)) {
        if (alert.state === 'pending' || (alert.resolvedAtMs !== undefined && nowMs - alert.resolvedAtMs > RESOLVED_RETENTION_MS)) {
          this.active.delete(key);
        }
        if (alert.state !== 'inactive') {
          transitions.push(transition(alert, alert.state, 'inactive', nowMs));
          alert.state = 'inactive';
          alert.resolvedAtMs = nowMs;
        }
        continue;
      }
      pendingOrFiring++;
      if (alert.state === 'pending' && nowMs - alert.activeAtMs >= this.rule.forMs) {
        alert.state = 'firing';
        alert.firedAtMs = nowMs;
        transitions.push(transition(alert, 'pending', 'firing', nowMs));
      }
    }

    if (limit > 0 && pendingOrFiring > limit) {
      this.active = new Map();
      throw new AlertLimitError(limit, pendingOrFiring, before);
    }
    return transitions;
  }

  /** Whether a firing alert that left the result still fires because of `keep_firing_for`. */
  private holdsFiring(alert: Alert, nowMs: number): boolean {
    if (alert.state !== 'firing' || this.rule.keepFiringForMs <= 0) return false;
    alert.keepFiringSinceMs ??= nowMs;
    return nowMs - alert.keepFiringSinceMs < this.rule.keepFiringForMs;
  }

  private activeTransitionsToInactive(nowMs: number): AlertTransition[] {
    const out: AlertTransition[] = [];
    for (const alert of this.active.values()) {
      if (alert.state !== 'inactive') out.push({ ...transition(alert, alert.state, 'inactive', nowMs), cause: 'limit' });
    }
    return out;
  }

  /**
   * The alerts due to be sent at `nowMs` (never pending ones): resolved since the last send, or
   * last sent more than `resendDelayMs` ago. Marks them sent, valid for 4 times the larger of
   * the resend delay and the group interval. Returns copies.
   */
  takeAlertsToSend(nowMs: number, resendDelayMs: number, intervalMs: number): Alert[] {
    return this.markSent(nowMs, resendDelayMs, intervalMs).map((alert) => alert.snapshot());
  }

  /** As takeAlertsToSend, when nobody receives the alerts: marks them sent and says how many were due. */
  markAlertsSent(nowMs: number, resendDelayMs: number, intervalMs: number): number {
    return this.markSent(nowMs, resendDelayMs, intervalMs).length;
  }

  private markSent(nowMs: number, resendDelayMs: number, intervalMs: number): AlertRecord[] {
    const due: AlertRecord[] = [];
    for (const alert of this.active.values()) {
      if (!needsSending(alert, nowMs, resendDelayMs)) continue;
      alert.lastSentAtMs = nowMs;
      alert.validUntilMs = nowMs + 4 * Math.max(resendDelayMs, intervalMs);
      due.push(alert);
    }
    return due;
  }

  /** Every alert held, including resolved ones still retained. */
  alerts(): Alert[] {
    return [...this.active.values()];
  }

  /** The pending and firing alerts (those not resolved). */
  activeAlerts(): Alert[] {
    return this.alerts().filter((a) => a.resolvedAtMs === undefined);
  }
}

function needsSending(alert: Alert, nowMs: number, resendDelayMs: number): boolean {
  if (alert.state === 'pending') return false;
  if (alert.lastSentAtMs === undefined) return true;
  if (alert.resolvedAtMs !== undefined && alert.resolvedAtMs > alert.lastSentAtMs) return true;
  return alert.lastSentAtMs + resendDelayMs < nowMs;
}

/** An alert as the state machine holds it; its annotations may be expanded on first read. */
class AlertRecord implements Alert {
  state: AlertState = 'pending';
  firedAtMs: number | undefined = undefined;
  resolvedAtMs: number | undefined = undefined;
  lastSentAtMs: number | undefined = undefined;
  validUntilMs: number | undefined = undefined;
  keepFiringSinceMs: number | undefined = undefined;
  private expanded = AlertAnnotations.EMPTY;
  private expandLater: (() => AlertAnnotations) | undefined;

  constructor(
    readonly labels: Labels,
    public value: number,
    readonly activeAtMs: number,
  ) {}

  get annotations(): AlertAnnotations {
    if (this.expandLater) {
      this.expanded = this.expandLater();
      this.expandLater = undefined;
    }
    return this.expanded;
  }

  set annotations(annotations: AlertAnnotations) {
    this.expanded = annotations;
    this.expandLater = undefined;
  }

  expandAnnotationsLater(expand: () => AlertAnnotations): void {
    this.expandLater = expand;
  }

  /** A plain copy, annotations expanded. */
  snapshot(): Alert {
    const { labels, annotations, state, value, activeAtMs, firedAtMs, resolvedAtMs, lastSentAtMs, validUntilMs, keepFiringSinceMs } = this;
    return { labels, annotations, state, value, activeAtMs, firedAtMs, resolvedAtMs, lastSentAtMs, validUntilMs, keepFiringSinceMs };
  }
}

function transition(alert: Alert, from: AlertState, to: AlertState, atMs: number): AlertTransition {
  return { labels: alert.labels, from, to, atMs, value: alert.value, annotations: alert.annotations };
}
