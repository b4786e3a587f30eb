import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { INHIBIT_RULE_FIELDS } from '../../src/alertmanager/config/inhibit-rule-config.js';
import { CONFIG_KEYS, loadAlertmanagerConfig } from '../../src/alertmanager/config/load-config.js';
import { ROUTE_FIELDS } from '../../src/alertmanager/config/route-config.js';
import { TIME_INTERVAL_FIELDS, TIME_INTERVAL_SPEC_FIELDS, TIME_RANGE_FIELDS } from '../../src/alertmanager/config/time-interval-config.js';
import { keysAt, type KeySpec } from '../../src/language-service/features/key-catalog.js';
import { FILE_FIELDS, GROUP_FIELDS, loadRuleFile, RULE_FIELDS } from '../../src/rules/load-rule-file.js';
import {
  ALERT_RULE_TEST_FIELDS,
  EXPECTED_ALERT_FIELDS,
  EXPECTED_SAMPLE_FIELDS,
  INPUT_SERIES_FIELDS,
  loadUnitTestFile,
  PROMQL_EXPR_TEST_FIELDS,
  TEST_GROUP_FIELDS,
  UNIT_TEST_FILE_FIELDS,
} from '../../src/testing/promtool/load-unit-test-file.js';

type Kind = 'rules' | 'unit-test' | 'alertmanager';

const LOADERS: Record<Kind, (text: string) => { message: string }[]> = {
  rules: (text) => loadRuleFile(text, 'rules.yml').problems,
  'unit-test': (text) => loadUnitTestFile(text, '/nowhere/test.yml').problems,
  alertmanager: (text) => loadAlertmanagerConfig(text, '/nowhere/alertmanager.yml').problems,
};

/** Every mapping the catalog knows in a file of the kind, with its keys; routes nest without end, so the walk stops at a depth. */
function mappings(kind: Kind, path: string[] = []): { path: string[]; keys: KeySpec[] }[] {
  const keys = keysAt(kind, path);
  if (!keys || path.length > 8) return [];
  const below = keys.flatMap((k) => (k.shape === 'map' ? mappings(kind, [...path, k.name]) : k.shape === 'list' ? mappings(kind, [...path, k.name, '-']) : []));
  return [{ path, keys }, ...below];
}

/** A document with `key` (with a value of its shape) in the mapping at `path`. */
function documentWith(path: readonly string[], key: KeySpec | { name: string; shape: 'scalar' }): string {
  const value = key.shape === 'map' ? {} : key.shape === 'list' || key.shape === 'scalarList' ? [] : (('example' in key && key.example) || 'x');
  let node: unknown = { [key.name]: value };
  for (let i = path.length - 1; i >= 0; i--) node = path[i] === '-' ? [node] : { [path[i]!]: node };
  return stringify(node);
}

/** Where in a file a loader checks the keys of a mapping against a list of its own. */
const LOADER_FIELD_LISTS: { kind: Kind; path: string[]; fields: readonly string[] }[] = [
  { kind: 'alertmanager', path: [], fields: CONFIG_KEYS },
  { kind: 'alertmanager', path: ['route'], fields: ROUTE_FIELDS },
  { kind: 'alertmanager', path: ['route', 'routes', '-'], fields: ROUTE_FIELDS },
  { kind: 'alertmanager', path: ['inhibit_rules', '-'], fields: INHIBIT_RULE_FIELDS },
  { kind: 'alertmanager', path: ['time_intervals', '-'], fields: TIME_INTERVAL_FIELDS },
  { kind: 'alertmanager', path: ['mute_time_intervals', '-'], fields: TIME_INTERVAL_FIELDS },
  { kind: 'alertmanager', path: ['time_intervals', '-', 'time_intervals', '-'], fields: TIME_INTERVAL_SPEC_FIELDS },
  { kind: 'alertmanager', path: ['time_intervals', '-', 'time_intervals', '-', 'times', '-'], fields: TIME_RANGE_FIELDS },
  { kind: 'rules', path: [], fields: FILE_FIELDS },
  { kind: 'rules', path: ['groups', '-'], fields: GROUP_FIELDS },
  { kind: 'rules', path: ['groups', '-', 'rules', '-'], fields: RULE_FIELDS },
  { kind: 'unit-test', path: [], fields: UNIT_TEST_FILE_FIELDS },
  { kind: 'unit-test', path: ['tests', '-'], fields: TEST_GROUP_FIELDS },
  { kind: 'unit-test', path: ['tests', '-', 'input_series', '-'], fields: INPUT_SERIES_FIELDS },
  { kind: 'unit-test', path: ['tests', '-', 'alert_rule_test', '-'], fields: ALERT_RULE_TEST_FIELDS },
  { kind: 'unit-test', path: ['tests', '-', 'alert_rule_test', '-', 'exp_alerts', '-'], fields: EXPECTED_ALERT_FIELDS },
  { kind: 'unit-test', path: ['tests', '-', 'promql_expr_test', '-'], fields: PROMQL_EXPR_TEST_FIELDS },
  { kind: 'unit-test', path: ['tests', '-', 'promql_expr_test', '-', 'exp_samples', '-'], fields: EXPECTED_SAMPLE_FIELDS },
];

const unknownField = (name: string) => (p: { message: string }) => p.message.startsWith(`unknown field "${name}"`);

describe('the key catalog', () => {
  for (const kind of Object.keys(LOADERS) as Kind[]) {
    it(`lists, for ${kind} files, only keys that the loader accepts where they are listed`, () => {
      const found = mappings(kind);
      expect(found.length).toBeGreaterThanOrEqual(3);
      for (const { path, keys } of found) {
        const where = `${kind}: ${path.join('/') || '(top)'}`;
        // The loader reads this mapping: it rejects a key that is not one of its fields.
        expect(LOADERS[kind](documentWith(path, { name: 'no_such_key', shape: 'scalar' })).some(unknownField('no_such_key')), where).toBe(true);
        for (const key of keys) expect(LOADERS[kind](documentWith(path, key)).filter(unknownField(key.name)), `${where}: ${key.name}`).toEqual([]);
      }
    });
  }

  for (const { kind, path, fields } of LOADER_FIELD_LISTS) {
    it(`lists, for ${kind} files at ${path.join('/') || '(top)'}, exactly the fields the loader accepts`, () => {
      const names = keysAt(kind, path)?.map((key) => key.name);
      expect(names && [...names].sort()).toEqual([...fields].sort());
    });
  }
});
