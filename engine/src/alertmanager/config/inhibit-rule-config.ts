/** Inhibit rules: source and target matchers in all three spellings, and the `equal` label names. */
import { isNull, type YamlNode } from '../../yaml/tree.js';
import type { ConfigReader } from './config-reader.js';
import { isClassicLabelName, readMatcherList, readMatchMap, readMatchReMap } from './matcher-fields.js';
import type { InhibitRuleConfig } from './types.js';

const SIDES = ['source', 'target'] as const;
/** The fields of an inhibit rule the loader accepts. */
export const INHIBIT_RULE_FIELDS = ['source_match', 'source_match_re', 'source_matchers', 'target_match', 'target_match_re', 'target_matchers', 'equal'] as const;

/** Undefined for a null item (Alertmanager 0.25 skips it) or a node that is not a mapping. */
export function readInhibitRule(reader: ConfigReader, node: YamlNode): InhibitRuleConfig | undefined {
  if (isNull(node)) return undefined;
  const map = reader.mapping(node, 'an inhibit rule');
  if (!map) return undefined;
  const later = () => 'unknown field "name" in an inhibit rule: inhibit rule names came after Alertmanager 0.25, which rejects them';
  const fields = reader.knownFields(map, INHIBIT_RULE_FIELDS, ['name'], 'an inhibit rule', later);
  const rule: InhibitRuleConfig = { sourceMatchers: [], targetMatchers: [], equal: [], range: map.range };
  for (const side of SIDES) {
    const matchers = side === 'source' ? rule.sourceMatchers : rule.targetMatchers;
    const match = fields.get(`${side}_match`);
    const matchRe = fields.get(`${side}_match_re`);
    const list = fields.get(`${side}_matchers`);
    if (match) matchers.push(...readMatchMap(reader, match.value, `\`${side}_match\``));
    if (matchRe) matchers.push(...readMatchReMap(reader, matchRe.value, `\`${side}_match_re\``));
    if (list) matchers.push(...readMatcherList(reader, list.value, `\`${side}_matchers\``));
  }
  const equal = fields.get('equal');
  for (const { value, node: item } of equal ? reader.strings(equal.value, '`equal`') : []) {
    // A null item is the empty name, which yaml.v2 leaves unchecked.
    if (!isNull(item) && !isClassicLabelName(value)) reader.error(`${JSON.stringify(value)} is not a valid label name`, item.range);
    rule.equal.push(value);
  }
  return rule;
}
