/**
 * GET /api/v2/status hides every secret field that the configuration's schemas declare: those of
 * `global` (with its http_config) and those of every integration. The configuration below sets
 * each of them; the test first checks that it does, so that a secret field added to a schema
 * without being set here fails the test rather than going unchecked.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GLOBAL_SCHEMA } from '../../../src/alertmanager/config/global-config.js';
import { INTEGRATIONS } from '../../../src/alertmanager/config/integrations/index.js';
import type { FieldKind, StructSchema } from '../../../src/alertmanager/config/schema.js';
import { call, startApiServer } from './api-server.js';

const ALL_SECRETS_CONFIG = `global:
  smtp_smarthost: smtp.example.com:25
  smtp_from: alerts@example.com
  smtp_auth_password: s3cret-smtp-password
  smtp_auth_secret: s3cret-smtp-secret
  slack_api_url: https://s3cret-slack.example/
  opsgenie_api_key: s3cret-opsgenie
  wechat_api_secret: s3cret-wechat
  wechat_api_corp_id: corp
  victorops_api_key: s3cret-victorops
  rocketchat_token: s3cret-rocketchat-token
  rocketchat_token_id: s3cret-rocketchat-token-id
  mattermost_webhook_url: https://s3cret-mattermost.example/
  http_config:
    basic_auth: {username: klaxon, password: s3cret-global-basic-auth}
    proxy_url: http://proxy.example:3128/
    proxy_connect_header:
      X-Proxy-Auth: [s3cret-proxy-header]
route:
  receiver: all
receivers:
- name: all
  discord_configs:
  - webhook_url: https://s3cret-discord.example/
    http_config: {bearer_token: s3cret-bearer}
  email_configs:
  - to: team@example.com
    auth_password: s3cret-email-password
    auth_secret: s3cret-email-secret
  pagerduty_configs:
  - routing_key: s3cret-pagerduty-routing
    service_key: s3cret-pagerduty-service
  slack_configs:
  - api_url: https://s3cret-slack-own.example/
  webhook_configs:
  - url: http://127.0.0.1:9/hook
    http_config:
      authorization: {credentials: s3cret-webhook-credentials}
  opsgenie_configs:
  - api_key: s3cret-opsgenie-own
  wechat_configs:
  - api_secret: s3cret-wechat-own
  pushover_configs:
  - user_key: s3cret-pushover-user
    token: s3cret-pushover-token
  victorops_configs:
  - api_key: s3cret-victorops-own
    routing_key: ops
  sns_configs:
  - topic_arn: arn:aws:sns:us-east-1:123456789012:alerts
    sigv4: {region: us-east-1, access_key: AKIAEXAMPLE, secret_key: s3cret-sigv4}
  telegram_configs:
  - bot_token: s3cret-telegram
    chat_id: 42
  webex_configs:
  - room_id: room
    http_config:
      authorization: {credentials: s3cret-webex}
  msteams_configs:
  - webhook_url: https://s3cret-msteams.example/
  msteamsv2_configs:
  - webhook_url: https://s3cret-msteamsv2.example/
  jira_configs:
  - api_url: https://jira.example/
    project: OPS
    issue_type: Bug
    http_config:
      oauth2: {client_id: klaxon, client_secret: s3cret-oauth2, token_url: https://token.example/}
  rocketchat_configs:
  - token_id: s3cret-rocketchat-own-id
    token: s3cret-rocketchat-own-token
  mattermost_configs:
  - webhook_url: https://s3cret-mattermost-own.example/
  incidentio_configs:
  - url: https://incident.example/
    alert_source_token: s3cret-incidentio
`;

const ROOT: StructSchema = {
  what: 'the configuration',
  fields: {
    global: { struct: () => GLOBAL_SCHEMA },
    receivers: { list: () => ({ what: 'a receiver', fields: Object.fromEntries([...INTEGRATIONS].map(([key, spec]) => [key, { list: () => spec.schema }])) }) },
  },
};

function isSecret(kind: FieldKind): boolean {
  return kind === 'secret' || kind === 'secretUrl' || kind === 'secretLists';
}

/** The path of every secret field that `schema` declares, list items written `[]`. */
function declaredSecrets(schema: StructSchema, path: string, out = new Set<string>()): Set<string> {
  for (const [name, kind] of Object.entries(schema.fields)) {
    if (isSecret(kind)) out.add(`${path}.${name}`);
    else if (typeof kind === 'object' && 'struct' in kind) declaredSecrets(kind.struct(), `${path}.${name}`, out);
    else if (typeof kind === 'object') declaredSecrets(kind.list(), `${path}.${name}[]`, out);
  }
  return out;
}

/** The values of the secret fields that `value` sets, by the same paths. */
function setSecrets(value: unknown, schema: StructSchema, path: string, out = new Map<string, unknown[]>()): Map<string, unknown[]> {
  if (typeof value !== 'object' || value === null) return out;
  for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
    const kind = schema.fields[name];
    if (kind === undefined || field === null || field === undefined) continue;
    if (isSecret(kind)) out.set(`${path}.${name}`, [...(out.get(`${path}.${name}`) ?? []), field]);
    else if (typeof kind === 'object' && 'struct' in kind) setSecrets(field, kind.struct(), `${path}.${name}`, out);
    else if (typeof kind === 'object' && Array.isArray(field)) for (const item of field) setSecrets(item, kind.list(), `${path}.${name}[]`, out);
  }
  return out;
}

describe('secrets in GET /api/v2/status', () => {
  it('sets every secret field of the global section and of each integration in the configuration under test', () => {
    // http_config has one schema wherever it stands: each of its fields needs setting once.
    const shared = (path: string) => path.replace(/^.*\.http_config\./, 'http_config.');
    const declared = new Set([...declaredSecrets(ROOT, '$')].map(shared));
    expect(declared).toContain('$.global.smtp_auth_password');
    expect(declared).toContain('http_config.oauth2.client_secret');
    expect(declared).toContain('$.receivers[].sns_configs[].sigv4.secret_key');
    const set = new Set([...setSecrets(parse(ALL_SECRETS_CONFIG), ROOT, '$').keys()].map(shared));
    expect([...declared].filter((path) => !set.has(path))).toEqual([]);
  });

  it('shows each of them as <secret> in config.original', async () => {
    const { url } = await startApiServer({ config: ALL_SECRETS_CONFIG });
    const answer = await call(url, 'GET', '/api/v2/status');
    expect(answer.status).toBe(200);
    const original = (answer.body as { config: { original: string } }).config.original;
    expect(original).not.toContain('s3cret');
    const written = setSecrets(parse(ALL_SECRETS_CONFIG), ROOT, '$');
    const shown = setSecrets(parse(original), ROOT, '$');
    expect([...shown.keys()].sort()).toEqual([...written.keys()].sort());
    for (const [path, values] of shown) {
      const expected = path.endsWith('.proxy_connect_header') ? [{ 'X-Proxy-Auth': ['<secret>'] }] : values.map(() => '<secret>');
      expect({ path, values }).toEqual({ path, values: expected });
    }
  });
});
