/**
 * Klaxon's own top-level keys beside Alertmanager's: `enrichment` (rules that add annotations and
 * labels at ingest) and `severities` (extra spellings of the four severity levels). Their
 * matchers use the UTF-8 syntax with the classic one as fallback, as current Alertmanager does.
 */
import { problem } from '../../errors.js';
import { prometheusFunctions } from '../../template/expand.js';
import { parseTemplate } from '../../template/expand.js';
import { closestWord } from '../../text/closest-word.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { locatedScalar, relocateProblems, scalarOffsets } from '../../yaml/scalar-offsets.js';
import { ALERT_SEVERITIES, DEFAULT_SEVERITY_ALIASES, isAlertSeverity, withSeverityAliases, type AlertSeverity, type SeverityAliases } from '../../severity/severity.js';
import type { Matcher } from '../../labels/matcher.js';
import { MatcherParseError, parseMatchers } from '../matchers/parse.js';
import { SOURCE, headRange, type ConfigReader } from './config-reader.js';
import { isClassicLabelName } from './matcher-fields.js';
import type { EnrichmentRule, KlaxonSettings } from './types.js';

/** Klaxon's top-level keys; `klaxon export --alertmanager` removes them. */
export const KLAXON_KEYS = ['enrichment', 'severities'] as const;

const RULE_FIELDS = ['matchers', 'annotations', 'labels', 'lookup'];
const TEMPLATE_FUNCTIONS = Object.keys(prometheusFunctions({ timeMs: 0, externalURL: '' }));

export function readKlaxonSettings(reader: ConfigReader, nodes: { enrichment?: YamlNode; severities?: YamlNode }): KlaxonSettings {
  const enrichment = nodes.enrichment ? reader.items(nodes.enrichment, '`enrichment`').flatMap((item) => readRule(reader, item) ?? []) : [];
  const severities = nodes.severities ? readSeverities(reader, nodes.severities) : DEFAULT_SEVERITY_ALIASES;
  return { enrichment, severities };
}

function readRule(reader: ConfigReader, node: YamlNode): EnrichmentRule | undefined {
  if (isNull(node)) return undefined;
  const map = reader.mapping(node, 'an enrichment rule');
  if (!map) return undefined;
  const fields = reader.fields(map, RULE_FIELDS, 'an enrichment rule');
  const matchers = fields.get('matchers');
  const annotations = fields.get('annotations');
  const labels = fields.get('labels');
  const lookup = fields.get('lookup');
  const rule: EnrichmentRule = {
    matchers: matchers ? readMatchers(reader, matchers.value) : [],
    annotations: annotations ? templates(reader, annotations.value, 'annotations', false) : {},
    labels: labels ? templates(reader, labels.value, 'labels', true) : {},
    range: map.range,
  };
  if (lookup) rule.lookup = readLookup(reader, lookup.value);
  if (Object.keys(rule.annotations).length === 0 && Object.keys(rule.labels).length === 0) {
    reader.warn('this enrichment rule adds no annotations and no labels', headRange(map));
  }
  return rule;
}

function readMatchers(reader: ConfigReader, node: YamlNode): Matcher[] {
  const out: Matcher[] = [];
  for (const { value, node: item } of reader.strings(node, '`matchers`')) {
    if (item.kind !== 'scalar') continue;
    try {
      out.push(...parseMatchers(value, 'fallback'));
    } catch (e) {
      if (!(e instanceof MatcherParseError)) throw e;
      reader.problems.push(...relocateProblems([problem(e.message, e.range, SOURCE)], scalarOffsets(locatedScalar(item), reader.sourceText)));
    }
  }
  return out;
}

/** Names to templates; each template must parse, with the functions enrichment offers. */
function templates(reader: ConfigReader, node: YamlNode, what: string, labelNames: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value, field } of reader.stringMap(node, `\`${what}\``)) {
    if (labelNames && !isClassicLabelName(name)) reader.error(`invalid label name ${JSON.stringify(name)}`, field.key.range);
    const parsed = parseTemplate(value, name, { functions: TEMPLATE_FUNCTIONS });
    if (parsed.problems.length > 0 && field.value.kind === 'scalar') {
      reader.problems.push(...relocateProblems(parsed.problems.map((p) => ({ ...p, source: SOURCE })), scalarOffsets(locatedScalar(field.value), reader.sourceText)));
    }
    out[name] = value;
  }
  return out;
}

function readLookup(reader: ConfigReader, node: YamlNode): EnrichmentRule['lookup'] {
  const map = reader.mapping(node, '`lookup`');
  if (!map) return undefined;
  const fields = reader.fields(map, ['file', 'key'], '`lookup`');
  const file = fields.get('file');
  const key = fields.get('key');
  const lookup = { file: file ? reader.string(file.value, '`file`') : '', key: key ? reader.string(key.value, '`key`') : '' };
  if (lookup.file === '') reader.error('a lookup needs the `file` of its table', file?.value.range ?? headRange(map));
  if (lookup.key === '') reader.error('a lookup needs the label `key` to look rows up by', key?.value.range ?? headRange(map));
  else if (!isClassicLabelName(lookup.key)) reader.error(`invalid label name ${JSON.stringify(lookup.key)}`, key!.value.range);
  return lookup;
}

/** `severities: {aliases: {critical: [page, p1], ...}}`: spellings added to the defaults. */
function readSeverities(reader: ConfigReader, node: YamlNode): SeverityAliases {
  const map = reader.mapping(node, '`severities`');
  if (!map) return DEFAULT_SEVERITY_ALIASES;
  const aliases = reader.fields(map, ['aliases'], '`severities`').get('aliases');
  const levels = aliases ? reader.mapping(aliases.value, '`aliases`') : undefined;
  if (!levels) return DEFAULT_SEVERITY_ALIASES;
  const extra: Partial<Record<AlertSeverity, string[]>> = {};
  for (const field of reader.pairs(levels)) {
    const level = reader.string(field.key, 'a severity level');
    if (!isAlertSeverity(level)) {
      const suggestion = closestWord(level, ALERT_SEVERITIES);
      reader.error(`unknown severity level "${level}"; ${suggestion ? `did you mean "${suggestion}"?` : `expected one of ${ALERT_SEVERITIES.join(', ')}`}`, field.key.range);
      continue;
    }
    extra[level] = reader.strings(field.value, `the spellings of ${level}`).map((s) => s.value).filter((s) => s.trim() !== '');
  }
  return withSeverityAliases(extra);
}
