/** Webhook, email, SNS and WeChat, as Alertmanager 0.25 reads them. */
import { TLS_CONFIG } from '../http-config.js';
import type { StructSchema } from '../schema.js';
import { canonicalMimeHeaderKey } from './mime-header.js';
import { inheritHttpConfig, inheritValue, notifierFields, template, text, withTrailingSlash, type IntegrationSpec } from './spec.js';

export const WEBHOOK: IntegrationSpec = {
  type: 'webhook',
  schema: {
    what: 'a webhook config',
    fields: notifierFields({ url: 'url', max_alerts: 'uint' }),
    laterFields: ['url_file', 'timeout', 'payload'],
    defaults: { send_resolved: true, max_alerts: 0 },
    check(c) {
      if (c.values.url === undefined) c.error('missing URL in webhook config', 'url');
    },
  },
  applyGlobal: (s, g) => void inheritHttpConfig(s, g),
};

export const EMAIL: IntegrationSpec = {
  type: 'email',
  schema: {
    what: 'an email config',
    fields: notifierFields(
      {
        to: 'string',
        from: 'string',
        hello: 'string',
        smarthost: 'hostPort',
        auth_username: 'string',
        auth_password: 'secret',
        auth_password_file: 'string',
        auth_secret: 'secret',
        auth_identity: 'string',
        headers: 'stringMap',
        html: 'string',
        text: 'string',
        require_tls: 'bool',
        tls_config: { struct: () => TLS_CONFIG, value: true },
      },
      false,
    ),
    laterFields: ['auth_secret_file', 'force_implicit_tls', 'threading'],
    defaults: { send_resolved: false, html: template('email.default.html'), text: '' },
    check(c) {
      if (c.string('to') === '') return c.error('missing to address in email config', 'to');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries((c.values.headers ?? {}) as Record<string, string>)) {
        const canonical = canonicalMimeHeaderKey(name);
        if (canonical in headers) return c.error(`duplicate header ${JSON.stringify(canonical)} in email config`, 'headers');
        headers[canonical] = value;
      }
      c.values.headers = headers;
      if (!c.has('require_tls')) delete c.values.require_tls;
    },
  },
  applyGlobal(s, g) {
    const missing =
      inheritValue(s, g, 'smarthost', 'smtp_smarthost', 'no global SMTP smarthost set') ?? inheritValue(s, g, 'from', 'smtp_from', 'no global SMTP from set');
    if (missing) return missing;
    if (text(s.hello) === '') s.hello = g.smtp_hello;
    if (text(s.auth_username) === '') s.auth_username = g.smtp_auth_username;
    if (text(s.auth_password) === '' && text(s.auth_password_file) === '') {
      s.auth_password = g.smtp_auth_password;
      s.auth_password_file = g.smtp_auth_password_file;
    }
    if (text(s.auth_secret) === '') s.auth_secret = g.smtp_auth_secret;
    if (text(s.auth_identity) === '') s.auth_identity = g.smtp_auth_identity;
    if (s.require_tls === undefined) s.require_tls = g.smtp_require_tls;
    return undefined;
  },
};

const SIGV4: StructSchema = {
  what: 'a sigv4 config',
  fields: { region: 'string', access_key: 'string', secret_key: 'secret', profile: 'string', role_arn: 'string' },
  check(c) {
    if ((c.string('access_key') === '') !== (c.string('secret_key') === '')) {
      c.error('must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config');
    }
  },
};

export const SNS: IntegrationSpec = {
  type: 'sns',
  schema: {
    what: 'an sns config',
    fields: notifierFields({
      api_url: 'string',
      sigv4: { struct: () => SIGV4, value: true },
      topic_arn: 'string',
      phone_number: 'string',
      target_arn: 'string',
      subject: 'string',
      message: 'string',
      attributes: 'stringMap',
    }),
    laterFields: ['use_aws_http_client'],
    defaults: { send_resolved: true, subject: template('sns.default.subject'), message: template('sns.default.message') },
    check(c) {
      // Upstream's test, chained != and all: all three set passes too.
      const noTarget = c.string('target_arn') === '';
      const noTopic = c.string('topic_arn') === '';
      const noPhone = c.string('phone_number') === '';
      if ((noTarget !== noTopic) !== noPhone) c.error('must provide either a Target ARN, Topic ARN, or Phone Number for SNS config');
    },
  },
  applyGlobal: (s, g) => void inheritHttpConfig(s, g),
};

export const WECHAT: IntegrationSpec = {
  type: 'wechat',
  schema: {
    what: 'a wechat config',
    fields: notifierFields({
      api_secret: 'secret',
      corp_id: 'string',
      message: 'string',
      api_url: 'url',
      to_user: 'string',
      to_party: 'string',
      to_tag: 'string',
      agent_id: 'string',
      message_type: 'string',
    }),
    laterFields: ['api_secret_file'],
    defaults: {
      send_resolved: false,
      message: template('wechat.default.message'),
      to_user: template('wechat.default.to_user'),
      to_party: template('wechat.default.to_party'),
      to_tag: template('wechat.default.to_tag'),
      agent_id: template('wechat.default.agent_id'),
    },
    check(c) {
      if (c.string('message_type') === '') c.values.message_type = 'text';
      const type = c.string('message_type');
      if (!/^(text|markdown)$/.test(type)) c.error(`weChat message type ${JSON.stringify(type)} does not match valid options ^(text|markdown)$`, 'message_type');
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    const missing =
      inheritValue(s, g, 'api_url', 'wechat_api_url', 'no global Wechat URL set') ??
      inheritValue(s, g, 'api_secret', 'wechat_api_secret', 'no global Wechat ApiSecret set') ??
      inheritValue(s, g, 'corp_id', 'wechat_api_corp_id', 'no global Wechat CorpID set');
    if (missing) return missing;
    s.api_url = withTrailingSlash(s.api_url);
    return undefined;
  },
};
