/**
 * An Alertmanager configuration as loaded: defaults applied, inheritance not yet (the route tree
 * does that), every named thing with its range in the file so that the editor can navigate.
 * Durations are milliseconds.
 */
import type { Matcher } from '../../labels/matcher.js';
import type { TextRange } from '../../promql/ast.js';
import type { SeverityAliases } from '../../severity/severity.js';

export interface AlertmanagerConfig {
  global: GlobalConfig;
  route: RouteConfig;
  receivers: ReceiverConfig[];
  inhibitRules: InhibitRuleConfig[];
  /** `time_intervals` and the deprecated `mute_time_intervals`, in file order. */
  timeIntervals: TimeIntervalConfig[];
  /** Template file globs, as written. */
  templates: Located<string>[];
  /** Klaxon's own top-level keys. */
  klaxon: KlaxonSettings;
  /** The file's text, as loaded (the API's `config.original` is derived from it). */
  original: string;
}

export interface Located<T> {
  value: T;
  range: TextRange;
}

export interface GlobalConfig {
  /** Default 5m: how long an alert posted without `endsAt` stays active. */
  resolveTimeout: number;
  /** Every other global field, decoded, with upstream's defaults (`smtp_require_tls` true, `pagerduty_url`...). */
  settings: Readonly<Record<string, unknown>>;
}

/** A route as written: unset options are undefined, to be inherited from the parent. */
export interface RouteConfig {
  receiver?: Located<string>;
  /** undefined when `group_by` is not set; `['...']` is kept as `groupByAll`. */
  groupBy?: string[];
  groupByAll: boolean;
  /**
   * `match` (equality), `match_re` (value anchored as `^(?:re)$`, as upstream prints it) and
   * `matchers`, in that order; the route tree sorts them.
   */
  matchers: Matcher[];
  continue: boolean;
  groupWait?: number;
  groupInterval?: number;
  repeatInterval?: number;
  muteTimeIntervals: Located<string>[];
  activeTimeIntervals: Located<string>[];
  routes: RouteConfig[];
  range: TextRange;
}

/** Every integration type Alertmanager has, as the `<type>_configs` key names it. */
export type IntegrationType =
  | 'discord'
  | 'email'
  | 'incidentio'
  | 'jira'
  | 'mattermost'
  | 'msteams'
  | 'msteamsv2'
  | 'opsgenie'
  | 'pagerduty'
  | 'pushover'
  | 'rocketchat'
  | 'slack'
  | 'sns'
  | 'telegram'
  | 'victorops'
  | 'webex'
  | 'webhook'
  | 'wechat';

export interface IntegrationConfig {
  type: IntegrationType;
  /** Position among the receiver's configs of the same type (the notification log's index). */
  index: number;
  sendResolved: boolean;
  /** The config's fields, decoded, with upstream's defaults and globals applied. `*_file` fields are kept as paths, never read here. */
  settings: Readonly<Record<string, unknown>>;
  range: TextRange;
}

export interface ReceiverConfig {
  name: Located<string>;
  integrations: IntegrationConfig[];
  range: TextRange;
}

export interface InhibitRuleConfig {
  /** `source_match`, `source_match_re` and `source_matchers`. */
  sourceMatchers: Matcher[];
  /** `target_match`, `target_match_re` and `target_matchers`. */
  targetMatchers: Matcher[];
  equal: string[];
  range: TextRange;
}

/** An inclusive range of integers (weekdays 0=Sunday, days of month possibly negative, months 1-12, years). */
export interface InclusiveRange {
  begin: number;
  end: number;
}

/** One entry of a time interval's `time_intervals` list; an absent field matches every time. */
export interface TimeIntervalSpec {
  /** Minutes since midnight, [start, end). */
  times?: { startMinute: number; endMinute: number }[];
  weekdays?: InclusiveRange[];
  daysOfMonth?: InclusiveRange[];
  months?: InclusiveRange[];
  years?: InclusiveRange[];
  /** IANA zone name, `Local` or `UTC` (the default). */
  location?: string;
}

export interface TimeIntervalConfig {
  name: Located<string>;
  intervals: TimeIntervalSpec[];
  /** True when it came from the deprecated `mute_time_intervals`. */
  deprecatedKey: boolean;
  range: TextRange;
}

/** Klaxon's keys beside Alertmanager's; `klaxon export --alertmanager` drops them. */
export interface KlaxonSettings {
  enrichment: EnrichmentRule[];
  severities: SeverityAliases;
}

/** Adds annotations (and labels) at ingest to alerts that match. */
export interface EnrichmentRule {
  matchers: Matcher[];
  /** Values are templates over the alert (`{{ .Labels.service }}`) and the looked-up row (`{{ .Row.team }}`). */
  annotations: Readonly<Record<string, string>>;
  labels: Readonly<Record<string, string>>;
  /** A table file (CSV, YAML or JSON) whose rows are looked up by the alert's value of `key`. */
  lookup?: { file: string; key: string };
  range: TextRange;
}
