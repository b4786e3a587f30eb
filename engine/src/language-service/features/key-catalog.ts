/**
 * The keys each kind of file has, as one table per kind that nests the way the file does: each key
 * with a sentence, the shape of its value, the type of a scalar, the keys of the mapping (or of
 * each list item) below it, and snippets for new list items (a rule, a route, a receiver, a
 * test). Receivers' integration configs come from the Alertmanager loader's own schemas; the
 * other tables the loaders check field by field are typed by the loaders' field lists, so a table
 * lacks no field and has none the loader refuses. A test loads every key listed here with its loader.
 */
import { GLOBAL_SCHEMA } from '../../alertmanager/config/global-config.js';
import { INHIBIT_RULE_FIELDS } from '../../alertmanager/config/inhibit-rule-config.js';
import { INTEGRATIONS } from '../../alertmanager/config/integrations/index.js';
import { CONFIG_KEYS } from '../../alertmanager/config/load-config.js';
import { ROUTE_FIELDS } from '../../alertmanager/config/route-config.js';
import type { FieldKind, StructSchema } from '../../alertmanager/config/schema.js';
import { TIME_INTERVAL_FIELDS, TIME_INTERVAL_SPEC_FIELDS, TIME_RANGE_FIELDS } from '../../alertmanager/config/time-interval-config.js';
import { FILE_FIELDS, GROUP_FIELDS, RULE_FIELDS } from '../../rules/load-rule-file.js';
import {
  ALERT_RULE_TEST_FIELDS,
  EXPECTED_ALERT_FIELDS,
  EXPECTED_SAMPLE_FIELDS,
  INPUT_SERIES_FIELDS,
  PROMQL_EXPR_TEST_FIELDS,
  TEST_GROUP_FIELDS,
  UNIT_TEST_FILE_FIELDS,
} from '../../testing/promtool/load-unit-test-file.js';
import type { DocumentKind } from '../service-types.js';
import type { LineStep } from '../yaml/line-context.js';

/** What follows `key:`: a scalar on the same line, a mapping or a list on the lines below. */
export type ValueShape = 'scalar' | 'map' | 'list' | 'scalarList';

/** What a scalar value is, where completion and hover know more than "text". */
export type ScalarType = 'duration' | 'bool' | 'text';

export interface KeySpec {
  name: string;
  doc: string;
  shape: ValueShape;
  type?: ScalarType;
  /** A placeholder for scalars, e.g. `5m`. */
  example?: string;
  deprecated?: boolean;
  /** Keys it cannot stand beside: not offered where one of them is. */
  excludes?: string[];
}

export interface ItemSnippet {
  label: string;
  doc: string;
  /** The item's lines without the `- `; `${n}` tab stops; indentation relative to the first line. */
  lines: string[];
}

interface Entry extends Omit<KeySpec, 'name'> {
  /** The keys of the mapping that is the value, or that each item of the list is. */
  keys?: () => KeyTable;
  /** For lists: snippets for a new item. */
  snippets?: ItemSnippet[];
}

type KeyTable = Readonly<Record<string, Entry>>;

const text = (doc: string, example?: string): Entry => ({ shape: 'scalar', type: 'text', doc, ...(example !== undefined && { example }) });
const duration = (doc: string, example: string): Entry => ({ shape: 'scalar', type: 'duration', doc, example });
const flag = (doc: string): Entry => ({ shape: 'scalar', type: 'bool', doc, example: 'false' });
const map = (doc: string, keys?: () => KeyTable): Entry => ({ shape: 'map', doc, ...(keys && { keys }) });
const list = (doc: string, keys?: () => KeyTable, snippets?: ItemSnippet[]): Entry => ({ shape: 'list', doc, ...(keys && { keys }), ...(snippets && { snippets }) });
const names = (doc: string): Entry => ({ shape: 'scalarList', doc });
const deprecated = (entry: Entry): Entry => ({ ...entry, deprecated: true });
const besides = (entry: Entry, ...excludes: string[]): Entry => ({ ...entry, excludes });
const snippet = (label: string, doc: string, ...lines: string[]): ItemSnippet => ({ label, doc, lines });
/** The table of a mapping a loader reads: one entry for each of the loader's `fields`, checked by type. */
const fieldsOf = <Field extends string>(_fields: readonly Field[], table: NoInfer<Record<Field, Entry>>): KeyTable => table;

const RULE: KeyTable = fieldsOf(RULE_FIELDS, {
  alert: besides(text('The name of the alert: makes this an alerting rule.'), 'record'),
  record: besides(text('The name of the series to write: makes this a recording rule.'), 'alert', 'for', 'keep_firing_for', 'annotations'),
  expr: text('The PromQL expression; every result sample makes an alert or a recorded sample.'),
  for: duration('How long the condition must hold before the alert fires; pending until then.', '5m'),
  keep_firing_for: duration('How long the alert keeps firing after the condition stopped holding.', '0s'),
  labels: map('Labels to add to (or override on) each alert or recorded series; values may be templates.'),
  annotations: map('Informational labels of the alert (`summary`, `description`, runbook links); values are templates.'),
});

const GROUP: KeyTable = fieldsOf(GROUP_FIELDS, {
  name: text('The group name, unique in the file.'),
  interval: duration('How often the rules of the group are evaluated; the global `evaluation_interval` when unset.', '1m'),
  query_offset: duration('How far in the past the group evaluates, to wait for late samples.', '0s'),
  limit: text('At most this many alerts (alerting rules) or series (recording rules) per rule; 0 for no limit.', '0'),
  labels: map("Labels added to every rule of the group (a rule's own labels win)."),
  rules: list('The recording and alerting rules, evaluated in order.', () => RULE, [
    snippet('new alerting rule', 'An alerting rule with a severity, a summary and a description.',
      'alert: ${1:AlertName}', 'expr: ${2}', 'for: ${3:5m}', 'labels:', '  severity: ${4|critical,error,warning,info|}', 'annotations:', '  summary: ${5}', '  description: ${6}'),
    snippet('new recording rule', 'A recording rule; by convention named `level:metric:operations`.', 'record: ${1:job:metric:rate5m}', 'expr: ${2}'),
  ]),
});

const RULE_FILE: KeyTable = fieldsOf(FILE_FIELDS, {
  groups: list('The rule groups of the file.', () => GROUP, [
    snippet('new rule group', 'A rule group with one alerting rule.',
      'name: ${1:group}', 'rules:', '  - alert: ${2:AlertName}', '    expr: ${3}', '    for: ${4:5m}', '    labels:', '      severity: ${5|critical,error,warning,info|}', '    annotations:', '      summary: ${6}', '      description: ${7}'),
  ]),
});

const UNIT_TEST_FILE: KeyTable = fieldsOf(UNIT_TEST_FILE_FIELDS, {
  rule_files: names('The rule files to test, relative to this file; globs allowed.'),
  evaluation_interval: duration('How often the rules are evaluated during the tests.', '1m'),
  group_eval_order: names('The order in which rule groups are evaluated, by name.'),
  fuzzy_compare: flag('Compare expected and actual values allowing for float rounding.'),
  tests: list('The tests.', () => fieldsOf(TEST_GROUP_FIELDS, {
    name: text('The name of the test, for reports and `--run`.'),
    interval: duration('The spacing of the input samples; `evaluation_interval` when unset.', '1m'),
    input_series: list('Series in the notation `1+2x10`, loaded before evaluation.', () => fieldsOf(INPUT_SERIES_FIELDS, {
      series: text('The series as a selector: `metric{label="value"}`.'),
      values: text('The samples: `1+2x10` counts up, `_` is no sample, `stale` a staleness marker.'),
    }), [snippet('new input series', 'A series and its samples.', "series: '${1:metric{label=\"value\"\\}}'", "values: '${2:0+1x10}'")]),
    alert_rule_test: list('The alerts expected to be firing at given times.', () => fieldsOf(ALERT_RULE_TEST_FIELDS, {
      eval_time: duration('When to check, from the start of the test.', '5m'),
      alertname: text('The alerting rule whose firing alerts are checked.'),
      exp_alerts: list('The alerts expected to be firing then; none when empty.', () => fieldsOf(EXPECTED_ALERT_FIELDS, {
        exp_labels: map('The labels of the expected alert (alertname aside).'),
        exp_annotations: map('The annotations of the expected alert, expanded.'),
      })),
    }), [snippet('new alert_rule_test', 'Checks the alerts of an alerting rule at a time.', 'eval_time: ${1:5m}', 'alertname: ${2}', 'exp_alerts:', '  - exp_labels:', '      ${3:severity}: ${4}')]),
    promql_expr_test: list('Expressions and the samples they are expected to return at given times.', () => fieldsOf(PROMQL_EXPR_TEST_FIELDS, {
      expr: text('The expression to evaluate.'),
      eval_time: duration('When to evaluate it, from the start of the test.', '5m'),
      exp_samples: list('The samples the expression is expected to return.', () => fieldsOf(EXPECTED_SAMPLE_FIELDS, {
        labels: text('The labels of the sample: `metric{label="value"}`.'),
        value: text('The value of the sample.'),
        histogram: text('A native histogram the sample is expected to be; Klaxon does not run tests that expect one.'),
      })),
    }), [snippet('new promql_expr_test', 'Checks the samples of an expression at a time.', 'expr: ${1}', 'eval_time: ${2:5m}', 'exp_samples:', "  - labels: '${3}'", '    value: ${4}')]),
    external_labels: map('The external labels templates see as `$externalLabels`.'),
    external_url: text('The URL templates see as `$externalURL`.'),
  }), [
    snippet('new test', 'A test with input series and an alert expectation.',
      'name: ${1:test}', 'interval: ${2:1m}', 'input_series:', "  - series: '${3:up{job=\"api\"\\}}'", "    values: '${4:1x10}'", 'alert_rule_test:', '  - eval_time: ${5:5m}', '    alertname: ${6}', '    exp_alerts: []'),
  ]),
});

const ROUTE: KeyTable = fieldsOf(ROUTE_FIELDS, {
  receiver: text('Where alerts of this route go; inherited from the parent route when unset.'),
  group_by: names('Labels that split alerts into notification groups; `...` groups by every label.'),
  matchers: names('Matchers (`severity="critical"`) an alert must fulfil to take this route.'),
  continue: flag('Also try the next sibling routes after this one matched.'),
  routes: list('Child routes, tried in order.', () => ROUTE, [
    snippet('new route', 'A child route: alerts that match go to its receiver.', "matchers: ['${1:severity=\"critical\"}']", 'receiver: ${2}'),
  ]),
  group_wait: duration('How long to wait before the first notification of a new group.', '30s'),
  group_interval: duration('How long to wait before notifying about new alerts of a group.', '5m'),
  repeat_interval: duration('How long to wait before sending a notification again.', '4h'),
  mute_time_intervals: names('Time intervals during which this route sends nothing.'),
  active_time_intervals: names('Time intervals outside which this route sends nothing.'),
  match: deprecated(map('Equality matchers (use `matchers`).')),
  match_re: deprecated(map('Regex matchers (use `matchers`).')),
});

const TIME_INTERVAL: KeyTable = fieldsOf(TIME_INTERVAL_FIELDS, {
  name: text('The name routes refer to.'),
  time_intervals: list('The times: any of them matches.', () => fieldsOf(TIME_INTERVAL_SPEC_FIELDS, {
    times: list('Times of day: `start_time` and `end_time` as `HH:MM`.', () => fieldsOf(TIME_RANGE_FIELDS, {
      start_time: text('Inclusive start, `HH:MM`.', '09:00'),
      end_time: text('Exclusive end, `HH:MM`.', '17:00'),
    })),
    weekdays: names('Days of the week: `monday:friday`, `saturday`.'),
    days_of_month: names('Days of the month: `1:5`, `-3:-1` (from the end).'),
    months: names('Months: `january:march`, `12`.'),
    years: names('Years: `2024:2026`.'),
    location: text('The time zone, an IANA name such as `Europe/Berlin`; UTC when unset.', 'UTC'),
  })),
});

const TIME_INTERVAL_SNIPPET = snippet('new time interval', 'Named times, e.g. office hours.',
  'name: ${1:office-hours}', 'time_intervals:', "  - weekdays: ['monday:friday']", '    times:', "      - start_time: '${2:09:00}'", "        end_time: '${3:17:00}'");

const ALERTMANAGER_FILE: KeyTable = fieldsOf(CONFIG_KEYS, {
  global: map('Defaults for all receivers: SMTP, Slack, PagerDuty... settings, `resolve_timeout`.', () => schemaKeys(GLOBAL_SCHEMA)),
  route: map('The root of the routing tree: every alert enters here.', () => ROUTE),
  receivers: list('Where notifications go, by name.', receiverKeys, [
    snippet('new receiver', 'A receiver that posts to a webhook.', 'name: ${1:receiver}', 'webhook_configs:', '  - url: ${2:http://localhost:5001/}'),
  ]),
  inhibit_rules: list('Alerts that mute other alerts while they fire.', () => fieldsOf(INHIBIT_RULE_FIELDS, {
    source_matchers: names('The alerts that inhibit.'),
    target_matchers: names('The alerts that are inhibited.'),
    equal: names('Labels that source and target alert must have in common.'),
    source_match: deprecated(map('Equality matchers (use `source_matchers`).')),
    source_match_re: deprecated(map('Regex matchers (use `source_matchers`).')),
    target_match: deprecated(map('Equality matchers (use `target_matchers`).')),
    target_match_re: deprecated(map('Regex matchers (use `target_matchers`).')),
  }), [
    snippet('new inhibit rule', 'Critical alerts mute warnings about the same thing.', "source_matchers: ['${1:severity=\"critical\"}']", "target_matchers: ['${2:severity=\"warning\"}']", 'equal: [${3:alertname}]'),
  ]),
  time_intervals: list('Named times, for routes to mute or activate notifications.', () => TIME_INTERVAL, [TIME_INTERVAL_SNIPPET]),
  templates: names('Files of notification templates; globs allowed.'),
  mute_time_intervals: deprecated(list('Named times (use `time_intervals`).', () => TIME_INTERVAL)),
  // Klaxon's own keys; `klaxon export --alertmanager` leaves them out.
  enrichment: list('Klaxon: rules that add annotations and labels to matching alerts when they arrive.', () => ({
    matchers: names('The alerts the rule applies to: `service="api"`.'),
    annotations: map('Annotations to add; values are templates over the alert (`{{ .Labels.service }}`) and the looked-up row (`{{ .Row.team }}`).'),
    labels: map('Labels to add; values are templates like those of `annotations`.'),
    lookup: map('A table file (CSV, YAML or JSON) whose row for the alert\'s value of `key` templates can read.', () => ({
      file: text('The table file, relative to this config.'),
      key: text('The label whose value picks the row.'),
    })),
  })),
  severities: map('Klaxon: more spellings of the severity levels critical, error, warning and info.', () => ({
    aliases: map('Per level, its extra spellings: `critical: [page, p1]`.'),
  })),
});

let receivers: KeyTable | undefined;

function receiverKeys(): KeyTable {
  receivers ??= {
    name: text('The name routes refer to.'),
    ...Object.fromEntries(
      [...INTEGRATIONS.entries()].map(([key, spec]) => [key, list(`Notifications by ${spec.type}${spec.since ? ` (Alertmanager ${spec.since} and later)` : ''}.`, () => schemaKeys(spec.schema))]),
    ),
  };
  return receivers;
}

const schemaTables = new WeakMap<StructSchema, KeyTable>();

/** The keys of a struct the Alertmanager loader decodes, from its schema. */
function schemaKeys(schema: StructSchema): KeyTable {
  let table = schemaTables.get(schema);
  if (!table) {
    table = Object.fromEntries(Object.entries(schema.fields).map(([name, kind]) => [name, schemaEntry(`${schema.what}: \`${name}\``, kind)]));
    schemaTables.set(schema, table);
  }
  return table;
}

function schemaEntry(doc: string, kind: FieldKind): Entry {
  if (typeof kind !== 'string') return 'list' in kind ? list(doc, () => schemaKeys(kind.list())) : map(doc, () => schemaKeys(kind.struct()));
  if (kind === 'strings') return names(doc);
  if (kind === 'stringMap' || kind === 'secretLists' || kind === 'any') return map(doc);
  if (kind === 'duration' || kind === 'goDuration') return { shape: 'scalar', type: 'duration', doc };
  return kind === 'bool' ? flag(doc) : text(doc);
}

const TABLES: Partial<Record<DocumentKind, KeyTable>> = { rules: RULE_FILE, 'unit-test': UNIT_TEST_FILE, alertmanager: ALERTMANAGER_FILE };

/** The entry a path leads to (`groups/-/rules`), and the table of keys at its end, if it ends in a mapping. */
function walk(kind: DocumentKind, path: readonly LineStep[]): { entry?: Entry; table?: KeyTable } | undefined {
  let table = TABLES[kind];
  let entry: Entry | undefined;
  for (const step of path) {
    if (step === '-') {
      if (entry?.shape !== 'list') return undefined;
      table = entry.keys?.();
    } else {
      entry = table?.[step];
      if (!entry) return undefined;
      table = entry.shape === 'map' ? entry.keys?.() : undefined;
    }
  }
  return { ...(entry && { entry }), ...(table && { table }) };
}

/** The keys of the mapping at `path` in a file of `kind`; undefined where no mapping is known. */
export function keysAt(kind: DocumentKind, path: readonly LineStep[]): KeySpec[] | undefined {
  const table = walk(kind, path)?.table;
  return table && Object.entries(table).map(([name, { keys: _keys, snippets: _snippets, ...spec }]) => ({ name, ...spec }));
}

/** Snippets for a new item of the list at `path` (the path to the list's key). */
export function itemSnippetsAt(kind: DocumentKind, path: readonly LineStep[]): ItemSnippet[] {
  return walk(kind, path)?.entry?.snippets ?? [];
}

/** The type of the scalar value of `key` in the mapping at `path`; list items are `-` or their index. */
export function scalarTypeAt(kind: DocumentKind, path: readonly (LineStep | number)[], key: string): ScalarType | undefined {
  const table = walk(kind, path.map((step) => (typeof step === 'number' ? '-' : step)))?.table;
  return table?.[key]?.type;
}
