/**
 * What `klaxon check` reads from `.klaxon.yml`: which lints run and how loudly, the evaluation
 * interval of groups without their own, the annotations every alert needs, extra severity
 * aliases and which names are valid.
 *
 *   lints: {rate-non-counter: off, missing-annotation: error}
 *   evaluation_interval: 1m
 *   required_annotations: [summary, description]
 *   name_validation: utf8          # or legacy, for Prometheus 2
 *   severities: {critical: [sev-a], warning: [sev-c]}
 */
import type { Problem } from '../errors.js';
import type { NameValidation } from '../labels/name-validation.js';
import { ALERT_SEVERITIES, DEFAULT_SEVERITY_ALIASES, withSeverityAliases, type AlertSeverity, type SeverityAliases } from '../severity/severity.js';
import { closestWord } from '../text/closest-word.js';
import { GoValueReader } from '../yaml/go-values.js';
import { readYamlTree } from '../yaml/read-tree.js';
import type { YamlNode } from '../yaml/tree.js';

export type LintLevel = 'off' | 'info' | 'warning' | 'error';
const LINT_LEVELS: readonly LintLevel[] = ['off', 'info', 'warning', 'error'];

export interface CheckConfig {
  /** Levels set for lints; a lint not listed runs at `warning`. */
  lints: ReadonlyMap<string, LintLevel>;
  /** The interval of groups that set none, as Prometheus's global `evaluation_interval`. */
  evaluationIntervalMs: number;
  requiredAnnotations: readonly string[];
  severityAliases: SeverityAliases;
  nameValidation: NameValidation;
}

export const CONFIG_FILE_NAME = '.klaxon.yml';

export const DEFAULT_CHECK_CONFIG: CheckConfig = {
  lints: new Map(),
  evaluationIntervalMs: 60_000,
  requiredAnnotations: ['summary', 'description'],
  severityAliases: DEFAULT_SEVERITY_ALIASES,
  nameValidation: 'utf8',
};

const CONFIG_FIELDS = ['lints', 'evaluation_interval', 'required_annotations', 'name_validation', 'severities'];

export function lintLevel(config: CheckConfig, lint: string): LintLevel {
  return config.lints.get(lint) ?? 'warning';
}

/** The configuration with the given lints turned off. */
export function withLintsOff(config: CheckConfig, names: readonly string[]): CheckConfig {
  const lints = new Map(config.lints);
  for (const name of names) lints.set(name, 'off');
  return { ...config, lints };
}

/** Reads a configuration file's text; problems name unknown keys, lints and values. */
export function readCheckConfig(text: string, knownLints: readonly string[]): { config: CheckConfig; problems: Problem[] } {
  const tree = readYamlTree(text, 'yaml.v3');
  const problems = [...tree.problems];
  const read = new GoValueReader(text, problems, 'config');
  const config = { ...DEFAULT_CHECK_CONFIG };
  const root = tree.root && read.mapping(tree.root, 'the configuration');
  if (!root || tree.problems.some((p) => p.severity === 'error')) return { config, problems };
  const fields = read.fields(root, CONFIG_FIELDS, 'the configuration', 'warning');
  const lints = fields.get('lints');
  if (lints) config.lints = readLintLevels(read, lints.value, knownLints);
  const interval = fields.get('evaluation_interval');
  const intervalMs = interval && read.duration(interval.value, '`evaluation_interval`');
  if (intervalMs) config.evaluationIntervalMs = intervalMs;
  const required = fields.get('required_annotations');
  if (required) config.requiredAnnotations = read.list(required.value, '`required_annotations`').map((n) => read.string(n, 'an annotation name'));
  const names = fields.get('name_validation');
  if (names) {
    const value = read.string(names.value, '`name_validation`');
    if (value === 'utf8' || value === 'legacy') config.nameValidation = value;
    else read.report(`name_validation must be utf8 or legacy, not ${JSON.stringify(value)}`, names.value.range);
  }
  const severities = fields.get('severities');
  if (severities) config.severityAliases = readSeverityAliases(read, severities.value);
  problems.sort((a, b) => a.range.start - b.range.start);
  return { config, problems };
}

function readLintLevels(read: GoValueReader, node: YamlNode, knownLints: readonly string[]): Map<string, LintLevel> {
  const levels = new Map<string, LintLevel>();
  for (const { name, value, field } of read.stringMap(node, '`lints`')) {
    if (!knownLints.includes(name)) {
      const suggestion = closestWord(name, knownLints);
      read.report(`unknown lint "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`, field.key.range, 'warning');
      continue;
    }
    const level = value.toLowerCase() as LintLevel;
    if (LINT_LEVELS.includes(level)) levels.set(name, level);
    else read.report(`a lint's level is one of ${LINT_LEVELS.join(', ')}, not ${JSON.stringify(value)}`, field.value.range);
  }
  return levels;
}

function readSeverityAliases(read: GoValueReader, node: YamlNode): SeverityAliases {
  const map = read.mapping(node, '`severities`');
  if (!map) return DEFAULT_SEVERITY_ALIASES;
  const extra: Partial<Record<AlertSeverity, string[]>> = {};
  for (const [name, field] of read.fields(map, ALERT_SEVERITIES, '`severities`')) {
    extra[name as AlertSeverity] = read.list(field.value, `the aliases of ${name}`).map((n) => read.string(n, 'a severity alias'));
  }
  return withSeverityAliases(extra);
}
