/**
 * The body of POST /api/v2/alerts (a list of postableAlert) decoded as upstream decodes it:
 * first Go's JSON decoding into the OpenAPI models (type errors, 400), then the schema's checks
 * (`labels` required, `generatorURL` a URI; the first failure, 422). What the alerts mean is
 * checked afterwards, per alert, by ingestPostedAlerts.
 */
import { goQuote } from '../../labels/labels.js';
import { ApiPayloadError, PAYLOAD_CODES } from './api-errors.js';
import { BodyDecoder, childPath, goFields, isJsonObject } from './go-json-decode.js';
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
  const decoded = (body as unknown[]).map((element, index) => decodeAlert(element, childPath('$', index)));
  decoded.forEach((alert, index) => checkSchema(alert, index));
  return decoded.map(({ alert }) => alert);
}

/**
 * go-swagger decodes each element on its own, in two passes (the allOf parts): annotations and
 * times first, then labels and generatorURL; the first part that fails fails the whole body.
 */
function decodeAlert(element: unknown, path: string): Decoded {
  const alert: PostableAlert = { labels: [], annotations: [], startsAt: 0, endsAt: 0, generatorURL: '' };
  if (element === null) return { alert, hasLabels: false };
  const timesAndAnnotations = new BodyDecoder('alerts');
  if (!isJsonObject(element)) {
    timesAndAnnotations.mismatch(element, 'Go value', ALERT_STRUCT, path);
    timesAndAnnotations.finish();
  }
  const fields = goFields(element as Record<string, unknown>);
  for (const [name, { key, value }] of fields) {
    const at = childPath(path, key);
    if (name === 'annotations') alert.annotations = timesAndAnnotations.stringMap(value, 'Go struct field .annotations', at) ?? [];
    else if (name === 'startsat') alert.startsAt = timesAndAnnotations.time(value, 'Go struct field .startsAt', at);
    else if (name === 'endsat') alert.endsAt = timesAndAnnotations.time(value, 'Go struct field .endsAt', at);
  }
  timesAndAnnotations.finish();
  const labelsAndUrl = new BodyDecoder('alerts');
  let hasLabels = false;
  for (const [name, { key, value }] of fields) {
    const at = childPath(path, key);
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
function checkSchema({ alert, hasLabels }: Decoded, index: number): void {
  if (alert.generatorURL !== '' && !isRequestUri(alert.generatorURL)) {
    throw new ApiPayloadError(
      422,
      PAYLOAD_CODES.invalidFormat,
      `${index}.generatorURL in body must be of type uri: ${goQuote(alert.generatorURL)}`,
      `$[${index}].generatorURL`,
    );
  }
  if (!hasLabels) {
    throw new ApiPayloadError(422, PAYLOAD_CODES.required, `${index}.labels in body is required`, `$[${index}].labels`);
  }
}
