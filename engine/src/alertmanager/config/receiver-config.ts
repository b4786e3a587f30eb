/**
 * Receivers and their integrations. Each `<type>_configs` entry is decoded and checked on its own
 * (upstream's UnmarshalYAML); the global fallbacks are applied once the global section is known
 * (upstream's Config.UnmarshalYAML), see applyGlobalSettings.
 */
import type { TextRange } from '../../promql/ast.js';
import { isNull, type YamlNode } from '../../yaml/tree.js';
import { headRange, type ConfigReader } from './config-reader.js';
import { INTEGRATIONS, SENDABLE_INTEGRATIONS } from './integrations/index.js';
import { readStruct } from './schema.js';
import type { IntegrationConfig, ReceiverConfig } from './types.js';

const RECEIVER_FIELDS = ['name', ...INTEGRATIONS.keys()];

/** Where problems about a whole integration are shown (its first key), for integrations that decoded cleanly. */
const heads = new WeakMap<IntegrationConfig, TextRange>();

export function readReceiver(reader: ConfigReader, node: YamlNode): ReceiverConfig | undefined {
  if (isNull(node)) {
    reader.error('an empty receiver crashes Alertmanager 0.25', headRange(node));
    return undefined;
  }
  const map = reader.mapping(node, 'a receiver');
  if (!map) return undefined;
  const fields = reader.fields(map, RECEIVER_FIELDS, 'a receiver');
  const nameField = fields.get('name');
  const name = nameField ? reader.string(nameField.value, 'the receiver name') : '';
  if (name === '' && nameField?.value.kind !== 'map' && nameField?.value.kind !== 'seq') {
    reader.error('missing name in receiver', nameField?.value.range ?? headRange(map));
  }
  const receiver: ReceiverConfig = { name: { value: name, range: nameField?.value.range ?? headRange(map) }, integrations: [], range: map.range };
  for (const [key, field] of fields) {
    const spec = INTEGRATIONS.get(key);
    if (!spec) continue;
    if (spec.since !== undefined) reader.warn(`${key} is not supported by Alertmanager 0.25 (it came in ${spec.since})`, field.key.range);
    if (!SENDABLE_INTEGRATIONS.has(spec.type) && !isNull(field.value)) {
      reader.warn(`Klaxon cannot send to ${spec.type} yet: notifications for this receiver are logged but not delivered`, field.key.range);
    }
    reader.items(field.value, `\`${key}\``).forEach((item, index) => {
      if (isNull(item)) {
        reader.error(`an empty ${spec.type} config crashes Alertmanager 0.25`, headRange(item));
        return;
      }
      const before = reader.problems.length;
      const decoded = readStruct(reader, item, spec.schema);
      if (!decoded) return;
      const failed = reader.problems.slice(before).some((p) => p.severity === 'error');
      const integration: IntegrationConfig = { type: spec.type, index, sendResolved: decoded.values.send_resolved === true, settings: decoded.values, range: item.range };
      // Upstream stops at the first error: the global fallbacks are not checked for a broken config.
      if (!failed) heads.set(integration, headRange(item));
      receiver.integrations.push(integration);
    });
  }
  return receiver;
}

/** Fills integrations' unset fields from the global section; reports what neither sets. */
export function applyGlobalSettings(reader: ConfigReader, receivers: readonly ReceiverConfig[], global: Record<string, unknown>): void {
  for (const receiver of receivers) {
    for (const integration of receiver.integrations) {
      const head = heads.get(integration);
      if (!head) continue;
      const spec = INTEGRATIONS.get(`${integration.type}_configs`)!;
      const error = spec.applyGlobal?.(integration.settings as Record<string, unknown>, global);
      if (error) reader.error(error, head);
    }
  }
}
