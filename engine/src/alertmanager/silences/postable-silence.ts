/**
 * The body of POST /api/v2/silences (postableSilence) decoded as upstream decodes it: Go's JSON
 * decoding into the OpenAPI model (type errors, 400), then the schema's checks in go-swagger's
 * order (the first failure, 422), then the handler's own checks on the times (checkPostedTimes,
 * 400). `annotations` is 0.34's addition; 0.25 ignores it.
 */
import { ApiPayloadError, ApiRequestError, PAYLOAD_CODES } from '../alerts/api-errors.js';
import { BodyDecoder, childPath, goFields, isJsonObject } from '../alerts/go-json-decode.js';
import type { SilenceMatcher } from '../model.js';
import type { SilenceInput } from './silences.js';

const BODY_STRUCT = 'struct { ID string "json:\\"id,omitempty\\"" }';

/** The silence's times and texts, by the lower-cased key Go's decoder matches them with. */
const TIME_FIELDS = new Map<string, 'startsAt' | 'endsAt'>([
  ['startsat', 'startsAt'],
  ['endsat', 'endsAt'],
]);
const TEXT_FIELDS = new Map<string, 'createdBy' | 'comment'>([
  ['createdby', 'createdBy'],
  ['comment', 'comment'],
]);

/**
 * Decodes the body into what Silences.set takes; throws ApiPayloadError. A null body counts as
 * `{}`. As go-swagger, the `id` is decoded (and fails) first, then the rest.
 */
export function parsePostableSilence(body: unknown): SilenceInput {
  const idPart = new BodyDecoder('silence');
  if (body !== null && !isJsonObject(body)) {
    idPart.mismatch(body, 'Go value', BODY_STRUCT, '$');
    idPart.finish();
  }
  const fields = goFields((body ?? {}) as Record<string, unknown>);
  const silence: SilenceInput = { matchers: [], startsAt: 0, endsAt: 0, createdBy: '', comment: '' };
  const id = fields.get('id');
  if (id) silence.id = idPart.string(id.value, 'Go struct field .id', childPath('$', id.key));
  idPart.finish();

  const decoder = new BodyDecoder('silence');
  const present = new Set<string>();
  const matcherPresence: Set<string>[] = [];
  for (const [name, { key, value }] of fields) {
    const at = childPath('$', key);
    if (value !== null && value !== undefined) present.add(name);
    const timeField = TIME_FIELDS.get(name);
    const textField = TEXT_FIELDS.get(name);
    if (timeField) silence[timeField] = decoder.time(value, `Go struct field Silence.${timeField}`, at);
    else if (textField) silence[textField] = decoder.string(value, `Go struct field Silence.${textField}`, at);
    else if (name === 'matchers') silence.matchers = decodeMatchers(decoder, value, at, matcherPresence);
    else if (name === 'annotations') {
      const annotations = decoder.stringMap(value, 'Go struct field Silence.annotations', at);
      if (annotations) silence.annotations = Object.fromEntries(annotations);
    }
  }
  decoder.finish();
  checkSchema(present, matcherPresence);
  if (silence.id === '') delete silence.id;
  return silence;
}

/** The handler's checks before it sets the silence; throws ApiRequestError (400). */
export function checkPostedTimes(silence: Pick<SilenceInput, 'startsAt' | 'endsAt'>, now: number): void {
  if (silence.startsAt >= silence.endsAt) throw new ApiRequestError(400, 'Failed to create silence: start time must be before end time');
  if (silence.endsAt < now) throw new ApiRequestError(400, "Failed to create silence: end time can't be in the past");
}

function decodeMatchers(decoder: BodyDecoder, value: unknown, path: string, presence: Set<string>[]): SilenceMatcher[] {
  if (value === null || value === undefined) return [];
  if (!Array.isArray(value)) {
    decoder.mismatch(value, 'Go struct field Silence.matchers', 'models.Matchers', path);
    return [];
  }
  return value.map((element, index) => {
    const at = childPath(path, index);
    const matcher: SilenceMatcher = { name: '', value: '', isRegex: false, isEqual: true };
    const fields = new Set<string>();
    presence.push(fields);
    if (element === null) return matcher;
    if (!isJsonObject(element)) {
      decoder.mismatch(element, 'Go struct field Silence.matchers', 'models.Matcher', at);
      return matcher;
    }
    for (const [name, { key, value: field }] of goFields(element)) {
      const fieldPath = childPath(at, key);
      if (field !== null && field !== undefined) fields.add(name);
      if (name === 'name' || name === 'value') matcher[name] = decoder.string(field, `Go struct field Matcher.matchers.${name}`, fieldPath);
      else if (name === 'isregex') matcher.isRegex = decodeBool(decoder, field, 'isRegex', fieldPath) ?? false;
      else if (name === 'isequal') matcher.isEqual = decodeBool(decoder, field, 'isEqual', fieldPath) ?? true;
    }
    return matcher;
  });
}

function decodeBool(decoder: BodyDecoder, value: unknown, field: string, path: string): boolean | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    decoder.mismatch(value, `Go struct field Matcher.matchers.${field}`, 'bool', path);
    return undefined;
  }
  return value;
}

/** go-swagger checks the silence's properties alphabetically, and each matcher's likewise. */
function checkSchema(present: ReadonlySet<string>, matchers: readonly ReadonlySet<string>[]): void {
  const required = (name: string, path: string) => new ApiPayloadError(422, PAYLOAD_CODES.required, `${name} in body is required`, path);
  for (const field of ['comment', 'createdBy', 'endsAt']) {
    if (!present.has(field.toLowerCase())) throw required(field, `$.${field}`);
  }
  if (!present.has('matchers')) throw required('matchers', '$.matchers');
  if (matchers.length === 0) {
    throw new ApiPayloadError(422, PAYLOAD_CODES.tooFewItems, 'matchers in body should have at least 1 items', '$.matchers');
  }
  for (const [index, fields] of matchers.entries()) {
    for (const field of ['isRegex', 'name', 'value']) {
      if (!fields.has(field.toLowerCase())) throw required(`matchers.${index}.${field}`, `$.matchers[${index}].${field}`);
    }
  }
  if (!present.has('startsat')) throw required('startsAt', '$.startsAt');
}
