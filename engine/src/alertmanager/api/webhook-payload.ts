/**
 * The body Alertmanager's webhook integration posts (message version 4), as Klaxon's webhook
 * endpoint takes it: every alert becomes a posted alert. A firing alert arrives with a zero
 * `endsAt` (Alertmanager clears it when it notifies), so it gets the resolve timeout as a posted
 * alert would; a resolved one keeps its end. Anything not shaped like such a message is refused
 * with a message that says where and why.
 */
import { ApiRequestError } from '../alerts/api-errors.js';
import { ApiTimeError, parseApiTime } from '../alerts/api-time.js';
import { childPath, goJsonKind, isJsonObject, wellFormed } from '../alerts/go-json-decode.js';
import type { PostableAlert } from '../alerts/postable-alert.js';
import type { ForwardedAlerts } from '../alert-manager.js';

export const WEBHOOK_PAYLOAD_VERSION = '4';

/** Throws ApiRequestError (400) for a body that is not an Alertmanager webhook message version 4. */
export function parseWebhookPayload(body: unknown): ForwardedAlerts {
  if (!isJsonObject(body)) throw invalid('$', `must be Alertmanager's webhook message (a JSON object), not ${describe(body)}`);
  const version = body['version'];
  if (version === undefined) throw invalid('$', `has no "version": Klaxon accepts Alertmanager's webhook message version ${WEBHOOK_PAYLOAD_VERSION}`);
  if (version !== WEBHOOK_PAYLOAD_VERSION) {
    throw invalid('$.version', `${JSON.stringify(version)} is not supported: Klaxon accepts Alertmanager's webhook message version ${WEBHOOK_PAYLOAD_VERSION}`);
  }
  const alerts = body['alerts'];
  if (!Array.isArray(alerts)) throw invalid('$.alerts', `must be a list of alerts, not ${describe(alerts)}`);
  return {
    alerts: alerts.map((alert, index) => forwardedAlert(alert, childPath('$.alerts', index))),
    receiver: optionalString(body, 'receiver', '$'),
    groupKey: optionalString(body, 'groupKey', '$'),
    externalURL: optionalString(body, 'externalURL', '$'),
  };
}

function forwardedAlert(alert: unknown, path: string): PostableAlert {
  if (!isJsonObject(alert)) throw invalid(path, `must be an alert (a JSON object), not ${describe(alert)}`);
  const status = alert['status'];
  if (status !== undefined && status !== 'firing' && status !== 'resolved') {
    throw invalid(childPath(path, 'status'), `must be "firing" or "resolved", not ${describe(status)}`);
  }
  if (alert['labels'] === undefined) throw invalid(childPath(path, 'labels'), 'is required');
  const startsAt = time(alert, 'startsAt', path);
  const endsAt = time(alert, 'endsAt', path);
  if (status === 'resolved' && endsAt === 0) throw invalid(childPath(path, 'endsAt'), 'must be set for a resolved alert');
  return {
    labels: stringPairs(alert, 'labels', path),
    annotations: stringPairs(alert, 'annotations', path),
    startsAt,
    endsAt,
    generatorURL: optionalString(alert, 'generatorURL', path),
  };
}

function stringPairs(object: Record<string, unknown>, field: string, path: string): [string, string][] {
  const value = object[field];
  const at = childPath(path, field);
  if (value === undefined || value === null) return [];
  if (!isJsonObject(value)) throw invalid(at, `must be an object of strings, not ${describe(value)}`);
  return Object.keys(value).map((name) => {
    const text = value[name];
    if (typeof text !== 'string') throw invalid(childPath(at, name), `must be a string, not ${describe(text)}`);
    return [wellFormed(name), wellFormed(text)];
  });
}

function time(object: Record<string, unknown>, field: string, path: string): number {
  const value = object[field];
  if (value === undefined || value === null) return 0;
  const at = childPath(path, field);
  if (typeof value !== 'string') throw invalid(at, `must be a time (an RFC 3339 string), not ${describe(value)}`);
  try {
    return parseApiTime(value);
  } catch (e) {
    if (e instanceof ApiTimeError) throw invalid(at, `is not a time: ${e.message}`);
    throw e;
  }
}

function optionalString(object: Record<string, unknown>, field: string, path: string): string {
  const value = object[field];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw invalid(childPath(path, field), `must be a string, not ${describe(value)}`);
  return wellFormed(value);
}

function describe(value: unknown): string {
  const kind = goJsonKind(value);
  if (kind === 'string') return `the string ${JSON.stringify(value)}`;
  if (kind === 'null') return 'null';
  return kind === 'bool' ? 'a boolean' : kind === 'number' ? 'a number' : `an ${kind}`;
}

function invalid(path: string, problem: string): ApiRequestError {
  return new ApiRequestError(400, `invalid webhook payload: ${path} ${problem}`);
}
