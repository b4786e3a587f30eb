/**
 * The keys each kind of file has, where, with a sentence each and what to insert; and snippets
 * for new list items (a rule, a route, a receiver, a test). Integration configs come from the
 * Alertmanager loader's own schemas. A test checks that every key listed here loads.
 */
import { INTEGRATIONS } from '../../alertmanager/config/integrations/index.js';
import type { FieldKind, StructSchema } from '../../alertmanager/config/schema.js';
import type { DocumentKind } from '../service-types.js';
import type { LineStep } from '../yaml/line-context.js';

/** What follows `key:`: a scalar on the same line, a mapping or a list on the lines below. */
export type ValueShape = 'scalar' | 'map' | 'list' | 'scalarList';

export interface KeySpec {
  name: string;
  doc: string;
  shape: ValueShape;
  /** A placeholder for scalars, e.g. `5m`. */
  example?: string;
  deprecated?: boolean;
}

export interface ItemSnippet {
  label: string;
  doc: string;
  /** The item's lines without the `- `; `${n}` tab stops; indentation relative to the first line. */
  lines: string[];
}

const key = (name: string, shape: ValueShape, doc: string, example?: string, deprecated = false): KeySpec => ({
  name, shape, doc, ...(example !== undefined && { example }), ...(deprecated && { deprecated }),
});

const RULE_FILE: KeySpec[] = [key('groups', 'list', 'The rule groups of the file.')];

const GROUP: KeySpec[] = [
  key('name', 'scalar', 'The group name, unique in the file.'),
  key('interval', 'scalar', 'How often the rules of the group are evaluated; the global `evaluation_interval` when unset.', '1m'),
  key('query_offset', 'scalar', 'How far in the past the group evaluates, to wait for late samples.', '0s'),
  key('limit', 'scalar', 'At most this many alerts (alerting rules) or series (recording rules) per rule; 0 for no limit.', '0'),
  key('labels', 'map', 'Labels added to every rule of the group (a rule\'s own labels win).'),
  key('rules', 'list', 'The recording and alerting rules, evaluated in order.'),
];

const RULE: KeySpec[] = [
  key('alert', 'scalar', 'The name of the alert: makes this an alerting rule.'),
  key('record', 'scalar', 'The name of the series to write: makes this a recording rule.'),
  key('expr', 'scalar', 'The PromQL expression; every result sample makes an alert or a recorded sample.'),
  key('for', 'scalar', 'How long the condition must hold before the alert fires; pending until then.', '5m'),
  key('keep_firing_for', 'scalar', 'How long the alert keeps firing after the condition stopped holding.', '0s'),
  key('labels', 'map', 'Labels to add to (or override on) each alert or recorded series; values may be templates.'),
  key('annotations', 'map', 'Informational labels of the alert (`summary`, `description`, runbook links); values are templates.'),
];

const UNIT_TEST_FILE: KeySpec[] = [
  key('rule_files', 'scalarList', 'The rule files to test, relative to this file; globs allowed.'),
  key('evaluation_interval', 'scalar', 'How often the rules are evaluated during the tests.', '1m'),
  key('group_eval_order', 'scalarList', 'The order in which rule groups are evaluated, by name.'),
  key('fuzzy_compare', 'scalar', 'Compare expected and actual values allowing for float rounding.', 'false'),
  key('tests', 'list', 'The tests.'),
];

const TEST: KeySpec[] = [
  key('name', 'scalar', 'The name of the test, for reports and `--run`.'),
  key('interval', 'scalar', 'The spacing of the input samples; `evaluation_interval` when unset.', '1m'),
  key('input_series', 'list', 'Series in the notation `1+2x10`, loaded before evaluation.'),
  key('alert_rule_test', 'list', 'The alerts expected to be firing at given times.'),
  key('promql_expr_test', 'list', 'Expressions and the samples they are expected to return at given times.'),
  key('external_labels', 'map', 'The external labels templates see as `$externalLabels`.'),
  key('external_url', 'scalar', 'The URL templates see as `$externalURL`.'),
];

const INPUT_SERIES: KeySpec[] = [
  key('series', 'scalar', 'The series as a selector: `metric{label="value"}`.'),
  key('values', 'scalar', 'The samples: `1+2x10` counts up, `_` is no sample, `stale` a staleness marker.'),
];

const ALERT_RULE_TEST: KeySpec[] = [
  key('eval_time', 'scalar', 'When to check, from the start of the test.', '5m'),
  key('alertname', 'scalar', 'The alerting rule whose firing alerts are checked.'),
  key('exp_alerts', 'list', 'The alerts expected to be firing then; none when empty.'),
];

const EXPECTED_ALERT: KeySpec[] = [
  key('exp_labels', 'map', 'The labels of the expected alert (alertname aside).'),
  key('exp_annotations', 'map', 'The annotations of the expected alert, expanded.'),
];

const PROMQL_EXPR_TEST: KeySpec[] = [
  key('expr', 'scalar', 'The expression to evaluate.'),
  key('eval_time', 'scalar', 'When to evaluate it, from the start of the test.', '5m'),
  key('exp_samples', 'list', 'The samples the expression is expected to return.'),
];

const EXPECTED_SAMPLE: KeySpec[] = [
  key('labels', 'scalar', 'The labels of the sample: `metric{label="value"}`.'),
  key('value', 'scalar', 'The value of the sample.'),
];

const ALERTMANAGER_FILE: KeySpec[] = [
  key('global', 'map', 'Defaults for all receivers: SMTP, Slack, PagerDuty... settings, `resolve_timeout`.'),
  key('route', 'map', 'The root of the routing tree: every alert enters here.'),
  key('receivers', 'list', 'Where notifications go, by name.'),
  key('inhibit_rules', 'list', 'Alerts that mute other alerts while they fire.'),
  key('time_intervals', 'list', 'Named times, for routes to mute or activate notifications.'),
  key('templates', 'scalarList', 'Files of notification templates; globs allowed.'),
  key('mute_time_intervals', 'list', 'Named times (use `time_intervals`).', undefined, true),
];

const ROUTE: KeySpec[] = [
  key('receiver', 'scalar', 'Where alerts of this route go; inherited from the parent route when unset.'),
  key('group_by', 'scalarList', 'Labels that split alerts into notification groups; `...` groups by every label.'),
  key('matchers', 'scalarList', 'Matchers (`severity="critical"`) an alert must fulfil to take this route.'),
  key('continue', 'scalar', 'Also try the next sibling routes after this one matched.', 'false'),
  key('routes', 'list', 'Child routes, tried in order.'),
  key('group_wait', 'scalar', 'How long to wait before the first notification of a new group.', '30s'),
  key('group_interval', 'scalar', 'How long to wait before notifying about new alerts of a group.', '5m'),
  key('repeat_interval', 'scalar', 'How long to wait before sending a notification again.', '4h'),
  key('mute_time_intervals', 'scalarList', 'Time intervals during which this route sends nothing.'),
  key('active_time_intervals', 'scalarList', 'Time intervals outside which this route sends nothing.'),
  key('match', 'map', 'Equality matchers (use `matchers`).', undefined, true),
  key('match_re', 'map', 'Regex matchers (use `matchers`).', undefined, true),
];

const INHIBIT_RULE: KeySpec[] = [
  key('source_matchers', 'scalarList', 'The alerts that inhibit.'),
  key('target_matchers', 'scalarList', 'The alerts that are inhibited.'),
  key('equal', 'scalarList', 'Labels that source and target alert must have in common.'),
  key('source_match', 'map', 'Equality matchers (use `source_matchers`).', undefined, true),
  key('source_match_re', 'map', 'Regex matchers (use `source_matchers`).', undefined, true),
  key('target_match', 'map', 'Equality matchers (use `target_matchers`).', undefined, true),
  key('target_match_re', 'map', 'Regex matchers (use `target_matchers`).', undefined, true),
];

const TIME_INTERVAL: KeySpec[] = [
  key('name', 'scalar', 'The name routes refer to.'),
  key('time_intervals', 'list', 'The times: any of them matches.'),
];

const TIME_INTERVAL_SPEC: KeySpec[] = [
  key('times', 'list', 'Times of day: `start_time` and `end_time` as `HH:MM`.'),
  key('weekdays', 'scalarList', 'Days of the week: `monday:friday`, `saturday`.'),
  key('days_of_month', 'scalarList', 'Days of the month: `1:5`, `-3:-1` (from the end).'),
  key('months', 'scalarList', 'Months: `january:march`, `12`.'),
  key('years', 'scalarList', 'Years: `2024:2026`.'),
  key('location', 'scalar', 'The time zone, an IANA name such as `Europe/Berlin`; UTC when unset.', 'UTC'),
];

const TIME_RANGE: KeySpec[] = [
  key('start_time', 'scalar', 'Inclusive start, `HH:MM`.', '09:00'),
  key('end_time', 'scalar', 'Exclusive end, `HH:MM`.', '17:00'),
];

function receiverKeys(): KeySpec[] {
  return [
    key('name', 'scalar', 'The name routes refer to.'),
    ...[...INTEGRATIONS.entries()].map(([name, spec]) => key(name, 'list', `Notifications by ${spec.type}${spec.since ? ` (Alertmanager ${spec.since} and later)` : ''}.`)),
  ];
}

function schemaKeys(schema: StructSchema): KeySpec[] {
  return Object.entries(schema.fields).map(([name, kind]) => key(name, shapeOfField(kind), `${schema.what}: \`${name}\``));
}

function shapeOfField(kind: FieldKind): ValueShape {
  if (typeof kind !== 'string') return 'list' in kind ? 'list' : 'map';
  return kind === 'strings' ? 'scalarList' : kind === 'stringMap' || kind === 'secretLists' ? 'map' : 'scalar';
}

/** The keys of the mapping at `path` in a file of `kind`; undefined where no mapping is known. */
export function keysAt(kind: DocumentKind, path: readonly LineStep[]): KeySpec[] | undefined {
  const p = path.join('/');
  switch (kind) {
    case 'rules':
      if (p === '') return RULE_FILE;
      if (p === 'groups/-') return GROUP;
      if (p === 'groups/-/rules/-') return RULE;
      return undefined;
    case 'unit-test':
      return UNIT_TEST_KEYS[p];
    case 'alertmanager':
      return alertmanagerKeys(path);
    default:
      return undefined;
  }
}

const UNIT_TEST_KEYS: Record<string, KeySpec[]> = {
  '': UNIT_TEST_FILE,
  'tests/-': TEST,
  'tests/-/input_series/-': INPUT_SERIES,
  'tests/-/alert_rule_test/-': ALERT_RULE_TEST,
  'tests/-/alert_rule_test/-/exp_alerts/-': EXPECTED_ALERT,
  'tests/-/promql_expr_test/-': PROMQL_EXPR_TEST,
  'tests/-/promql_expr_test/-/exp_samples/-': EXPECTED_SAMPLE,
};

function alertmanagerKeys(path: readonly LineStep[]): KeySpec[] | undefined {
  const p = path.join('/');
  if (p === '') return ALERTMANAGER_FILE;
  if (isRoutePath(path)) return ROUTE;
  if (p === 'receivers/-') return receiverKeys();
  if (p === 'inhibit_rules/-') return INHIBIT_RULE;
  if (p === 'time_intervals/-' || p === 'mute_time_intervals/-') return TIME_INTERVAL;
  if (/^(mute_)?time_intervals\/-\/time_intervals\/-$/.test(p)) return TIME_INTERVAL_SPEC;
  if (/^(mute_)?time_intervals\/-\/time_intervals\/-\/times\/-$/.test(p)) return TIME_RANGE;
  if (path.length === 4 && path[0] === 'receivers' && path[3] === '-') {
    const spec = INTEGRATIONS.get(path[2]!);
    return spec && schemaKeys(spec.schema);
  }
  return undefined;
}

/** `route`, `route/routes/-`, `route/routes/-/routes/-`... */
export function isRoutePath(path: readonly LineStep[]): boolean {
  if (path[0] !== 'route') return false;
  for (let i = 1; i < path.length; i += 2) if (path[i] !== 'routes' || path[i + 1] !== '-') return false;
  return path.length % 2 === 1;
}

/** Snippets for a new item of the list at `path` (the path to the list's key). */
export function itemSnippetsAt(kind: DocumentKind, path: readonly LineStep[]): ItemSnippet[] {
  const p = path.join('/');
  if (kind === 'rules' && p === 'groups/-/rules') return [ALERT_SNIPPET, RECORD_SNIPPET];
  if (kind === 'rules' && p === 'groups') return [GROUP_SNIPPET];
  if (kind === 'unit-test' && p === 'tests') return [TEST_SNIPPET];
  if (kind === 'unit-test' && p === 'tests/-/alert_rule_test') return [ALERT_RULE_TEST_SNIPPET];
  if (kind === 'unit-test' && p === 'tests/-/promql_expr_test') return [PROMQL_EXPR_TEST_SNIPPET];
  if (kind === 'unit-test' && p === 'tests/-/input_series') return [INPUT_SERIES_SNIPPET];
  if (kind === 'alertmanager' && p === 'receivers') return [RECEIVER_SNIPPET];
  if (kind === 'alertmanager' && isRoutePath(path.slice(0, -1)) && path[path.length - 1] === 'routes') return [ROUTE_SNIPPET];
  if (kind === 'alertmanager' && p === 'inhibit_rules') return [INHIBIT_SNIPPET];
  if (kind === 'alertmanager' && p === 'time_intervals') return [TIME_INTERVAL_SNIPPET];
  return [];
}

const ALERT_SNIPPET: ItemSnippet = {
  label: 'new alerting rule',
  doc: 'An alerting rule with a severity, a summary and a description.',
  lines: ['alert: ${1:AlertName}', 'expr: ${2}', 'for: ${3:5m}', 'labels:', '  severity: ${4|critical,error,warning,info|}', 'annotations:', '  summary: ${5}', '  description: ${6}'],
};
const RECORD_SNIPPET: ItemSnippet = {
  label: 'new recording rule',
  doc: 'A recording rule; by convention named `level:metric:operations`.',
  lines: ['record: ${1:job:metric:rate5m}', 'expr: ${2}'],
};
const GROUP_SNIPPET: ItemSnippet = {
  label: 'new rule group',
  doc: 'A rule group with one alerting rule.',
  lines: ['name: ${1:group}', 'rules:', '  - alert: ${2:AlertName}', '    expr: ${3}', '    for: ${4:5m}', '    labels:', '      severity: ${5|critical,error,warning,info|}', '    annotations:', '      summary: ${6}', '      description: ${7}'],
};
const TEST_SNIPPET: ItemSnippet = {
  label: 'new test',
  doc: 'A test with input series and an alert expectation.',
  lines: ['name: ${1:test}', 'interval: ${2:1m}', 'input_series:', "  - series: '${3:up{job=\"api\"\\}}'", "    values: '${4:1x10}'", 'alert_rule_test:', '  - eval_time: ${5:5m}', '    alertname: ${6}', '    exp_alerts: []'],
};
const ALERT_RULE_TEST_SNIPPET: ItemSnippet = {
  label: 'new alert_rule_test',
  doc: 'Checks the alerts of an alerting rule at a time.',
  lines: ['eval_time: ${1:5m}', 'alertname: ${2}', 'exp_alerts:', '  - exp_labels:', '      ${3:severity}: ${4}'],
};
const PROMQL_EXPR_TEST_SNIPPET: ItemSnippet = {
  label: 'new promql_expr_test',
  doc: 'Checks the samples of an expression at a time.',
  lines: ['expr: ${1}', 'eval_time: ${2:5m}', 'exp_samples:', "  - labels: '${3}'", '    value: ${4}'],
};
const INPUT_SERIES_SNIPPET: ItemSnippet = {
  label: 'new input series',
  doc: 'A series and its samples.',
  lines: ["series: '${1:metric{label=\"value\"\\}}'", "values: '${2:0+1x10}'"],
};
const RECEIVER_SNIPPET: ItemSnippet = {
  label: 'new receiver',
  doc: 'A receiver that posts to a webhook.',
  lines: ['name: ${1:receiver}', 'webhook_configs:', '  - url: ${2:http://localhost:5001/}'],
};
const ROUTE_SNIPPET: ItemSnippet = {
  label: 'new route',
  doc: 'A child route: alerts that match go to its receiver.',
  lines: ["matchers: ['${1:severity=\"critical\"}']", 'receiver: ${2}'],
};
const INHIBIT_SNIPPET: ItemSnippet = {
  label: 'new inhibit rule',
  doc: 'Critical alerts mute warnings about the same thing.',
  lines: ["source_matchers: ['${1:severity=\"critical\"}']", "target_matchers: ['${2:severity=\"warning\"}']", 'equal: [${3:alertname}]'],
};
const TIME_INTERVAL_SNIPPET: ItemSnippet = {
  label: 'new time interval',
  doc: 'Named times, e.g. office hours.',
  lines: ['name: ${1:office-hours}', 'time_intervals:', "  - weekdays: ['monday:friday']", '    times:', "      - start_time: '${2:09:00}'", "        end_time: '${3:17:00}'"],
};
