/** Slack, Discord, Webex and Telegram, as Alertmanager 0.25 reads them. */
import { hasAuthorization } from '../http-config.js';
import type { StructSchema } from '../schema.js';
import { givenTwice, inheritHttpConfig, inheritValue, inheritValueOrFile, notifierFields, template, type IntegrationSpec } from './spec.js';

const SLACK_CONFIRM: StructSchema = {
  what: 'a Slack confirmation',
  fields: { text: 'string', title: 'string', ok_text: 'string', dismiss_text: 'string' },
  check(c) {
    if (c.string('text') === '') c.error('missing text in Slack confirmation configuration');
  },
};

const SLACK_ACTION: StructSchema = {
  what: 'a Slack action',
  fields: { type: 'string', text: 'string', url: 'string', style: 'string', name: 'string', value: 'string', confirm: { struct: () => SLACK_CONFIRM } },
  check(c) {
    if (c.string('type') === '') return c.error('missing type in Slack action configuration');
    if (c.string('text') === '') return c.error('missing text in Slack action configuration');
    if (c.string('url') === '' && c.string('name') === '') c.error('missing name or url in Slack action configuration');
  },
};

const SLACK_FIELD: StructSchema = {
  what: 'a Slack field',
  fields: { title: 'string', value: 'string', short: 'bool' },
  check(c) {
    if (c.string('title') === '') return c.error('missing title in Slack field configuration');
    if (c.string('value') === '') c.error('missing value in Slack field configuration');
  },
};

export const SLACK: IntegrationSpec = {
  type: 'slack',
  schema: {
    what: 'a slack config',
    fields: notifierFields({
      api_url: 'secretUrl',
      api_url_file: 'string',
      channel: 'string',
      username: 'string',
      color: 'string',
      title: 'string',
      title_link: 'string',
      pretext: 'string',
      text: 'string',
      fields: { list: () => SLACK_FIELD },
      short_fields: 'bool',
      footer: 'string',
      fallback: 'string',
      callback_id: 'string',
      icon_emoji: 'string',
      icon_url: 'string',
      image_url: 'string',
      thumb_url: 'string',
      link_names: 'bool',
      mrkdwn_in: 'strings',
      actions: { list: () => SLACK_ACTION },
    }),
    laterFields: ['app_token', 'app_token_file', 'app_url', 'message_text', 'update_message', 'timeout'],
    defaults: {
      send_resolved: false,
      color: '{{ if eq .Status "firing" }}danger{{ else }}good{{ end }}',
      username: template('slack.default.username'),
      title: template('slack.default.title'),
      title_link: template('slack.default.titlelink'),
      icon_emoji: template('slack.default.iconemoji'),
      icon_url: template('slack.default.iconurl'),
      pretext: template('slack.default.pretext'),
      text: template('slack.default.text'),
      fallback: template('slack.default.fallback'),
      callback_id: template('slack.default.callbackid'),
      footer: template('slack.default.footer'),
    },
    check: (c) => void givenTwice(c, 'api_url'),
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return inheritValueOrFile(s, g, 'api_url', 'slack_api_url', 'no global Slack API URL set either inline or in a file');
  },
};

export const DISCORD: IntegrationSpec = {
  type: 'discord',
  schema: {
    what: 'a discord config',
    fields: notifierFields({ webhook_url: 'secretUrl', title: 'string', message: 'string' }),
    laterFields: ['webhook_url_file', 'content', 'username', 'avatar_url'],
    defaults: { send_resolved: true, title: template('discord.default.title'), message: template('discord.default.message') },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return s.webhook_url === undefined ? 'no discord webhook URL provided' : undefined;
  },
};

export const WEBEX: IntegrationSpec = {
  type: 'webex',
  schema: {
    what: 'a webex config',
    fields: notifierFields({ api_url: 'url', message: 'string', room_id: 'string' }),
    defaults: { send_resolved: true, message: template('webex.default.message') },
    check(c) {
      if (c.string('room_id') === '') return c.error('missing room_id on webex_config', 'room_id');
      if (!hasAuthorization(c.values.http_config)) c.error('missing webex_configs.http_config.authorization', 'http_config');
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return inheritValue(s, g, 'api_url', 'webex_api_url', 'no global Webex URL set');
  },
};

const PARSE_MODES = ['', 'Markdown', 'MarkdownV2', 'HTML'];

export const TELEGRAM: IntegrationSpec = {
  type: 'telegram',
  schema: {
    what: 'a telegram config',
    fields: notifierFields({
      api_url: 'url',
      bot_token: 'secret',
      chat_id: 'int',
      message: 'string',
      disable_notifications: 'bool',
      parse_mode: 'string',
    }),
    laterFields: ['bot_token_file', 'chat_id_file', 'message_thread_id'],
    defaults: { send_resolved: true, disable_notifications: false, message: template('telegram.default.message'), parse_mode: 'HTML' },
    check(c) {
      if (c.string('bot_token') === '') return c.error('missing bot_token on telegram_config', 'bot_token');
      if (!c.values.chat_id) return c.error('missing chat_id on telegram_config', 'chat_id');
      if (!PARSE_MODES.includes(c.string('parse_mode'))) {
        c.error('unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string', 'parse_mode');
      }
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    if (s.api_url === undefined) s.api_url = g.telegram_api_url;
    return undefined;
  },
};
