/**
 * Integrations that came after Alertmanager 0.25 (Microsoft Teams, Mattermost, Rocket.Chat, Jira,
 * incident.io), read with the rules of Alertmanager 0.34. The loader warns that 0.25 rejects them.
 */
import { hasAuthorization } from '../http-config.js';
import type { DecodedStruct, StructSchema } from '../schema.js';
import { givenTwice, inheritHttpConfig, inheritValue, inheritValueOrFile, notifierFields, template, text, type IntegrationSpec } from './spec.js';

function webhookUrlChecks(c: DecodedStruct): void {
  if (c.values.webhook_url === undefined && c.string('webhook_url_file') === '') return c.error('one of webhook_url or webhook_url_file must be configured');
  givenTwice(c, 'webhook_url');
}

/** Microsoft Teams' two generations differ only by their templated fields. */
function teamsSpec(type: 'msteams' | 'msteamsv2', since: string, templatedFields: readonly string[]): IntegrationSpec {
  return {
    type,
    since,
    schema: {
      what: `an ${type} config`,
      fields: notifierFields({ webhook_url: 'secretUrl', webhook_url_file: 'string', ...Object.fromEntries(templatedFields.map((name) => [name, 'string' as const])) }),
      defaults: { send_resolved: true, ...Object.fromEntries(templatedFields.map((name) => [name, template(`${type}.default.${name}`)])) },
      check: webhookUrlChecks,
    },
    applyGlobal: (s, g) => void inheritHttpConfig(s, g),
  };
}

export const MSTEAMS = teamsSpec('msteams', '0.26', ['title', 'summary', 'text']);

export const MSTEAMSV2 = teamsSpec('msteamsv2', '0.28', ['title', 'text']);

export const INCIDENTIO: IntegrationSpec = {
  type: 'incidentio',
  since: '0.29',
  schema: {
    what: 'an incidentio config',
    fields: notifierFields({
      url: 'url',
      url_file: 'string',
      alert_source_token: 'secret',
      alert_source_token_file: 'string',
      max_alerts: 'uint',
      timeout: 'goDuration',
    }),
    defaults: { send_resolved: true },
    check(c) {
      const hasUrl = c.values.url !== undefined;
      const token = c.string('alert_source_token') !== '' || c.string('alert_source_token_file') !== '';
      if (!hasUrl && c.string('url_file') === '') return c.error('one of url or url_file must be configured');
      if (givenTwice(c, 'url') || givenTwice(c, 'alert_source_token')) return;
      const http = c.values.http_config;
      if (hasAuthorization(http) && token) return c.error('cannot specify alert_source_token or alert_source_token_file when using http_config.authorization', 'http_config');
      if (http !== undefined && !hasAuthorization(http) && !token) {
        c.error('at least one of alert_source_token, alert_source_token_file or http_config.authorization must be configured');
      }
    },
  },
  applyGlobal: (s, g) => void inheritHttpConfig(s, g),
};

const JIRA_FIELD: StructSchema = {
  what: 'a Jira field config',
  fields: { template: 'string', enable_update: 'bool' },
  scalarField: 'template',
};

export const JIRA: IntegrationSpec = {
  type: 'jira',
  since: '0.28',
  schema: {
    what: 'a jira config',
    fields: notifierFields({
      api_url: 'url',
      api_type: 'string',
      project: 'string',
      summary: { struct: () => JIRA_FIELD, value: true },
      description: { struct: () => JIRA_FIELD, value: true },
      labels: 'strings',
      priority: 'string',
      issue_type: 'string',
      reopen_transition: 'string',
      resolve_transition: 'string',
      wont_fix_resolution: 'string',
      reopen_duration: 'duration',
      fields: 'any',
    }),
    defaults: {
      send_resolved: true,
      api_type: 'auto',
      summary: { template: template('jira.default.summary') },
      description: { template: template('jira.default.description') },
      priority: template('jira.default.priority'),
    },
    check(c) {
      if (c.string('project') === '') return c.error('missing project in jira_config', 'project');
      if (c.string('issue_type') === '') return c.error('missing issue_type in jira_config', 'issue_type');
      if (!['auto', 'cloud', 'datacenter'].includes(c.string('api_type'))) c.error('unknown api_type on jira_config, must be auto, cloud or datacenter', 'api_type');
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return inheritValue(s, g, 'api_url', 'jira_api_url', 'no global Jira Cloud URL set');
  },
};

const ROCKETCHAT_FIELD: StructSchema = { what: 'a Rocket.Chat field', fields: { short: 'bool', title: 'string', value: 'string' } };

const ROCKETCHAT_ACTION: StructSchema = {
  what: 'a Rocket.Chat action',
  fields: {
    type: 'string',
    text: 'string',
    url: 'string',
    imageurl: 'string',
    iswebview: 'bool',
    webviewheightratio: 'string',
    msg: 'string',
    msginchatwindow: 'bool',
    msgprocessingtype: 'string',
  },
};

export const ROCKETCHAT: IntegrationSpec = {
  type: 'rocketchat',
  since: '0.28',
  schema: {
    what: 'a rocketchat config',
    fields: notifierFields({
      api_url: 'url',
      token_id: 'secret',
      token_id_file: 'string',
      token: 'secret',
      token_file: 'string',
      channel: 'string',
      color: 'string',
      title: 'string',
      title_link: 'string',
      text: 'string',
      fields: { list: () => ROCKETCHAT_FIELD },
      short_fields: 'bool',
      emoji: 'string',
      icon_url: 'string',
      image_url: 'string',
      thumb_url: 'string',
      link_names: 'bool',
      actions: { list: () => ROCKETCHAT_ACTION },
    }),
    defaults: {
      send_resolved: false,
      color: '{{ if eq .Status "firing" }}red{{ else }}green{{ end }}',
      emoji: template('rocketchat.default.emoji'),
      icon_url: template('rocketchat.default.iconurl'),
      text: template('rocketchat.default.text'),
      title: template('rocketchat.default.title'),
      title_link: template('rocketchat.default.titlelink'),
    },
    check(c) {
      for (const name of ['token', 'token_id']) {
        if (c.has(name) && c.string(`${name}_file`) !== '') return c.error(`at most one of ${name} & ${name}_file must be configured`, `${name}_file`);
      }
      for (const name of ['token', 'token_id']) if (!c.has(name)) delete c.values[name];
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    if (s.api_url === undefined) s.api_url = g.rocketchat_api_url;
    s.token_id ??= g.rocketchat_token_id;
    if (text(s.token_id_file) === '') s.token_id_file = g.rocketchat_token_id_file;
    if (s.token_id === undefined && text(s.token_id_file) === '') return 'no global Rocketchat TokenID set either inline or in a file';
    s.token ??= g.rocketchat_token;
    if (text(s.token_file) === '') s.token_file = g.rocketchat_token_file;
    if (s.token === undefined && text(s.token_file) === '') return 'no global Rocketchat Token set either inline or in a file';
    return undefined;
  },
};

const MATTERMOST_FIELD: StructSchema = {
  what: 'a Mattermost field',
  fields: { title: 'string', value: 'string', short: 'bool' },
  check(c) {
    if (c.string('title') === '') return c.error('missing title in Mattermost field configuration');
    if (c.string('value') === '') c.error('missing value in Mattermost field configuration');
  },
};

const MATTERMOST_ATTACHMENT: StructSchema = {
  what: 'a Mattermost attachment',
  fields: {
    fallback: 'string',
    color: 'string',
    pretext: 'string',
    text: 'string',
    author_name: 'string',
    author_link: 'string',
    author_icon: 'string',
    title: 'string',
    title_link: 'string',
    fields: { list: () => MATTERMOST_FIELD },
    thumb_url: 'string',
    footer: 'string',
    footer_icon: 'string',
    image_url: 'string',
  },
};

export const MATTERMOST: IntegrationSpec = {
  type: 'mattermost',
  since: '0.33',
  schema: {
    what: 'a mattermost config',
    fields: notifierFields({
      webhook_url: 'secretUrl',
      webhook_url_file: 'string',
      channel: 'string',
      username: 'string',
      text: 'string',
      fallback: 'string',
      color: 'string',
      pretext: 'string',
      author_name: 'string',
      author_link: 'string',
      author_icon: 'string',
      title: 'string',
      title_link: 'string',
      fields: { list: () => MATTERMOST_FIELD },
      thumb_url: 'string',
      footer: 'string',
      footer_icon: 'string',
      image_url: 'string',
      icon_url: 'string',
      icon_emoji: 'string',
      attachments: { list: () => MATTERMOST_ATTACHMENT },
      type: 'string',
      props: { struct: () => ({ what: 'Mattermost props', fields: { card: 'string' } }) },
      priority: {
        struct: () => ({ what: 'a Mattermost priority', fields: { priority: 'string', requested_ack: 'bool', persistent_notifications: 'bool' } }),
      },
    }),
    defaults: {
      send_resolved: true,
      username: template('mattermost.default.username'),
      color: template('mattermost.default.color'),
      text: template('mattermost.default.text'),
      title: template('mattermost.default.title'),
      title_link: template('mattermost.default.titlelink'),
      fallback: template('mattermost.default.fallback'),
    },
    check: (c) => void givenTwice(c, 'webhook_url'),
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return inheritValueOrFile(s, g, 'webhook_url', 'mattermost_webhook_url', 'missing webhook_url or webhook_url_file on mattermost_config');
  },
};
