/** PagerDuty, OpsGenie, VictorOps and Pushover, as Alertmanager 0.25 reads them. */
import { parseTemplate } from '../../../template/expand.js';
import type { DecodedStruct, StructSchema } from '../schema.js';
import { givenTwice, inheritHttpConfig, inheritValue, inheritValueOrFile, notifierFields, template, withTrailingSlash, type IntegrationSpec } from './spec.js';

const PAGERDUTY_DETAILS: Readonly<Record<string, string>> = {
  firing: '{{ template "pagerduty.default.instances" .Alerts.Firing }}',
  resolved: '{{ template "pagerduty.default.instances" .Alerts.Resolved }}',
  num_firing: '{{ .Alerts.Firing | len }}',
  num_resolved: '{{ .Alerts.Resolved | len }}',
};

export const PAGERDUTY: IntegrationSpec = {
  type: 'pagerduty',
  schema: {
    what: 'a pagerduty config',
    fields: notifierFields({
      service_key: 'secret',
      service_key_file: 'string',
      routing_key: 'secret',
      routing_key_file: 'string',
      url: 'url',
      client: 'string',
      client_url: 'string',
      description: 'string',
      details: 'stringMap',
      images: { list: () => ({ what: 'a PagerDuty image', fields: { src: 'string', alt: 'string', href: 'string' } }) },
      links: { list: () => ({ what: 'a PagerDuty link', fields: { href: 'string', text: 'string' } }) },
      source: 'string',
      severity: 'string',
      class: 'string',
      component: 'string',
      group: 'string',
    }),
    laterFields: ['timeout'],
    defaults: {
      send_resolved: true,
      description: '{{ template "pagerduty.default.description" .}}',
      client: template('pagerduty.default.client'),
      client_url: template('pagerduty.default.clientURL'),
    },
    check(c) {
      const keys = ['routing_key', 'service_key', 'routing_key_file', 'service_key_file'];
      if (keys.every((k) => c.string(k) === '')) return c.error('missing service or routing key in PagerDuty config');
      if (givenTwice(c, 'routing_key') || givenTwice(c, 'service_key')) return;
      if (c.string('source') === '') c.values.source = c.values.client;
      c.values.details = { ...PAGERDUTY_DETAILS, ...(c.values.details as Record<string, string> | undefined) };
    },
  },
  applyGlobal(s, g) {
    inheritHttpConfig(s, g);
    return inheritValue(s, g, 'url', 'pagerduty_url', 'no global PagerDuty URL set');
  },
};

/** OpsGenie and VictorOps take their API URL (given a trailing slash) and API key from `global` alike. */
function inheritApiUrlAndKey(prefix: 'opsgenie' | 'victorops', missingUrl: string, missingKey: string): IntegrationSpec['applyGlobal'] {
  return (s, g) => {
    inheritHttpConfig(s, g);
    const missing = inheritValue(s, g, 'api_url', `${prefix}_api_url`, missingUrl);
    if (missing) return missing;
    s.api_url = withTrailingSlash(s.api_url);
    return inheritValueOrFile(s, g, 'api_key', `${prefix}_api_key`, missingKey);
  };
}

const OPSGENIE_TYPES = /^(team|teams|user|escalation|schedule)$/;

function checkResponders(c: DecodedStruct): void {
  for (const responder of (c.values.responders ?? []) as Record<string, string>[]) {
    const shown = () => `{${responder.id ?? ''} ${responder.name ?? ''} ${responder.username ?? ''} ${responder.type ?? ''}}`;
    if (!responder.id && !responder.username && !responder.name) {
      return c.error(`opsGenieConfig responder ${shown()} has to have at least one of id, username or name specified`, 'responders');
    }
    const type = responder.type ?? '';
    if (type.includes('{{')) {
      const parsed = parseTemplate(type);
      if (parsed.problems.length > 0) return c.error(`opsGenieConfig responder ${shown()} type is not a valid template: ${parsed.problems[0]!.message}`, 'responders');
    } else {
      responder.type = type.toLowerCase();
      if (!OPSGENIE_TYPES.test(responder.type)) {
        return c.error(`opsGenieConfig responder ${shown()} type does not match valid options ${OPSGENIE_TYPES.source}`, 'responders');
      }
    }
  }
}

export const OPSGENIE: IntegrationSpec = {
  type: 'opsgenie',
  schema: {
    what: 'an opsgenie config',
    fields: notifierFields({
      api_key: 'secret',
      api_key_file: 'string',
      api_url: 'url',
      message: 'string',
      description: 'string',
      source: 'string',
      details: 'stringMap',
      entity: 'string',
      responders: { list: () => ({ what: 'an OpsGenie responder', fields: { id: 'string', name: 'string', username: 'string', type: 'string' } }) },
      actions: 'string',
      tags: 'string',
      note: 'string',
      priority: 'string',
      update_alerts: 'bool',
    }),
    defaults: {
      send_resolved: true,
      message: template('opsgenie.default.message'),
      description: template('opsgenie.default.description'),
      source: template('opsgenie.default.source'),
    },
    check(c) {
      if (!givenTwice(c, 'api_key')) checkResponders(c);
    },
  },
  applyGlobal: inheritApiUrlAndKey('opsgenie', 'no global OpsGenie URL set', 'no global OpsGenie API Key set either inline or in a file'),
};

const VICTOROPS_RESERVED = ['routing_key', 'message_type', 'state_message', 'entity_display_name', 'monitoring_tool', 'entity_id', 'entity_state'];

export const VICTOROPS: IntegrationSpec = {
  type: 'victorops',
  schema: {
    what: 'a victorops config',
    fields: notifierFields({
      api_key: 'secret',
      api_key_file: 'string',
      api_url: 'url',
      routing_key: 'string',
      message_type: 'string',
      state_message: 'string',
      entity_display_name: 'string',
      monitoring_tool: 'string',
      custom_fields: 'stringMap',
    }),
    defaults: {
      send_resolved: true,
      message_type: 'CRITICAL',
      state_message: template('victorops.default.state_message'),
      entity_display_name: template('victorops.default.entity_display_name'),
      monitoring_tool: template('victorops.default.monitoring_tool'),
    },
    check(c) {
      if (c.string('routing_key') === '') return c.error('missing Routing key in VictorOps config', 'routing_key');
      if (givenTwice(c, 'api_key')) return;
      const custom = (c.values.custom_fields ?? {}) as Record<string, string>;
      const reserved = VICTOROPS_RESERVED.find((name) => name in custom);
      if (reserved) c.error(`victorOps config contains custom field ${reserved} which cannot be used as it conflicts with the fixed/static fields`, 'custom_fields');
    },
  },
  applyGlobal: inheritApiUrlAndKey('victorops', 'no global VictorOps URL set', 'no global VictorOps API Key set'),
};

export const PUSHOVER: IntegrationSpec = {
  type: 'pushover',
  schema: {
    what: 'a pushover config',
    fields: notifierFields({
      user_key: 'secret',
      token: 'secret',
      title: 'string',
      message: 'string',
      url: 'string',
      url_title: 'string',
      sound: 'string',
      priority: 'string',
      retry: 'goDuration',
      expire: 'goDuration',
      html: 'bool',
    }),
    laterFields: ['user_key_file', 'token_file', 'device', 'ttl', 'monospace'],
    defaults: {
      send_resolved: true,
      title: template('pushover.default.title'),
      message: template('pushover.default.message'),
      url: template('pushover.default.url'),
      priority: '{{ if eq .Status "firing" }}2{{ else }}0{{ end }}',
      retry: 60_000,
      expire: 3_600_000,
      html: false,
    },
    check(c) {
      if (c.string('user_key') === '') return c.error('missing user key in Pushover config', 'user_key');
      if (c.string('token') === '') c.error('missing token in Pushover config', 'token');
    },
  },
  applyGlobal: (s, g) => void inheritHttpConfig(s, g),
};
