/**
 * Reading the JSON body of a POST as go-openapi binds it: the media type must be JSON (a request
 * without one counts as application/octet-stream), an empty body is a missing required
 * parameter, and the first JSON value is decoded with Go's syntax rules. The size limit applies
 * first, while reading.
 */
import type { IncomingMessage } from 'node:http';
import { readBody } from '../../http/read-body.js';
import { ApiPayloadError, PAYLOAD_CODES } from '../alerts/api-errors.js';
import { BodyDecoder } from '../alerts/go-json-decode.js';
import { MediaTypeError } from './api-errors.js';
import { MAX_JSON_DEPTH, scanJsonValue } from './go-json-syntax.js';

/** `what` names the body parameter in messages: `alerts`, `silence`. */
export async function readJsonBody(request: IncomingMessage, what: string, limitBytes: number): Promise<unknown> {
  const mediaType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new MediaTypeError(mediaType);
  return decodeJsonBody(await readBody(request, limitBytes), what);
}

export function decodeJsonBody(body: Uint8Array, what: string): unknown {
  const whole = parseWholeBody(body);
  if (whole.parsed) return whole.value;
  const scan = scanJsonValue(body);
  if (scan.kind === 'empty') throw new ApiPayloadError(422, PAYLOAD_CODES.required, `${what} in body is required`, '$');
  const decoder = new BodyDecoder(what);
  if (scan.kind === 'error') throw decoder.failure(scan.message, '$');
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, scan.end).toString('utf8'));
  } catch (e) {
    throw decoder.failure((e as Error).message, '$');
  }
}

/**
 * The common case first: a body that is exactly one JSON value is what Go's decoder takes too,
 * unless it nests deeper than Go allows, which takes more `[` and `{` bytes than it has.
 * Anything else (trailing data, a syntax error, an empty body) is left to the Go-syntax scan.
 */
function parseWholeBody(body: Uint8Array): { parsed: true; value: unknown } | { parsed: false } {
  if (!fewerOpeningsThan(body, MAX_JSON_DEPTH)) return { parsed: false };
  try {
    return { parsed: true, value: JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) };
  } catch {
    return { parsed: false };
  }
}

function fewerOpeningsThan(body: Uint8Array, limit: number): boolean {
  let openings = 0;
  for (const opening of [0x5b, 0x7b]) {
    for (let at = body.indexOf(opening); at >= 0; at = body.indexOf(opening, at + 1)) {
      if (++openings >= limit) return false;
    }
  }
  return true;
}
