/**
 * The body of POST /api/v2/alerts (a list of postableAlert) decoded as upstream decodes it:
 * first Go's JSON decoding into the OpenAPI models (type errors, 400), then the schema's checks
 * (`labels` required, `generatorURL` a URI; the first failure, 422). What the alerts mean is
 * checked afterwards, per alert, by ingestPostedAlerts.
 */
import { goQuote } from '../../labels/labels.js';
import { ApiPayloadError, PAYLOAD_CODES } from './api-errors.js';
import { ApiTimeError, parseApiTime } from './api-time.js';
import { BodyDecoder, childPath, goFieldsNamed, isJsonObject, wellFormed } from './go-json-decode.js';
import { isRequestUri } from './request-uri.js';

/** One posted alert as decoded; times are ms, 0 when absent; label pairs as posted (empty values included). */
export interface PostableAlert {
  labels: [string, string][];
  annotations: [string, string][];
  startsAt: number;
  endsAt: number;
  generatorURL: string;
}

const ALERT_STRUCT =
  'struct { Annotations models.LabelSet "json:\\"annotations,omitempty\\""; EndsAt strfmt.DateTime "json:\\"endsAt,omitempty\\""; StartsAt strfmt.DateTime "json:\\"startsAt,omitempty\\"" }';

const FIELDS = ['annotations', 'startsat', 'endsat', 'labels', 'generatorurl'];

interface Decoded {
  alert: PostableAlert;
  hasLabels: boolean;
}

/**
 * Decodes the body; throws ApiPayloadError with upstream's message and the JSON path. A null body
 * is no alerts; a null element is taken as an alert without labels (upstream crashes on it).
 */
export function parsePostableAlerts(body: unknown): PostableAlert[] {
  if (body === null) return [];
  if (!Array.isArray(body)) {
    const decoder = new BodyDecoder('alerts');
    decoder.mismatch(body, 'Go value', 'models.PostableAlerts', '$');
    decoder.finish();
  }
  const decoded = (body as unknown[]).map((element, index) => decodeWellFormedAlert(element) ?? decodeAlert(element, index));
  // The alerts of one rule share their generator URL: each distinct URL is checked once.
  const validUris = new Set<string>();
  decoded.forEach((alert, index) => checkSchema(alert, index, validUris));
  return decoded.map(({ alert }) => alert);
}

/**
 * The common case, decoded without the bookkeeping errors need: an object whose alert fields are
 * spelled as in the API, each of the right type and with a readable time. Undefined for anything
 * else, which decodeAlert then decodes (and words the error for) as upstream does.
 */
function decodeWellFormedAlert(element: unknown): Decoded | undefined {
  if (!isJsonObject(element)) return undefined;
  const alert: PostableAlert = { labels: [], annotations: [], startsAt: 0, endsAt: 0, generatorURL: '' };
  let hasLabels = false;
  for (const key of Object.keys(element)) {
    const value = element[key];
    if (key === 'labels' || key === 'annotations') {
      const pairs = stringPairs(value);
      if (!pairs) return undefined;
      if (key === 'labels') {
        alert.labels = pairs;
        hasLabels = true;
      } else alert.annotations = pairs;
    } else if (key === 'startsAt' || key === 'endsAt') {
      if (typeof value !== 'string') return undefined;
      try {
        alert[key] = parseApiTime(wellFormed(value));
      } catch (error) {
        if (error instanceof ApiTimeError) return undefined;
        throw error;
      }
    } else if (key === 'generatorURL') {
      if (typeof value !== 'string') return undefined;
      alert.generatorURL = wellFormed(value);
    } else if (FIELDS.includes(key.toLowerCase())) return undefined;
  }
  return { alert, hasLabels };
}

/** An object of strings as pairs; undefined when it is not one. */
function stringPairs(value: unknown): [string, string][] | undefined {
  if (!isJsonObject(value)) return undefined;
  const pairs: [string, string][] = [];
  for (const key of Object.keys(value)) {
    const text = value[key];
    if (typeof text !== 'string') return undefined;
    pairs.push([wellFormed(key), wellFormed(text)]);
  }
  return pairs;
}

/**
 * go-swagger decodes each element on its own, in two passes (the allOf parts): annotations and
 * times first, then labels and generatorURL; the first part that fails fails the whole body.
 */
function decodeAlert(element: unknown, index: number): Decoded {
  const alert: PostableAlert = { labels: [], annotations: [], startsAt: 0, endsAt: 0, generatorURL: '' };
  if (element === null) return { alert, hasLabels: false };
  const timesAndAnnotations = new BodyDecoder('alerts');
  // Paths are only built for errors, and then at once: `at` names the field being decoded.
  const path = () => childPath('$', index);
  let key = '';
  const at = () => childPath(path(), key);
  if (!isJsonObject(element)) {
    timesAndAnnotations.mismatch(element, 'Go value', ALERT_STRUCT, path);
    timesAndAnnotations.finish();
  }
  const fields = goFieldsNamed(element as Record<string, unknown>, FIELDS);
  for (const { name, key: fieldKey, value } of fields) {
    key = fieldKey;
    if (name === 'annotations') alert.annotations = timesAndAnnotations.stringMap(value, 'Go struct field .annotations', at) ?? [];
    else if (name === 'startsat') alert.startsAt = timesAndAnnotations.time(value, 'Go struct field .startsAt', at);
    else if (name === 'endsat') alert.endsAt = timesAndAnnotations.time(value, 'Go struct field .endsAt', at);
  }
  timesAndAnnotations.finish();
  const labelsAndUrl = new BodyDecoder('alerts');
  let hasLabels = false;
  for (const { name, key: fieldKey, value } of fields) {
    key = fieldKey;
    if (name === 'labels') {
      const labels = labelsAndUrl.stringMap(value, 'Go struct field Alert.labels', at);
      hasLabels = labels !== undefined;
      alert.labels = labels ?? [];
    } else if (name === 'generatorurl') {
      // strfmt.URI decodes itself, so a wrong type fails at once, before an earlier label mismatch.
      if (value !== null && typeof value !== 'string') throw labelsAndUrl.typeError(value, 'Go struct field Alert.generatorURL', 'string', at);
      alert.generatorURL = labelsAndUrl.string(value, 'Go struct field Alert.generatorURL', at);
    }
  }
  labelsAndUrl.finish();
  return { alert, hasLabels };
}

/** The OpenAPI checks, in the order go-swagger runs them (properties alphabetically). */
function checkSchema({ alert, hasLabels }: Decoded, index: number, validUris: Set<string>): void {
  const uri = alert.generatorURL;
  if (uri !== '' && !validUris.has(uri)) {
    if (!isRequestUri(uri)) {
      throw new ApiPayloadError(422, PAYLOAD_CODES.invalidFormat, `${index}.generatorURL in body must be of type uri: ${goQuote(uri)}`, `$[${index}].generatorURL`);
    }
    validUris.add(uri);
  }
  if (!hasLabels) {
    throw new ApiPayloadError(422, PAYLOAD_CODES.required, `${index}.labels in body is required`, `$[${index}].labels`);
  }
}
