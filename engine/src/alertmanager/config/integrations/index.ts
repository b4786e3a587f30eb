/** Every integration type, by the receiver key that lists its configs (`webhook_configs`). */
import type { IntegrationType } from '../types.js';
import { DISCORD, SLACK, TELEGRAM, WEBEX } from './chat.js';
import { EMAIL, SNS, WEBHOOK, WECHAT } from './generic.js';
import { INCIDENTIO, JIRA, MATTERMOST, MSTEAMS, MSTEAMSV2, ROCKETCHAT } from './newer.js';
import { OPSGENIE, PAGERDUTY, PUSHOVER, VICTOROPS } from './paging.js';
import type { IntegrationSpec } from './spec.js';

export type { IntegrationSpec } from './spec.js';

const ALL: readonly IntegrationSpec[] = [
  DISCORD, EMAIL, PAGERDUTY, SLACK, WEBHOOK, OPSGENIE, WECHAT, PUSHOVER, VICTOROPS, SNS, TELEGRAM, WEBEX,
  MSTEAMS, MSTEAMSV2, JIRA, ROCKETCHAT, MATTERMOST, INCIDENTIO,
];

/** `<type>_configs` → spec, in Alertmanager's order of receiver fields. */
export const INTEGRATIONS: ReadonlyMap<string, IntegrationSpec> = new Map(ALL.map((spec) => [`${spec.type}_configs`, spec]));

/** The integrations Klaxon can deliver notifications to. */
export const SENDABLE_INTEGRATIONS: ReadonlySet<IntegrationType> = new Set<IntegrationType>(['webhook']);
