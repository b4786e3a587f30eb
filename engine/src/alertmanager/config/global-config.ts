/**
 * The `global` section as Alertmanager 0.25 reads it, with its defaults (which a `global:` left
 * empty keeps). Fields that only the integrations added after 0.25 use are read with 0.34's rules
 * and a warning; other later fields are errors, as 0.25 rejects them.
 */
import { HTTP_CONFIG } from './http-config.js';
import type { ConfigReader } from './config-reader.js';
import { readStruct, type StructSchema } from './schema.js';
import type { YamlNode } from '../../yaml/tree.js';

const DEFAULTS: Readonly<Record<string, unknown>> = {
  resolve_timeout: 5 * 60_000,
  http_config: { follow_redirects: true, enable_http2: true, tls_config: {} },
  smtp_hello: 'localhost',
  smtp_require_tls: true,
  pagerduty_url: 'https://events.pagerduty.com/v2/enqueue',
  opsgenie_api_url: 'https://api.opsgenie.com/',
  wechat_api_url: 'https://qyapi.weixin.qq.com/cgi-bin/',
  victorops_api_url: 'https://alert.victorops.com/integrations/generic/20131114/alert/',
  telegram_api_url: 'https://api.telegram.org',
  webex_api_url: 'https://webexapis.com/v1/messages',
  rocketchat_api_url: 'https://open.rocket.chat/',
};

/** Global fields of Alertmanager 0.34 used by integrations that 0.25 lacks. */
export const NEWER_GLOBAL_FIELDS = [
  'jira_api_url',
  'rocketchat_api_url',
  'rocketchat_token',
  'rocketchat_token_file',
  'rocketchat_token_id',
  'rocketchat_token_id_file',
  'mattermost_webhook_url',
  'mattermost_webhook_url_file',
];

const EXCLUSIVE: readonly [inline: string, file: string][] = [
  ['slack_api_url', 'slack_api_url_file'],
  ['opsgenie_api_key', 'opsgenie_api_key_file'],
  ['victorops_api_key', 'victorops_api_key_file'],
  ['smtp_auth_password', 'smtp_auth_password_file'],
];

const GLOBAL: StructSchema = {
  what: 'the global section',
  fields: {
    resolve_timeout: 'duration',
    http_config: { struct: () => HTTP_CONFIG },
    smtp_from: 'string',
    smtp_hello: 'string',
    smtp_smarthost: 'hostPort',
    smtp_auth_username: 'string',
    smtp_auth_password: 'secret',
    smtp_auth_password_file: 'string',
    smtp_auth_secret: 'secret',
    smtp_auth_identity: 'string',
    smtp_require_tls: 'bool',
    slack_api_url: 'secretUrl',
    slack_api_url_file: 'string',
    pagerduty_url: 'url',
    opsgenie_api_url: 'url',
    opsgenie_api_key: 'secret',
    opsgenie_api_key_file: 'string',
    wechat_api_url: 'url',
    wechat_api_secret: 'secret',
    wechat_api_corp_id: 'string',
    victorops_api_url: 'url',
    victorops_api_key: 'secret',
    victorops_api_key_file: 'string',
    telegram_api_url: 'url',
    webex_api_url: 'url',
    jira_api_url: 'url',
    rocketchat_api_url: 'url',
    rocketchat_token: 'secret',
    rocketchat_token_file: 'string',
    rocketchat_token_id: 'secret',
    rocketchat_token_id_file: 'string',
    mattermost_webhook_url: 'secretUrl',
    mattermost_webhook_url_file: 'string',
  },
  laterFields: [
    'smtp_auth_secret_file',
    'smtp_tls_config',
    'smtp_force_implicit_tls',
    'slack_app_token',
    'slack_app_token_file',
    'slack_app_url',
    'wechat_api_secret_file',
    'telegram_bot_token',
    'telegram_bot_token_file',
  ],
  defaults: DEFAULTS,
  check(global) {
    for (const name of NEWER_GLOBAL_FIELDS) {
      if (global.fields.has(name)) global.warn(`\`${name}\` is not supported by Alertmanager 0.25 (it came with a later integration)`, name);
    }
    for (const [inline, file] of EXCLUSIVE) {
      const set = (name: string) => global.values[name] !== undefined && global.values[name] !== '';
      if (set(inline) && set(file)) global.error(`at most one of ${inline} & ${file} must be configured`, file);
    }
    for (const name of ['rocketchat_token', 'rocketchat_token_id', 'mattermost_webhook_url']) {
      if (global.has(name) && global.string(`${name}_file`) !== '') global.error(`at most one of ${name} & ${name}_file must be configured`, `${name}_file`);
    }
    for (const name of ['rocketchat_token', 'rocketchat_token_id']) if (!global.has(name)) delete global.values[name];
  },
};

/** The decoded global settings; the defaults when the section is absent or null. */
export function readGlobal(reader: ConfigReader, node: YamlNode | undefined): Record<string, unknown> {
  const decoded = node === undefined ? undefined : readStruct(reader, node, GLOBAL);
  return decoded?.values ?? { ...DEFAULTS };
}

/** The schema of the `global` section: its secret fields are the ones GET /api/v2/status hides. */
export { GLOBAL as GLOBAL_SCHEMA };
