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
import { scanJsonValue } from './go-json-syntax.js';

/** `what` names the body parameter in messages: `alerts`, `silence`. */
export async function readJsonBody(request: IncomingMessage, what: string, limitBytes: number): Promise<unknown> {
  const mediaType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') throw new MediaTypeError(mediaType);
  return decodeJsonBody(await readBody(request, limitBytes), what);
}

export function decodeJsonBody(body: Uint8Array, what: string): unknown {
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
