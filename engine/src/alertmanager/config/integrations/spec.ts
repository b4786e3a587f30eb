/** What the loader knows about one integration type (a `<type>_configs` list of a receiver). */
import type { IntegrationType } from '../types.js';
import { HTTP_CONFIG } from '../http-config.js';
import type { DecodedStruct, FieldKind, StructSchema } from '../schema.js';

export type Settings = Record<string, unknown>;

export interface IntegrationSpec {
  type: IntegrationType;
  schema: StructSchema;
  /** Set for integrations that Alertmanager 0.25 does not have: the version that brought them. */
  since?: string;
  /**
   * Upstream's second pass (Config.UnmarshalYAML): fills unset fields from `global` and returns
   * the error when neither has a value.
   */
  applyGlobal?: (settings: Settings, global: Settings) => string | undefined;
}

/** The fields every integration has: `send_resolved`, and `http_config` for those that call HTTP. */
export function notifierFields(extra: Readonly<Record<string, FieldKind>>, http = true): Record<string, FieldKind> {
  return { send_resolved: 'bool', ...(http ? { http_config: { struct: () => HTTP_CONFIG } } : {}), ...extra };
}

/** `{{ template "<name>" . }}`, upstream's default for templated fields. */
export function template(name: string): string {
  return `{{ template "${name}" . }}`;
}

/** The global http_config when the integration sets none. */
export function inheritHttpConfig(settings: Settings, global: Settings): void {
  if (settings.http_config === undefined) settings.http_config = global.http_config;
}

/** Upstream's refusal of a value given both inline and in a file; true when it refused. */
export function givenTwice(c: DecodedStruct, field: string): boolean {
  const file = `${field}_file`;
  if (c.string(field) === '' || c.string(file) === '') return false;
  c.error(`at most one of ${field} & ${file} must be configured`, file);
  return true;
}

/** Takes the global's value of a field the integration does not set; `missing` when neither sets it. */
export function inheritValue(settings: Settings, global: Settings, field: string, globalField: string, missing: string): string | undefined {
  if (!isUnset(settings[field])) return undefined;
  if (isUnset(global[globalField])) return missing;
  settings[field] = global[globalField];
  return undefined;
}

/**
 * The same for a value that can also be read from a file (`<field>` and `<field>_file`): the
 * integration takes the global pair when it sets neither.
 */
export function inheritValueOrFile(settings: Settings, global: Settings, field: string, globalField: string, missing: string): string | undefined {
  const setsEither = (from: Settings, name: string) => !isUnset(from[name]) || text(from[`${name}_file`]) !== '';
  if (setsEither(settings, field)) return undefined;
  if (!setsEither(global, globalField)) return missing;
  settings[field] = global[globalField];
  settings[`${field}_file`] = global[`${globalField}_file`];
  return undefined;
}

/** Unset as upstream sees it: a nil URL, an empty string or secret. */
function isUnset(value: unknown): boolean {
  return value === undefined || value === '';
}

export function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Adds a trailing slash to a URL's path, as upstream does for API base URLs. */
export function withTrailingSlash(url: unknown): unknown {
  if (typeof url !== 'string' || url === '<secret>') return url;
  const end = url.search(/[?#]/);
  const base = end >= 0 ? url.slice(0, end) : url;
  const rest = end >= 0 ? url.slice(end) : '';
  return base.endsWith('/') ? url : `${base}/${rest}`;
}
